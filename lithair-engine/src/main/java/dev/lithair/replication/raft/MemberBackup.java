package dev.lithair.replication.raft;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.lithair.backup.BackupInfo;
import dev.lithair.store.spi.StoreReplica;

/**
 * The backup of a cluster member: its newest Raft snapshot, which holds the whole state in the store's
 * snapshot format, copied into a backup folder with the store's metadata. Such a backup restores to its
 * sequence only (a member keeps no log of its own to reach other instants), and seeds a new cluster.
 *
 * <p>Stateless. JRaft replaces its snapshot directory when it takes the next snapshot: a snapshot that
 * vanishes while it is linked is looked for again in the newer directory.
 */
final class MemberBackup {

    private static final Logger log = LoggerFactory.getLogger(MemberBackup.class);
    private static final int ATTEMPTS = 3;

    private MemberBackup() {
    }

    /** Backs up the newest snapshot of {@code raftSnapshots} (JRaft's {@code snapshot_<index>} folders). */
    static BackupInfo copyNewest(Path raftSnapshots, StoreReplica replica, Path backupDirectory) {
        NoSuchFileException vanished = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                Path snapshot = newestSnapshotFile(raftSnapshots).orElseThrow(() -> new IllegalStateException(
                        "this member has no Raft snapshot in " + raftSnapshots + " to back up"));
                BackupInfo backup = replica.backUpSnapshot(snapshot, sequenceOf(snapshot), backupDirectory);
                log.info("Backup {} of this cluster member written: its Raft snapshot at sequence {}, {} bytes",
                        backup.directory(), backup.sequence(), backup.bytes());
                return backup;
            } catch (NoSuchFileException e) {
                vanished = e; // a newer Raft snapshot replaced it meanwhile: back that one up
            } catch (IOException e) {
                throw new UncheckedIOException("backing up this member into " + backupDirectory + " failed", e);
            }
        }
        throw new UncheckedIOException("the member's Raft snapshot was replaced " + ATTEMPTS + " times while it was "
                + "backed up", vanished);
    }

    /** The store's snapshot file in the newest {@code snapshot_<index>} folder. */
    private static Optional<Path> newestSnapshotFile(Path raftSnapshots) throws IOException {
        List<Path> folders;
        try (Stream<Path> entries = Files.list(raftSnapshots)) {
            folders = entries.filter(path -> path.getFileName().toString().matches("snapshot_\\d+"))
                    .sorted(Comparator.comparingLong(MemberBackup::indexOf).reversed()).toList();
        }
        for (Path folder : folders) {
            try (Stream<Path> files = Files.list(folder)) {
                Optional<Path> snapshot = files.filter(file -> file.getFileName().toString()
                        .matches("state-\\d+\\.raftsnap")).findFirst();
                if (snapshot.isPresent()) {
                    return snapshot;
                }
            }
        }
        return Optional.empty();
    }

    private static long indexOf(Path folder) {
        return Long.parseLong(folder.getFileName().toString().substring("snapshot_".length()));
    }

    private static long sequenceOf(Path snapshot) {
        String name = snapshot.getFileName().toString();
        return Long.parseLong(name.substring("state-".length(), name.length() - ".raftsnap".length()));
    }
}
