package dev.lithair.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Temporary directories for tests that cannot use JUnit's {@code @TempDir} (property tests, a directory per
 * try, a member wiped in the middle of a test), and their recursive deletion.
 */
public final class TestDirectories {

    private TestDirectories() {
    }

    /** A new empty directory under the system's temporary directory, its name starting with {@code prefix}. */
    public static Path create(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
    }

    /** A new empty directory under {@code parent}, its name starting with {@code prefix}. */
    public static Path create(Path parent, String prefix) {
        try {
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory under " + parent, e);
        }
    }

    /** Deletes {@code path} and everything under it; a path that does not exist is left as it is. */
    public static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        List<Path> deepestFirst;
        try (Stream<Path> files = Files.walk(path)) {
            deepestFirst = files.sorted(Comparator.reverseOrder()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path + " to delete it", e);
        }
        for (Path file : deepestFirst) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + file, e);
            }
        }
    }

    /** The bytes of the regular files under {@code directory}. */
    public static long size(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            long bytes = 0;
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                bytes += Files.size(file);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + directory, e);
        }
    }
}
