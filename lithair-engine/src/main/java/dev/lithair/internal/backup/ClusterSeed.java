package dev.lithair.internal.backup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import dev.lithair.internal.log.LogScanner;
import dev.lithair.internal.snapshot.SnapshotStore;

/**
 * A data directory restored from a backup to seed a new cluster: a marker file next to the restored
 * snapshot and log says so. The cluster member started on it writes that state as its first Raft snapshot,
 * then removes the restored files and the marker, which its Raft state replaces.
 *
 * <p>Why a marker: a cluster member started on a directory holding a single node's log refuses to start,
 * since it would ignore that data. Seeding is an explicit choice (the CLI's {@code restore --cluster-seed}),
 * never a guess: two members seeded from different data would diverge. Stateless.
 */
public final class ClusterSeed {

    /** The marker's name; it holds one line saying what the directory was restored from. */
    public static final String MARKER_FILE_NAME = "cluster-seed";

    private ClusterSeed() {
    }

    /** Marks {@code dataDirectory} as the seed of a new cluster; forced to disk before it returns. */
    public static void mark(Path dataDirectory, String restoredFrom) throws IOException {
        Path marker = dataDirectory.resolve(MARKER_FILE_NAME);
        try (FileChannel channel = FileChannel.open(marker, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(("restored from " + restoredFrom + "\n")
                    .getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
        BackupFiles.forceDirectory(dataDirectory);
    }

    /** Whether {@code dataDirectory} is marked as the seed of a new cluster. */
    public static boolean isMarked(Path dataDirectory) {
        return Files.exists(dataDirectory.resolve(MARKER_FILE_NAME));
    }

    /**
     * Removes the restored snapshots and log segments, then the marker, once the member's Raft state holds
     * what they held; the store's metadata stays.
     */
    public static void removeLocalData(Path dataDirectory) throws IOException {
        for (long sequence : BackupFiles.snapshotSequences(dataDirectory)) {
            Files.deleteIfExists(dataDirectory.resolve(SnapshotStore.fileName(sequence)));
        }
        for (Path segment : LogScanner.segmentFiles(dataDirectory)) {
            Files.deleteIfExists(segment);
        }
        Files.deleteIfExists(dataDirectory.resolve(MARKER_FILE_NAME));
        BackupFiles.forceDirectory(dataDirectory);
    }
}
