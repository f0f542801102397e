package dev.lithair.internal.backup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

import dev.lithair.event.StorageFormat;
import dev.lithair.event.ValueLimits;
import dev.lithair.exception.BackupRefusedException;
import dev.lithair.internal.codec.RecordCodec;
import dev.lithair.internal.log.LogScanner;
import dev.lithair.internal.log.SegmentedLog;
import dev.lithair.internal.snapshot.SnapshotStore;

/**
 * The file operations backups and restores share: the target folder (never overwritten), copies that
 * reach the disk before the manifest names them, hard links, and removing a target left half-written.
 * Stateless; thread-safe.
 */
final class BackupFiles {

    /**
     * The data directory's metadata file, as {@code dev.lithair.store.StoreMeta#FILE_NAME} names it (the
     * internals cannot see the store's classes; a test holds the two equal).
     */
    static final String META_FILE_NAME = "meta.raftmeta";

    private BackupFiles() {
    }

    /** A codec for reading snapshot and record headers and bodies in any format, with the widest limits. */
    static RecordCodec readingCodec() {
        return new RecordCodec(StorageFormat.JSON, ValueLimits.ceilings());
    }

    /** The sequences of the snapshot files in {@code directory}, oldest first. */
    static List<Long> snapshotSequences(Path directory) throws IOException {
        return new SnapshotStore(directory, readingCodec(), 1).sequences();
    }

    /** Whether {@code directory} holds a metadata file, a log segment or a snapshot. */
    static boolean holdsLithairData(Path directory) throws IOException {
        return Files.exists(directory.resolve(META_FILE_NAME)) || !LogScanner.segmentFiles(directory).isEmpty()
                || !snapshotSequences(directory).isEmpty();
    }

    /**
     * Makes {@code target} an empty folder to write into: one that does not exist is created, an empty one
     * is used as it is.
     *
     * @return whether it was created here (and is removed again when the operation fails)
     * @throws BackupRefusedException when it exists and is not an empty folder; nothing was changed
     */
    static boolean prepareTarget(Path target) throws IOException {
        requireAbsentOrEmpty(target);
        if (Files.isDirectory(target)) {
            return false;
        }
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.createDirectory(target);
        } catch (FileAlreadyExistsException raced) {
            requireAbsentOrEmpty(target);
            return false;
        }
        return true;
    }

    /** Refuses a target that exists and is not an empty folder. */
    static void requireAbsentOrEmpty(Path target) throws IOException {
        if (!Files.exists(target)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new BackupRefusedException(BackupRefusedException.Reason.TARGET_NOT_EMPTY,
                    target + " exists and is not a folder: nothing is ever overwritten; name a new folder");
        }
        try (Stream<Path> entries = Files.list(target)) {
            if (entries.findAny().isPresent()) {
                throw new BackupRefusedException(BackupRefusedException.Reason.TARGET_NOT_EMPTY, target
                        + " is not empty: nothing is ever overwritten; name a new folder or an empty one");
            }
        }
    }

    /** Copies {@code source} whole to {@code target} (which must not exist) and forces the copy. */
    static void copy(Path source, Path target) throws IOException {
        Files.copy(source, target);
        force(target);
    }

    /**
     * Copies what the file {@code source}, open as {@code channel}, holds now to {@code target} (which must not
     * exist) and forces the copy; the file may have been deleted since it was opened.
     */
    static void copy(Path source, FileChannel channel, Path target) throws IOException {
        long bytes = channel.size();
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            transfer(channel, out, bytes, source);
            out.force(true);
        }
    }

    private static void transfer(FileChannel in, FileChannel out, long bytes, Path source) throws IOException {
        long copied = 0;
        while (copied < bytes) {
            long moved = in.transferTo(copied, bytes - copied, out);
            if (moved <= 0) {
                throw new IOException(source + " holds " + in.size() + " bytes, fewer than the " + bytes + " to copy");
            }
            copied += moved;
        }
    }

    /**
     * Copies the first {@code bytes} of {@code source} to {@code target} (which must not exist) and forces the
     * copy.
     *
     * @throws IOException when the source holds fewer bytes
     */
    static void copyPrefix(Path source, Path target, long bytes) throws IOException {
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            transfer(in, out, bytes, source);
            out.force(true);
        }
    }

    /**
     * Links {@code target} to the file {@code source} (they then share their content, which is never
     * rewritten), or copies it when linking fails, e.g. across file systems.
     *
     * @param linking whether to try a link first; {@code false} after one failed in the same folder
     * @return whether it was linked
     */
    static boolean linkOrCopy(Path source, Path target, boolean linking) throws IOException {
        if (linking) {
            try {
                Files.createLink(target, source);
                force(target);
                return true;
            } catch (NoSuchFileException vanished) {
                throw vanished;
            } catch (UnsupportedOperationException | IOException notLinkable) {
                // Another file system, or one without hard links: a copy holds the same bytes.
                Files.deleteIfExists(target);
            }
        }
        copy(source, target);
        return false;
    }

    /** Forces a file's content and size to disk. */
    static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    static void forceDirectory(Path directory) throws IOException {
        SegmentedLog.forceDirectory(directory);
    }

    /** Cuts a file down to {@code bytes} and forces it. */
    static void truncate(Path file, long bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(bytes);
            channel.force(true);
        }
    }

    /** Deletes every file in {@code folder} (which holds files only). */
    static void empty(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path entry : entries.toList()) {
                Files.delete(entry);
            }
        }
    }

    /**
     * After a failed operation: empties {@code target} and removes it when the operation created it; a
     * failure to do so is added to {@code failure}, which the caller throws.
     */
    static void removeHalfWritten(Path target, boolean created, Throwable failure) {
        try {
            if (Files.isDirectory(target)) {
                empty(target);
                if (created) {
                    Files.delete(target);
                }
            }
        } catch (IOException | RuntimeException cleanup) {
            failure.addSuppressed(new IOException("removing the half-written " + target + " failed: remove it by "
                    + "hand", cleanup));
        }
    }
}
