package dev.lithair.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.lithair.internal.log.LogSyncer;
import dev.lithair.internal.log.SegmentFile;
import dev.lithair.internal.log.StorageOutage;
import dev.lithair.internal.snapshot.CapturedState;
import dev.lithair.internal.snapshot.SnapshotStore;
import dev.lithair.model.EntityTypes;
import dev.lithair.store.spi.SnapshotInfo;

/**
 * Writes captured state as snapshots on a background thread, then compacts: prunes old snapshots
 * and asks the writer to delete the log segments the oldest retained snapshot covers.
 *
 * <p>A snapshot is published only after the log holding the events it covers is durable, so that
 * the log never ends before the newest snapshot. A snapshot that fails (a full disk, an I/O error while
 * writing or renaming it) is logged and changes nothing else: the log still holds every event, commits
 * go on, and the automatic snapshot is tried again later, less often while it keeps failing.
 * Thread-safe.
 */
final class Snapshotter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Snapshotter.class);

    /**
     * State captured on the writer thread, with the segment its last event went to and how long the
     * capture held the writer.
     */
    record Capture(CapturedState state, SegmentFile segment, long captureNanos) {
    }

    private final SnapshotStore store;
    private final LogSyncer syncer;
    private final EntityTypes types;
    private final ExecutorService executor;
    private static final long FIRST_RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long MAX_RETRY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final AtomicInteger inFlight = new AtomicInteger();
    /** Whether the last snapshot failed, and when the next automatic one may be tried. */
    private volatile boolean lastFailed;
    private volatile long retryNotBefore = System.nanoTime();
    private volatile long retryNanos = FIRST_RETRY_NANOS;
    private final StoreObserver observer;
    private Function<Supplier<Integer>, CompletableFuture<Integer>> writerControl;
    private Function<Long, Integer> deleteCoveredSegments;

    Snapshotter(SnapshotStore store, LogSyncer syncer, EntityTypes types, StoreObserver observer, String threadName) {
        this.store = store;
        this.observer = observer;
        this.types = types;
        this.syncer = syncer;
        this.executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Connects the snapshotter to the writer that owns the log: segment deletion runs there.
     *
     * @param control               runs a task on the writer thread
     * @param deleteCoveredSegments deletes segments covered up to a sequence; returns how many
     */
    void bind(Function<Supplier<Integer>, CompletableFuture<Integer>> control,
            Function<Long, Integer> deleteCoveredSegments) {
        this.writerControl = control;
        this.deleteCoveredSegments = deleteCoveredSegments;
    }

    boolean busy() {
        return inFlight.get() > 0;
    }

    /** Whether the last snapshot failed: the automatic one is then due again, once {@link #retryDue}. */
    boolean lastFailed() {
        return lastFailed;
    }

    /** Whether an automatic snapshot may be tried at {@code nowNanos}: not too soon after a failed one. */
    boolean retryDue(long nowNanos) {
        return nowNanos - retryNotBefore >= 0;
    }

    /**
     * Writes the capture as a snapshot in the background.
     *
     * @param compactFully keep only this snapshot (after reading it back) and every segment it covers
     *                     goes; otherwise the configured number of snapshots is kept and the log they need
     */
    CompletableFuture<SnapshotInfo> takeInBackground(Capture capture, boolean compactFully) {
        inFlight.incrementAndGet();
        long started = System.nanoTime();
        return CompletableFuture.supplyAsync(() -> write(capture, compactFully, started), executor)
                .whenComplete((info, error) -> {
                    if (error != null) {
                        lastFailed = true;
                        retryNotBefore = System.nanoTime() + retryNanos;
                        log.error("Snapshot at sequence {} failed; the log still holds every event, commits go on, "
                                + "and the next snapshot is tried in {} s at the earliest",
                                capture.state().lastSequence(), TimeUnit.NANOSECONDS.toSeconds(retryNanos), error);
                        retryNanos = Math.min(retryNanos * 2, MAX_RETRY_NANOS);
                    } else {
                        lastFailed = false;
                        retryNanos = FIRST_RETRY_NANOS;
                        observer.snapshotWritten(info);
                    }
                    inFlight.decrementAndGet();
                });
    }

    private SnapshotInfo write(Capture capture, boolean compactFully, long started) {
        long sequence = capture.state().lastSequence();
        try {
            syncer.forceNow(List.of(capture.segment())).join();
            Path file = store.write(capture.state(), types);
            long oldestRetained;
            if (compactFully) {
                store.verify(file);
                oldestRetained = store.pruneKeeping(1);
            } else {
                oldestRetained = store.prune();
            }
            int deleted = writerControl.apply(() -> deleteCoveredSegments.apply(oldestRetained)).join();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            SnapshotInfo info = new SnapshotInfo(sequence, file, Files.size(file), millis, deleted);
            log.info("Snapshot {} written: {} bytes in {} ms (the capture held the writer {} ms), {} log segment(s) "
                    + "compacted", file.getFileName(), info.sizeBytes(), millis,
                    TimeUnit.NANOSECONDS.toMillis(capture.captureNanos()), deleted);
            return info;
        } catch (IOException e) {
            throw new UncheckedIOException("writing snapshot at sequence " + sequence + " failed: "
                    + StorageOutage.describe(e), e);
        }
    }

    /**
     * Runs {@code task} on the snapshot thread, after the snapshots queued before it and before those queued
     * after it: no snapshot is written, pruned or compacted while it runs, so it may read the directory's
     * snapshots and segments without any vanishing (a backup copies them so).
     */
    <T> CompletableFuture<T> runBetweenSnapshots(Supplier<T> task) {
        return CompletableFuture.supplyAsync(task, executor);
    }

    /** Waits for snapshots in progress, then stops the thread. */
    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(5, TimeUnit.MINUTES)) {
            log.warn("A snapshot was still being written at shutdown");
        }
    }
}
