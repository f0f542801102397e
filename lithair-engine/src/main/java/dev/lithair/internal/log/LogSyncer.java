package dev.lithair.internal.log;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * Makes written records durable according to its {@link ForceMode}, apart from the writing, so that
 * the next group can be written while the previous one is being forced (group commit with a
 * pipelined force).
 *
 * <ul>
 * <li>{@link ForceMode#EVERY_WRITE}: the waiters of a write are completed ({@link DurabilityWaiter#durable()})
 * only after a force that started after it; whoever forces drains every request waiting and forces
 * each file once for all of them.</li>
 * <li>{@link ForceMode#INTERVAL}: waiters are completed at once; dirty files are forced at most every
 * interval.</li>
 * <li>{@link ForceMode#NEVER}: waiters are completed at once; nothing is forced.</li>
 * </ul>
 *
 * <p>Forcing is done under one lock, either by the syncer's own thread or, with {@link #drive()}, by
 * a caller that would otherwise only wait for it: a lone committer then forces its own write
 * without waking any thread. The waiters of a force are completed before the lock is released, so the
 * next force waits for them to commit again and carries them too: a force is slow next to a commit,
 * so a full force is worth more than an early one.
 *
 * <p>With {@link ForceMode#EVERY_WRITE}, the waiters of a force are handed to the writer
 * ({@link StagedRecords#durable}) once it succeeded and before they are completed, so that the writer
 * applies their records: readers never see a record that is not durable.
 *
 * <p>Thread-safe. {@link #afterWrite} is called by the single writer, in write order. A failed force
 * fails its waiters and every waiter after it, and notifies {@code onFailure}, until {@link #resume}
 * runs after the writer cut the log back to its last durable record.
 */
public final class LogSyncer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LogSyncer.class);
    private static final int MAX_DRAIN = 4096;

    private sealed interface Request permits ForceRequest, Barrier {
    }

    private record ForceRequest(List<SegmentFile> files, List<? extends DurabilityWaiter> waiters) implements Request {
    }

    /** Forces every file dirty so far, whatever the mode; used before a snapshot is published. */
    private record Barrier(List<SegmentFile> files, CompletableFuture<Void> done) implements Request {
    }

    /**
     * Records the writer has staged but not written yet. With {@link ForceMode#EVERY_WRITE}, a writer may leave the
     * records of blocking committers staged: whoever forces next writes them first, so that a force
     * carries one write instead of one per pass. Implementations are thread-safe.
     */
    public interface StagedRecords {

        /** Whether records are staged; may err towards {@code true}. */
        boolean pending();

        /** Writes what is staged and returns it with its waiters, or {@code null} when nothing was staged. */
        Written write();

        /**
         * A force carrying {@code waiters} succeeded, and they are about to be completed: the writer applies
         * their records, in sequence order (they come here in no particular order).
         *
         * @return why they cannot be acknowledged after all (the store stopped accepting writes while
         *         they were forced), or {@code null}
         */
        Throwable durable(List<? extends DurabilityWaiter> waiters);
    }

    /** Work done while no force runs, which may fail with an I/O error. */
    @FunctionalInterface
    public interface LogRepair {
        void run() throws IOException;
    }

    /** Records just written: the files they went to and who waits for them to be durable. */
    public record Written(List<SegmentFile> files, List<? extends DurabilityWaiter> waiters) {
    }

    private static final StagedRecords NOTHING_STAGED = new StagedRecords() {
        @Override
        public boolean pending() {
            return false;
        }

        @Override
        public Written write() {
            return null;
        }

        @Override
        public Throwable durable(List<? extends DurabilityWaiter> waiters) {
            return null;
        }
    };

    private final ForceMode mode;
    private final long batchIntervalNanos;
    private final Consumer<Throwable> onFailure;
    private final HandOffQueue<Request> requests = new HandOffQueue<>();
    /** Held while draining requests, forcing and completing the waiters. */
    private final ReentrantLock forcing = new ReentrantLock();
    private final Thread thread;
    private final Set<SegmentFile> dirty = new LinkedHashSet<>();
    private final Object dirtyLock = new Object();
    private volatile StagedRecords staged = NOTHING_STAGED;
    private volatile boolean running = true;
    private volatile Throwable failure;
    private long forces;
    /**
     * Moving average of how long an {@link ForceMode#EVERY_WRITE} force takes, in nanoseconds; 0 before the first.
     * Written only by the thread holding {@link #forcing}, read by any.
     */
    private volatile long typicalForceNanos;

    public LogSyncer(ForceMode mode, Duration batchInterval, Consumer<Throwable> onFailure, String threadName) {
        this.mode = mode;
        this.batchIntervalNanos = batchInterval.toNanos();
        this.onFailure = onFailure;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
        requests.bindConsumer(thread);
        thread.start();
    }

    /**
     * Called by the writer after {@link SegmentedLog#writeStaged()}, with the files it returned.
     *
     * @param wakeSyncer whether to wake the syncer's thread for an {@link ForceMode#EVERY_WRITE} force; {@code false}
     *                   when the caller calls {@link #drive()} itself right after
     */
    public void afterWrite(List<SegmentFile> files, List<? extends DurabilityWaiter> waiters, boolean wakeSyncer) {
        Throwable failed = failure;
        if (failed != null) {
            waiters.forEach(waiter -> waiter.failed(failed));
            return;
        }
        switch (mode) {
            case EVERY_WRITE -> {
                ForceRequest request = new ForceRequest(files, waiters);
                if (wakeSyncer) {
                    requests.offer(request);
                } else {
                    requests.offerQuietly(request);
                }
            }
            case INTERVAL -> {
                synchronized (dirtyLock) {
                    dirty.addAll(files);
                }
                waiters.forEach(DurabilityWaiter::durable);
            }
            case NEVER -> {
                waiters.forEach(DurabilityWaiter::durable);
                closeRetired(files);
            }
        }
    }

    /** Forces the given files and everything dirty, whatever the mode; completes when done. */
    public CompletableFuture<Void> forceNow(List<SegmentFile> files) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        requests.offer(new Barrier(files, done));
        return done;
    }

    /** Connects the writer's staged records, which every force then writes first. */
    public void bindStaged(StagedRecords records) {
        this.staged = records;
    }

    /** Number of forces performed so far, for statistics. */
    public long forceCount() {
        return forces;
    }

    /**
     * How long a force typically takes with {@link ForceMode#EVERY_WRITE} (a moving average over the recent ones,
     * weight 1/8 to the newest), so that a committer can estimate how long it will likely wait;
     * 0 before the first force and with the other policies, which do not make commits wait for one.
     */
    public long typicalForceNanos() {
        return typicalForceNanos;
    }

    /**
     * Forces, on the calling thread, what is waiting to be forced, unless another thread is forcing
     * now: that one looks again once it is done, so nothing waits unforced. Returns when nothing
     * is left or another thread took over.
     */
    public void drive() {
        while (hasWork() && forcing.tryLock()) {
            forceWaiting();
        }
    }

    private boolean hasWork() {
        return !requests.isEmpty() || staged.pending();
    }

    private void run() {
        long nextBatchForce = System.nanoTime() + batchIntervalNanos;
        while (running || hasWork()) {
            long timeout = mode == ForceMode.INTERVAL ? Math.max(0, nextBatchForce - System.nanoTime())
                    : HandOffQueue.millis(100);
            if (mode == ForceMode.INTERVAL && System.nanoTime() >= nextBatchForce) {
                forcing.lock();
                try {
                    forceDirty();
                } finally {
                    forcing.unlock();
                }
                nextBatchForce = System.nanoTime() + batchIntervalNanos;
                continue;
            }
            requests.awaitWork(0, timeout);
            if (!hasWork()) {
                continue;
            }
            if (forcing.tryLock()) {
                forceWaiting();
                drive();
            } else {
                // A caller is forcing; it looks at the requests again before it lets go.
                requests.park(timeout);
            }
        }
        forcing.lock();
        try {
            forceDirty();
        } finally {
            forcing.unlock();
        }
    }

    /**
     * Writes what is staged, drains the requests, forces, and completes the waiters, under
     * {@link #forcing}, which the caller holds; releases it.
     */
    private void forceWaiting() {
        List<Request> drained = new ArrayList<>();
        try {
            Written written = staged.write();
            requests.drainTo(drained, MAX_DRAIN);
            if (written != null) {
                drained.add(new ForceRequest(written.files(), written.waiters()));
            }
            Throwable error = force(drained);
            if (error == null) {
                error = applied(drained);
            }
            complete(drained, error);
        } finally {
            forcing.unlock();
        }
    }

    /** Hands the waiters of a successful force to the writer; returns why they are refused, or {@code null}. */
    private Throwable applied(List<Request> drained) {
        List<DurabilityWaiter> waiters = null;
        for (Request request : drained) {
            if (request instanceof ForceRequest force && !force.waiters().isEmpty()) {
                if (waiters == null) {
                    waiters = new ArrayList<>(force.waiters());
                } else {
                    waiters.addAll(force.waiters());
                }
            }
        }
        return waiters == null ? null : staged.durable(waiters);
    }

    private Throwable force(List<Request> drained) {
        if (drained.isEmpty()) {
            return failure;
        }
        Set<SegmentFile> files = new LinkedHashSet<>();
        boolean anyBarrier = false;
        for (Request request : drained) {
            if (request instanceof ForceRequest force) {
                files.addAll(force.files());
            } else {
                files.addAll(((Barrier) request).files());
                anyBarrier = true;
            }
        }
        if (anyBarrier) {
            synchronized (dirtyLock) {
                files.addAll(dirty);
                dirty.clear();
            }
        }
        Throwable error = failure;
        if (error == null) {
            long started = System.nanoTime();
            try {
                for (SegmentFile file : files) {
                    file.force();
                    forces++;
                }
                if (mode == ForceMode.EVERY_WRITE && !files.isEmpty()) {
                    recordForce(System.nanoTime() - started);
                }
            } catch (IOException | RuntimeException e) {
                error = fail(e, files);
                return error;
            }
        }
        closeRetired(files);
        return error;
    }

    /** Folds a force's duration into {@link #typicalForceNanos}; called holding {@link #forcing}. */
    private void recordForce(long nanos) {
        long sample = Math.max(1, nanos);
        long typical = typicalForceNanos;
        typicalForceNanos = typical == 0 ? sample : typical + (sample - typical) / 8;
    }

    private static void complete(List<Request> drained, Throwable error) {
        for (Request request : drained) {
            if (request instanceof ForceRequest force) {
                for (DurabilityWaiter waiter : force.waiters()) {
                    if (error == null) {
                        waiter.durable();
                    } else {
                        waiter.failed(error);
                    }
                }
            } else if (request instanceof Barrier barrier) {
                if (error == null) {
                    barrier.done().complete(null);
                } else {
                    barrier.done().completeExceptionally(error);
                }
            }
        }
    }

    private void forceDirty() {
        List<SegmentFile> files;
        synchronized (dirtyLock) {
            files = new ArrayList<>(dirty);
            dirty.clear();
        }
        if (files.isEmpty() || failure != null) {
            return;
        }
        try {
            for (SegmentFile file : files) {
                file.force();
                forces++;
            }
        } catch (IOException | RuntimeException e) {
            fail(e, files);
            return;
        }
        closeRetired(files);
    }

    /**
     * Marks the syncer failed and notifies {@code onFailure}; the files stay dirty (and open), for
     * {@link #resume} to force again.
     */
    private Throwable fail(Throwable cause, Iterable<SegmentFile> files) {
        IOException failed = cause instanceof IOException io ? io
                : new IOException("forcing the log to disk failed: " + cause, cause);
        failure = failed;
        synchronized (dirtyLock) {
            files.forEach(dirty::add);
        }
        log.error("Forcing the log failed: the store refuses commits until the disk takes writes again", cause);
        onFailure.accept(failed);
        return failed;
    }

    /**
     * After a failure, with no force running: fails every request still queued (their records were
     * written before the failure and are cut from the log), runs {@code repair} (the writer cuts the log
     * back to its last durable record), forces every file left dirty, and then accepts requests again.
     *
     * @throws IOException when {@code repair} or a force fails; the syncer then stays failed
     */
    public void resume(LogRepair repair) throws IOException {
        forcing.lock();
        try {
            List<Request> stale = new ArrayList<>();
            requests.drainTo(stale, Integer.MAX_VALUE);
            Throwable cause = failure != null ? failure
                    : new IOException("the log was cut back to its last durable record after a storage failure");
            complete(stale, cause);
            repair.run();
            List<SegmentFile> files;
            synchronized (dirtyLock) {
                files = new ArrayList<>(dirty);
            }
            for (SegmentFile file : files) {
                file.force();
            }
            synchronized (dirtyLock) {
                dirty.removeAll(files);
            }
            closeRetired(files);
            failure = null;
        } finally {
            forcing.unlock();
        }
    }

    private void closeRetired(Iterable<SegmentFile> files) {
        for (SegmentFile file : files) {
            if (file.retired()) {
                try {
                    file.close();
                } catch (IOException e) {
                    log.warn("Closing retired segment {} failed", file.path(), e);
                }
            }
        }
    }

    /** Forces what is dirty, then stops the thread after the requests already queued. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        requests.wakeConsumer();
        thread.join();
    }
}
