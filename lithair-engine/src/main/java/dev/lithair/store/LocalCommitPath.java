package dev.lithair.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.lithair.backup.BackupInfo;
import dev.lithair.exception.StoreUnavailableException;
import dev.lithair.internal.codec.RecordCodec;
import dev.lithair.internal.log.ForceMode;
import dev.lithair.internal.log.LogSyncer;
import dev.lithair.internal.log.SegmentedLog;
import dev.lithair.internal.log.StorageOutage;
import dev.lithair.internal.snapshot.SnapshotStore;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.CommitPath;
import dev.lithair.store.spi.CommitResult;
import dev.lithair.store.spi.CommitTrace;
import dev.lithair.store.spi.CommitWait;
import dev.lithair.store.spi.ReadConsistency;
import dev.lithair.store.spi.SnapshotInfo;
import dev.lithair.store.spi.StoreStats;

/**
 * The default commit path: the single writer, the local segmented log with its syncer, and snapshots
 * with compaction, all in the store's data directory. Thread-safe.
 */
final class LocalCommitPath implements CommitPath {

    /** How long a blocking commit waits for the store before giving up. */
    private static final Duration COMMIT_TIMEOUT = Duration.ofMinutes(5);

    private final StoreState state;
    private final SegmentedLog segmentedLog;
    private final SnapshotStore snapshots;
    private final LogSyncer syncer;
    private final StoreWriter writer;
    private final Snapshotter snapshotter;
    private final StoreOptions options;

    LocalCommitPath(StoreOptions options, StoreState state, CommitPlanner planner, SegmentedLog segmentedLog,
            SnapshotStore snapshots, RecordChain chain, StoreObservers observers) {
        this.state = state;
        this.options = options;
        this.segmentedLog = segmentedLog;
        this.snapshots = snapshots;
        RecordCodec codec = new RecordCodec(options.format(), options.valueLimits());
        StoreWriter[] writerRef = new StoreWriter[1];
        this.syncer = new LogSyncer(forceMode(options.fsyncPolicy()), options.fsyncInterval(),
                failure -> writerRef[0].storageFailed(failure), "lithair-syncer");
        this.snapshotter = new Snapshotter(snapshots, syncer, state.types(), observers, "lithair-snapshot");
        this.writer = new StoreWriter(segmentedLog, state, planner, codec, syncer, options, snapshotter, chain,
                observers, "lithair-writer");
        writerRef[0] = writer;
        snapshotter.bind(writer::control, covered -> {
            try {
                return segmentedLog.deleteSegmentsCoveredBy(covered);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static ForceMode forceMode(FsyncPolicy policy) {
        return switch (policy) {
            case ALWAYS -> ForceMode.EVERY_WRITE;
            case BATCH -> ForceMode.INTERVAL;
            case NEVER -> ForceMode.NEVER;
        };
    }

    @Override
    public CommitResult commit(Commit commit) {
        return writer.commit(commit, null, COMMIT_TIMEOUT);
    }

    @Override
    public CommitResult commit(Commit commit, CommitTrace trace) {
        return writer.commit(commit, Objects.requireNonNull(trace, "trace"), COMMIT_TIMEOUT);
    }

    @Override
    public CompletableFuture<CommitResult> commitAsync(Commit commit) {
        return writer.submit(commit);
    }

    @Override
    public void awaitReadable(ReadConsistency consistency) {
        // A commit is applied before it is acknowledged: the local state holds every acknowledged commit.
    }

    /**
     * Captures on the writer thread and queues the snapshot there too, in the same task: queued from another
     * thread once the capture's future completes, it could follow an automatic snapshot the writer captured
     * later, and snapshots must be written in the order of their sequences (a compaction keeps only the newest).
     */
    @Override
    public CompletableFuture<SnapshotInfo> snapshot() {
        return writer.control(() -> snapshotter.takeInBackground(writer.capture(), false)).thenCompose(taken -> taken);
    }

    /**
     * Rolls the log, waits until every record before the roll is durable and applied, then snapshots the
     * state, which then covers every segment but the new one.
     */
    @Override
    public CompletableFuture<SnapshotInfo> compact() {
        return writer.control(() -> {
            rollLog();
            return null;
        }).thenCompose(rolled -> syncer.forceNow(List.of()))
                .thenCompose(durable -> writer.control(() -> snapshotter.takeInBackground(writer.capture(), true)))
                .thenCompose(taken -> taken);
    }

    /**
     * Starts a new log segment, during a pass, so that every older one can be compacted; refused during an
     * outage, and a failure starts one (the log may be left part-way through the roll).
     */
    private void rollLog() {
        StorageOutage current = writer.recovery.outage();
        if (current != null) {
            throw current.refusal();
        }
        try {
            segmentedLog.roll();
        } catch (IOException | RuntimeException e) {
            writer.storageFailed(e);
            throw new StoreUnavailableException("starting a new log segment failed: " + StorageOutage.describe(e), e);
        }
    }

    @Override
    public CompletableFuture<BackupInfo> backup(Path backupDirectory) {
        return OnlineBackup.take(backupDirectory, options, writer, segmentedLog, syncer, snapshotter);
    }

    @Override
    public StoreStats stats() {
        return await(writer.control(() -> {
            try {
                List<Long> snapshotSequences = snapshots.sequences();
                long lastSnapshot = snapshotSequences.isEmpty() ? 0 : snapshotSequences.get(snapshotSequences.size() - 1);
                return new StoreStats(state.lastSequence(), lastSnapshot, state.counts(), segmentedLog.sizeOnDisk(),
                        segmentedLog.segmentCount(), state.appliedKeys().size());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }

    @Override
    public Optional<Throwable> haltCause() {
        return Optional.ofNullable(writer.outageCause());
    }

    @Override
    public void close() {
        try {
            snapshotter.close();
            writer.close();
            syncer.close();
            writer.recovery.cutIfUnavailable();
            segmentedLog.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the store failed", e);
        }
    }

    static <T> T await(CompletableFuture<T> future) {
        return CommitWait.await(future, COMMIT_TIMEOUT, "the store", "");
    }
}
