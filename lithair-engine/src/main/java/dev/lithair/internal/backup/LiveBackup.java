package dev.lithair.internal.backup;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.lithair.internal.log.LogScanner;
import dev.lithair.internal.snapshot.SnapshotStore;

/**
 * Writes the backup of a running store's data directory up to a sequence the store's writer recorded, while
 * the store goes on writing: snapshots and sealed segments are hard-linked (copied when linking fails), the
 * active segment is copied up to the bytes that held the records up to that sequence, and the copy is
 * scanned before the manifest may be written.
 *
 * <p>The caller guarantees that nothing deletes a file of the data directory while this runs (the store runs
 * it on its snapshot thread, which prunes snapshots and compacts) and that the records up to the sequence
 * are durable and are not rewritten (it checks the log was not cut back before it publishes).
 *
 * <p>Hard links share their content with the store's files, which is safe because the store never rewrites
 * a snapshot (a new one is renamed into place) nor a sealed segment. One sealed segment can be written to
 * again: after a storage failure the log is cut back to its last durable record and appended there, which is
 * the newest sealed segment when the active one held no record yet; that one is copied instead.
 */
public final class LiveBackup {

    private static final Logger log = LoggerFactory.getLogger(LiveBackup.class);
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    /** Folders tried for one name before giving up: more backups in one second at one sequence than anyone takes. */
    private static final int MAX_NAME_TRIES = 1000;

    private LiveBackup() {
    }

    /**
     * Where the log's records up to the backup's sequence are: see
     * {@code dev.lithair.internal.log.SegmentedLog.WrittenEnd}.
     *
     * @param sequence            the last sequence the backup holds
     * @param time                when the backup was taken
     * @param activeSegment       the segment the log appended to then
     * @param activeFirstSequence the sequence in its name
     * @param activeBytes         the bytes of records it held then
     */
    public record Plan(long sequence, Instant time, Path activeSegment, long activeFirstSequence, long activeBytes) {
    }

    /** A backup folder with every data file on disk and no manifest yet. */
    public static final class Pending {
        private final Path folder;
        private final Plan plan;

        private Pending(Path folder, Plan plan) {
            this.folder = folder;
            this.plan = plan;
        }

        public Path folder() {
            return folder;
        }

        /** Writes the manifest: from now on the folder is a complete backup. */
        public BackupManifest publish() throws IOException {
            BackupManifest manifest = BackupManifest.write(folder, folder.getFileName().toString(), plan.sequence(),
                    plan.time());
            BackupFiles.forceDirectory(folder.toAbsolutePath().getParent());
            return manifest;
        }

        /** Removes the folder after a failure, adding to {@code failure} when that fails too. */
        public void abandon(Throwable failure) {
            BackupFiles.removeHalfWritten(folder, true, failure);
        }
    }

    /**
     * Writes every data file of the backup into a new folder of {@code backupDirectory} (created if missing),
     * named {@code backup-<UTC time to the second>-<sequence>} (and {@code -2}, {@code -3}, ... when taken):
     * names sort by time and never collide.
     *
     * @throws IllegalStateException when the copy does not end exactly at the sequence; the folder is removed
     */
    public static Pending write(Path dataDirectory, Path backupDirectory, Plan plan) throws IOException {
        Files.createDirectories(backupDirectory);
        Pending pending = new Pending(createFolder(backupDirectory, plan), plan);
        try {
            copyFiles(dataDirectory, pending.folder, plan);
            check(pending.folder, plan.sequence());
            return pending;
        } catch (IOException | RuntimeException | Error e) {
            pending.abandon(e);
            throw e;
        }
    }

    /**
     * Writes the backup of a state held in one snapshot file (a cluster member's newest Raft snapshot): a new
     * folder of {@code backupDirectory}, named as {@link #write} names it, holding the store's metadata (when
     * {@code meta} exists) and the snapshot, linked or copied. Its log is empty: it restores to its sequence only.
     *
     * @param meta     the store's {@code meta.raftmeta}
     * @param snapshot a snapshot file in the store's format, holding the state after {@code sequence}
     */
    public static Pending writeSnapshot(Path meta, Path snapshot, long sequence, Instant time, Path backupDirectory)
            throws IOException {
        Files.createDirectories(backupDirectory);
        Plan plan = new Plan(sequence, time, null, Long.MAX_VALUE, 0);
        Pending pending = new Pending(createFolder(backupDirectory, plan), plan);
        try {
            if (Files.exists(meta)) {
                BackupFiles.copy(meta, pending.folder.resolve(BackupFiles.META_FILE_NAME));
            }
            BackupFiles.linkOrCopy(snapshot, pending.folder.resolve(SnapshotStore.fileName(sequence)), true);
            BackupFiles.forceDirectory(pending.folder);
            check(pending.folder, sequence);
            return pending;
        } catch (IOException | RuntimeException | Error e) {
            pending.abandon(e);
            throw e;
        }
    }

