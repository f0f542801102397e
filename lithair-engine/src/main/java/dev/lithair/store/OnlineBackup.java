package dev.lithair.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.lithair.backup.BackupInfo;
import dev.lithair.internal.backup.BackupManifest;
import dev.lithair.internal.backup.LiveBackup;
import dev.lithair.internal.log.LogSyncer;
import dev.lithair.internal.log.SegmentFile;
import dev.lithair.internal.log.SegmentedLog;
import dev.lithair.internal.log.StorageOutage;

/**
 * The backup of a running store. On the writer thread, between two groups, it notes where the written log
 * ends (the sequence S, the active segment and its bytes up to S) and queues the copy on the snapshot thread
 * before anything a later pass queues there; that is all the writer does. On the snapshot thread, where no
 * snapshot is written and nothing compacted meanwhile, it forces the log through S, links or copies the files
 * ({@link LiveBackup}), checks on the writer thread that the log was not cut back after a storage failure since
 * (which would have rewritten bytes up to S), and writes the manifest. Stateless.
 */
final class OnlineBackup {

    private static final Logger log = LoggerFactory.getLogger(OnlineBackup.class);

    private OnlineBackup() {
    }

    static CompletableFuture<BackupInfo> take(Path backupDirectory, StoreOptions options, StoreWriter writer,
            SegmentedLog segmentedLog, LogSyncer syncer, Snapshotter snapshotter) {
        Objects.requireNonNull(backupDirectory, "backupDirectory");
        return writer.control(() -> {
            StorageOutage outage = writer.recovery.outage();
            if (outage != null) {
                throw outage.refusal();
            }
            SegmentedLog.WrittenEnd end = segmentedLog.writtenEnd();
            SegmentFile active = segmentedLog.activeSegment();
            LiveBackup.Plan plan = new LiveBackup.Plan(end.lastSequence(), Instant.now(options.clock()),
                    end.activeSegment(), end.activeFirstSequence(), end.activeBytes());
            return snapshotter.runBetweenSnapshots(
                    () -> copy(backupDirectory, options.dataDirectory(), plan, end.cuts(), active, writer,
                            segmentedLog, syncer));
        }).thenCompose(copying -> copying);
    }

    private static BackupInfo copy(Path backupDirectory, Path dataDirectory, LiveBackup.Plan plan, long cuts,
            SegmentFile active, StoreWriter writer, SegmentedLog segmentedLog, LogSyncer syncer) {
        long started = System.nanoTime();
        syncer.forceNow(List.of(active)).join();
        try {
            LiveBackup.Pending pending = LiveBackup.write(dataDirectory, backupDirectory, plan);
            try {
                boolean intact = writer.control(() -> segmentedLog.cuts() == cuts
                        && segmentedLog.durableSequence() >= plan.sequence()).join();
                if (!intact) {
                    throw new IllegalStateException("the log was cut back after a storage failure while the backup "
                            + "at sequence " + plan.sequence() + " was copied, so the copy may hold records that were "
                            + "refused: the backup was dropped; take it again once the store accepts commits");
                }
                BackupManifest manifest = pending.publish();
                log.info("Backup {} written: sequence {}, {} files, {} bytes in {} ms", pending.folder(),
                        manifest.sequence(), manifest.files().size(), manifest.bytes(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                return new BackupInfo(pending.folder().getFileName().toString(), pending.folder(),
                        manifest.sequence(), manifest.time(), manifest.bytes());
            } catch (IOException | RuntimeException | Error e) {
                pending.abandon(e);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("backing up into " + backupDirectory + " failed", e);
        }
    }
}
