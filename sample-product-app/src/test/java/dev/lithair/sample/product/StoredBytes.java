package dev.lithair.sample.product;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Searches the files of a data directory byte by byte, as someone holding a copy of it could: whatever the
 * file (log segment, snapshot, metadata), a value stored as text is found by its UTF-8 bytes.
 */
final class StoredBytes {

    private StoredBytes() {
    }

    /** The regular files under {@code directory} holding the UTF-8 bytes of {@code text}. */
    static List<Path> filesContaining(Path directory, String text) {
        byte[] wanted = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).filter(file -> contains(read(file), wanted)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException deletedSinceListed) {
            // The store deleted it (an old segment or snapshot) between the listing and now: it holds nothing.
            return new byte[0];
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static boolean contains(byte[] bytes, byte[] wanted) {
        for (int start = 0; start <= bytes.length - wanted.length; start++) {
            if (Arrays.equals(bytes, start, start + wanted.length, wanted, 0, wanted.length)) {
                return true;
            }
        }
        return false;
    }
}