    private static Path createFolder(Path backupDirectory, Plan plan) throws IOException {
        String name = "backup-" + NAME_TIME.format(plan.time()) + "-" + plan.sequence();
        for (int n = 1; n <= MAX_NAME_TRIES; n++) {
            Path folder = backupDirectory.resolve(n == 1 ? name : name + "-" + n);
            try {
                return Files.createDirectory(folder);
            } catch (FileAlreadyExistsException taken) {
                // Another backup of the same second and sequence: the next suffix.
            }
        }
        throw new IOException("no free folder name for " + name + " in " + backupDirectory + " after "
                + MAX_NAME_TRIES + " tries");
    }

    private static void copyFiles(Path dataDirectory, Path folder, Plan plan) throws IOException {
        // The segments' directory entries reach the disk, so that after a crash the store does not resume
        // appending in a sealed segment whose successor's entry was lost (linked here, it must not change).
        BackupFiles.forceDirectory(dataDirectory);
        Path meta = dataDirectory.resolve(BackupFiles.META_FILE_NAME);
        if (Files.exists(meta)) {
            BackupFiles.copy(meta, folder.resolve(BackupFiles.META_FILE_NAME));
        }
        boolean linking = true;
        int linked = 0;
        int copied = 0;
        for (long sequence : BackupFiles.snapshotSequences(dataDirectory)) {
            if (sequence <= plan.sequence()) {
                String name = SnapshotStore.fileName(sequence);
                linking = BackupFiles.linkOrCopy(dataDirectory.resolve(name), folder.resolve(name), linking);
                if (linking) {
                    linked++;
                } else {
                    copied++;
                }
            }
        }
        List<Path> sealed = LogScanner.segmentFiles(dataDirectory).stream()
                .filter(segment -> LogScanner.namedSequence(segment) < plan.activeFirstSequence()).toList();
        for (int i = 0; i < sealed.size(); i++) {
            Path segment = sealed.get(i);
            Path target = folder.resolve(segment.getFileName());
            if (i == sealed.size() - 1 && plan.activeBytes() == 0) {
                BackupFiles.copy(segment, target);
                copied++;
                continue;
            }
            linking = BackupFiles.linkOrCopy(segment, target, linking);
            if (linking) {
                linked++;
            } else {
                copied++;
            }
        }
        // Compaction (by a snapshot queued before the backup) may have deleted the active segment: the snapshot
        // it left covers every record of it, which the check below confirms.
        if (plan.activeBytes() > 0 && Files.exists(plan.activeSegment())) {
            BackupFiles.copyPrefix(plan.activeSegment(), folder.resolve(plan.activeSegment().getFileName()),
                    plan.activeBytes());
            copied++;
        }
        BackupFiles.forceDirectory(folder);
        log.debug("Backup {}: {} file(s) linked, {} copied", folder.getFileName(), linked, copied);
    }

    /** The copy must read as a data directory whose log and snapshots end exactly at {@code sequence}. */
    private static void check(Path folder, long sequence) throws IOException {
        List<Long> snapshots = BackupFiles.snapshotSequences(folder);
        long newest = snapshots.isEmpty() ? 0 : snapshots.get(snapshots.size() - 1);
        LogScanner.Result scan = LogScanner.scan(folder, newest);
        if (scan.damage().isPresent()) {
            LogScanner.Damage damage = scan.damage().get();
            throw new IllegalStateException("the backup's copy of the log is damaged at "
                    + damage.file().getFileName() + " offset " + damage.offset() + " (" + damage.reason() + ")");
        }
        long last = Math.max(scan.lastSequence(), newest);
        if (last != sequence) {
            throw new IllegalStateException("the backup's copy ends at sequence " + last + ", not at " + sequence);
        }
    }
}
