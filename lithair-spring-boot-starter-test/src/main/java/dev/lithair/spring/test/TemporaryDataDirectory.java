package dev.lithair.spring.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

import org.springframework.beans.factory.DisposableBean;

/**
 * A data directory made for one test context in the system's temporary directory, and deleted with
 * everything in it when that context is destroyed.
 */
final class TemporaryDataDirectory implements DisposableBean {

    private final Path path;

    private TemporaryDataDirectory(Path path) {
        this.path = path;
    }

    static TemporaryDataDirectory create() {
        try {
            return new TemporaryDataDirectory(Files.createTempDirectory("lithair-test-"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary Lithair data directory", e);
        }
    }

    Path path() {
        return path;
    }

    @Override
    public void destroy() throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
