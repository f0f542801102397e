package dev.lithair.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.lithair.exception.BackupRefusedException;
import dev.lithair.internal.backup.BackupManifest;
import dev.lithair.internal.backup.ClusterSeed;
import dev.lithair.internal.backup.DirectoryCopy;
import dev.lithair.internal.backup.Restorer;

/**
 * Backup folders: listing them, copying a data directory into one without the store's help, and restoring
 * one into a new data directory. A running store takes its own backups with {@code LithairStore.backup}.
 * Thread-safe: stateless; each call works on the files it is given.
 */
public final class Backups {

    private static final Logger log = LoggerFactory.getLogger(Backups.class);

    /** The manifest of a backup folder, written last: a folder without it is not a complete backup. */
    public static final String MANIFEST_FILE_NAME = BackupManifest.FILE_NAME;

    private Backups() {
    }

    /**
     * Every complete backup folder in {@code backupDirectory}, oldest first (by the time each was taken, then
     * by name). A missing directory gives an empty list. A folder without a manifest (a backup being written,
     * or one that failed) is left out, and so is one whose manifest cannot be read, which is logged.
     *
     * @param backupDirectory the directory of backup folders
     * @return the backups, oldest first
     * @throws UncheckedIOException when the directory cannot be listed, or is a file
     */
    public static List<BackupInfo> list(Path backupDirectory) {
        Objects.requireNonNull(backupDirectory, "backupDirectory");
        if (!Files.exists(backupDirectory)) {
            return List.of();
        }
        if (!Files.isDirectory(backupDirectory)) {
            throw new UncheckedIOException(new NotDirectoryException(backupDirectory + " is not a directory of "
                    + "backups"));
        }
        List<BackupInfo> backups = new ArrayList<>();
        try (Stream<Path> entries = Files.list(backupDirectory)) {
            for (Path folder : entries.filter(Files::isDirectory).toList()) {
                if (!BackupManifest.present(folder)) {
                    continue;
                }
                try {
                    backups.add(info(folder, BackupManifest.read(folder)));
                } catch (BackupRefusedException unreadable) {
                    // Damaged, or deleted since it was listed: not a backup to offer, and the others still are.
                    log.warn("Backup folder {} is left out of the list: {}", folder, unreadable.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the backups in " + backupDirectory, e);
        }
        backups.sort(Comparator.comparing(BackupInfo::time).thenComparing(BackupInfo::name));
        return List.copyOf(backups);
    }

    /**
     * The backup in {@code backupFolder}, as its manifest describes it.
     *
     * @param backupFolder the backup folder
     * @return the backup
     * @throws BackupRefusedException {@code NOT_A_BACKUP} without a manifest, {@code DAMAGED} with an unreadable one
     */
    public static BackupInfo read(Path backupFolder) {
        try {
            return info(backupFolder, BackupManifest.read(backupFolder));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the backup " + backupFolder, e);
        }
    }

    /**
     * Copies the data directory {@code dataDirectory} into the backup folder {@code targetFolder}, which must
     * not exist or be empty, without the store's help: a store may have the directory open (no lock is taken,
     * nothing is written there). The last segment is copied up to its last whole record; a file that compaction
     * deletes mid-copy starts the copy again, a few times at most. A running store copies itself more cheaply
     * and at an exact sequence with {@code LithairStore.backup}.
     *
     * @param dataDirectory the data directory to copy
     * @param targetFolder  the new backup folder
     * @return the backup, named after the target folder
     * @throws BackupRefusedException when the source holds no Lithair data or a damaged log, or the target is not
     *                                empty; the target is left as it was
     * @throws UncheckedIOException   when reading or writing fails; the target is left as it was
     */
    public static BackupInfo copy(Path dataDirectory, Path targetFolder) {
        try {
            BackupManifest manifest = DirectoryCopy.copy(dataDirectory, targetFolder, Instant.now());
            return info(targetFolder, manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("backing up " + dataDirectory + " into " + targetFolder + " failed", e);
        }
    }

    /**
     * Restores {@code backupFolder} into {@code newDataDirectory} (which must not exist or be empty) up to
     * {@code point}: a data directory holding exactly the commits up to there, which a store opens as it is.
     *
     * @param backupFolder     the backup folder
     * @param newDataDirectory the data directory to write
     * @param point            how much of the backup to keep
     * @return what the restore wrote
     * @throws BackupRefusedException {@code UNREACHABLE_POINT} when the backup does not reach the point,
     *                                {@code TARGET_NOT_EMPTY}, {@code NOT_A_BACKUP} or {@code DAMAGED}; nothing is
     *                                left in the target
     * @throws UncheckedIOException   when reading or writing fails; nothing is left in the target
     */
    public static RestoreResult restore(Path backupFolder, Path newDataDirectory, RestorePoint point) {
        Objects.requireNonNull(point, "point");
        try {
            Restorer.Restored restored;
            if (point instanceof RestorePoint.Sequence sequence) {
                restored = Restorer.restoreToSequence(backupFolder, newDataDirectory, sequence.sequence());
            } else if (point instanceof RestorePoint.Time time) {
                restored = Restorer.restoreToTime(backupFolder, newDataDirectory, time.instant());
            } else {
                restored = Restorer.restoreAll(backupFolder, newDataDirectory);
            }
            return new RestoreResult(newDataDirectory, restored.sequence(), restored.snapshotSequence(),
                    restored.commits(), restored.lastCommitTime(), restored.files(), restored.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException("restoring " + backupFolder + " into " + newDataDirectory + " failed", e);
        }
    }

    /**
     * Restores {@code backupFolder} up to {@code point} into {@code newDataDirectory} as the seed of a new cluster: the
     * cluster member started first on that directory makes the restored state its first Raft snapshot, which
     * the other members, started after it on empty directories, install. See {@code docs/cluster.md}.
     *
     * @param backupFolder     the backup folder
     * @param newDataDirectory the seed member's data directory to write
     * @param point            how much of the backup to keep
     * @return what the restore wrote
     */
    public static RestoreResult restoreAsClusterSeed(Path backupFolder, Path newDataDirectory, RestorePoint point) {
        RestoreResult restored = restore(backupFolder, newDataDirectory, point);
        try {
            ClusterSeed.mark(newDataDirectory, backupFolder.toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("marking " + newDataDirectory + " as a cluster seed failed", e);
        }
        return restored;
    }

    private static BackupInfo info(Path folder, BackupManifest manifest) {
        return new BackupInfo(folder.getFileName().toString(), folder, manifest.sequence(), manifest.time(),
                manifest.bytes());
    }
}
