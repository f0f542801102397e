package dev.lithair.sample.iot.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Writes a secret to a file that only its owner can read or write (POSIX permissions 600). The file is
 * created with those permissions, never wider for an instant: a temporary file is made with them in the
 * same directory, written and forced, then renamed over the target, so a reader sees the whole secret or
 * nothing, and a file already there (or a link in its place) is replaced rather than written through.
 */
final class OwnerOnlyFile {

    static final Set<PosixFilePermission> OWNER_READ_WRITE = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    private OwnerOnlyFile() {
    }

    /**
     * Writes {@code secret} and a line break to {@code file}, creating its directory if needed.
     *
     * @throws IOException           when it cannot be written; nothing is left at {@code file} then
     * @throws IllegalStateException when the file system has no POSIX permissions to restrict the file with
     */
    static void write(Path file, String secret) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        if (!directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            throw new IllegalStateException("The file system of " + directory + " has no POSIX permissions: "
                    + "a file there cannot be made readable by its owner only");
        }
        Path temporary = Files.createTempFile(directory, "." + file.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE));
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap((secret + "\n").getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }
}
