package dev.lithair.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.lithair.event.LogRecord;
import dev.lithair.event.RecordCodec;
import dev.lithair.log.FsyncPolicy;
import dev.lithair.log.LogOpenResult;
import dev.lithair.log.LogSyncer;
import dev.lithair.log.SegmentedLog;
import dev.lithair.snapshot.SnapshotStore;
import tools.jackson.databind.node.ObjectNode;

/**
 * An embedded, event-sourced store: commits become events in a durable log, state is served from
 * memory, and start-up rebuilds the state from the newest readable snapshot plus the log after it.
 *
 * <p>Thread-safe. Commits from any thread are serialised by one writer; reads never block and never
 * touch disk. Close it to stop its threads; a store that was not closed (a crash) recovers on the
 * next open.
 */
public final class LithairStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LithairStore.class);
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final StoreOptions options;
    private final StoreState state;
    private final SegmentedLog segmentedLog;
    private final SnapshotStore snapshots;
    private final LogSyncer syncer;
    private final StoreWriter writer;
    private final Snapshotter snapshotter;
    private final StoreMeta meta;
    private final Recovery recovery;
    private volatile boolean closed;

    /**
     * How the last open went.
     *
     * @param snapshotSequence  sequence of the snapshot state started from, 0 when none
     * @param recordsReplayed   log records applied after it
     * @param truncatedBytes    bytes of torn tail removed
     * @param durationMillis    time taken to open
     */
    public record Recovery(long snapshotSequence, long recordsReplayed, long truncatedBytes, long durationMillis) {
    }

    private LithairStore(StoreOptions options, StoreState state, SegmentedLog segmentedLog, SnapshotStore snapshots,
            StoreMeta meta, Recovery recovery) {
        this.options = options;
        this.state = state;
        this.segmentedLog = segmentedLog;
        this.snapshots = snapshots;
        this.meta = meta;
        this.recovery = recovery;
        RecordCodec codec = new RecordCodec(options.format());
        StoreWriter[] writerRef = new StoreWriter[1];
        this.syncer = new LogSyncer(options.fsyncPolicy(), options.fsyncInterval(),
                failure -> writerRef[0].halt(failure), "lithair-syncer");
        this.snapshotter = new Snapshotter(snapshots, syncer, "lithair-snapshot");
        this.writer = new StoreWriter(segmentedLog, state, codec, syncer, options, snapshotter, "lithair-writer");
        writerRef[0] = writer;
        snapshotter.bind(writer::control, covered -> {
            try {
                return segmentedLog.deleteSegmentsCoveredBy(covered);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Opens (creating if needed) the store in {@code options.dataDirectory()} and recovers its state. */
    public static LithairStore open(StoreOptions options) {
        long started = System.nanoTime();
        try {
            Files.createDirectories(options.dataDirectory());
            RecordCodec codec = new RecordCodec(options.format());
            StoreMeta meta = StoreMeta.loadOrCreate(options.dataDirectory(), codec);
            SnapshotStore snapshots = new SnapshotStore(options.dataDirectory(), codec, options.snapshotsRetained());
            StoreState state = new StoreState(options.idempotencyMaxKeys(), options.idempotencyMaxAge());
            long snapshotSequence = snapshots.loadNewest(StateSnapshot.class).map(loaded -> {
                state.restore(loaded.state());
                return loaded.sequence();
            }).orElse(0L);
            AtomicLong replayed = new AtomicLong();
            long[] lastProgress = {System.nanoTime()};
            SegmentedLog segmentedLog = SegmentedLog.open(options.dataDirectory(), options.segmentBytes(),
                    options.fsyncPolicy() != FsyncPolicy.NEVER, snapshotSequence, (frame, scanned, total) -> {
                        if (frame.lastSequence() > state.lastSequence()) {
                            LogRecord record = codec.decode(frame.format(), frame.body(), 0, frame.body().length);
                            state.apply(record);
                            replayed.incrementAndGet();
                        }
                        long now = System.nanoTime();
                        if (now - lastProgress[0] > PROGRESS_EVERY_NANOS) {
                            double seconds = (now - started) / 1e9;
                            log.info("Replaying log: {} records applied ({} records/s), {}% of {} bytes scanned",
                                    replayed.get(), Math.round(replayed.get() / seconds),
                                    total == 0 ? 100 : scanned * 100 / total, total);
                            lastProgress[0] = now;
                        }
                    });
            LogOpenResult opened = segmentedLog.openResult();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            Recovery recovery = new Recovery(snapshotSequence, replayed.get(), opened.truncatedBytes(), millis);
            log.info("Lithair store opened in {} ms: snapshot at sequence {}, {} records replayed, last sequence {}, "
                    + "{} entities", millis, snapshotSequence, replayed.get(), state.lastSequence(),
                    state.counts().values().stream().mapToLong(Integer::longValue).sum());
            return new LithairStore(options, state, segmentedLog, snapshots, meta, recovery);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the store in " + options.dataDirectory(), e);
        }
    }

    /**
     * Commits atomically and waits until the commit is durable under the fsync policy. The calling
     * thread takes part: when no other thread is writing or forcing, it does so itself (for every
     * commit waiting, in order) rather than handing the work to the store's threads and waiting to
     * be woken.
     */
    public CommitResult commit(Commit commit) {
        return writer.commit(commit, LithairStore::await);
    }

    /** Commits atomically; the future completes once the commit is durable under the fsync policy. */
    public CompletableFuture<CommitResult> commitAsync(Commit commit) {
        return writer.submit(commit);
    }

    /** The entity's current state, as a read-only node; empty when absent. Never blocks. */
    public Optional<ObjectNode> get(String entityType, String entityId) {
        return Optional.ofNullable(state.get(entityType, entityId));
    }

    /** All live entities of a type, as a read-only live view. */
    public Collection<ObjectNode> all(String entityType) {
        return state.all(entityType);
    }

    /** Sequence of the last applied event. */
    public long lastSequence() {
        return state.lastSequence();
    }

    /** Takes a snapshot now; the future completes when it is on disk and old segments are compacted. */
    public CompletableFuture<SnapshotInfo> snapshot() {
        return writer.control(writer::capture).thenCompose(capture -> snapshotter.takeInBackground(capture, false));
    }

    /**
     * Snapshots the state, verifies the snapshot reads back, then deletes every older snapshot and
     * every log segment it covers: the smallest data directory that still recovers the same state.
     */
    public CompletableFuture<SnapshotInfo> compact() {
        return writer.control(() -> {
            try {
                segmentedLog.roll();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return writer.capture();
        }).thenCompose(capture -> snapshotter.takeInBackground(capture, true));
    }

    /** A consistent-enough view for monitoring; sizes are read on the writer thread. */
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

    public Recovery recovery() {
        return recovery;
    }

    public StoreMeta meta() {
        return meta;
    }

    public StoreOptions options() {
        return options;
    }

    /** Stops accepting commits, finishes those already submitted, forces the log and releases files. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            snapshotter.close();
            writer.close();
            syncer.close();
            segmentedLog.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the store failed", e);
        }
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(Duration.ofMinutes(5).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for the store", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException completion ? completion.getCause() : e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StoreUnavailableException(cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new StoreUnavailableException("the store did not answer within 5 minutes", e);
        }
    }
}
