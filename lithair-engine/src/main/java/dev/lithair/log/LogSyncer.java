package dev.lithair.log;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes written records durable according to the {@link FsyncPolicy}, on a thread of its own so
 * that the writer can write the next group while the previous one is being forced (group commit
 * with a pipelined force).
 *
 * <ul>
 * <li>{@code ALWAYS}: each batch of waiters is told {@link DurabilityWaiter#durable()} only after a
 * force that started after their write; the syncer drains every request waiting and forces each
 * file once for all of them.</li>
 * <li>{@code BATCH}: waiters are told at once; dirty files are forced at most every interval.</li>
 * <li>{@code NEVER}: waiters are told at once; nothing is forced.</li>
 * </ul>
 *
 * <p>Thread-safe. {@link #afterWrite} is called by the single writer, in write order.
 * A failed force is fatal: every waiter then and after is failed, and {@code onFailure} is told once.
 */
public final class LogSyncer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LogSyncer.class);
    private static final int MAX_DRAIN = 4096;

    private sealed interface Request permits ForceRequest, Barrier {
    }

    private record ForceRequest(List<SegmentFile> files, List<? extends DurabilityWaiter> waiters) implements Request {
    }

    /** Forces every file dirty so far, whatever the policy; used before a snapshot is published. */
    private record Barrier(List<SegmentFile> files, CompletableFuture<Void> done) implements Request {
    }

    private final FsyncPolicy policy;
    private final long batchIntervalNanos;
    private final Consumer<Throwable> onFailure;
    private final HandOffQueue<Request> requests = new HandOffQueue<>();
    private final Thread thread;
    private final Set<SegmentFile> dirty = new LinkedHashSet<>();
    private final Object dirtyLock = new Object();
    private volatile boolean running = true;
    private volatile Throwable failure;
    private long forces;

    public LogSyncer(FsyncPolicy policy, Duration batchInterval, Consumer<Throwable> onFailure, String threadName) {
        this.policy = policy;
        this.batchIntervalNanos = batchInterval.toNanos();
        this.onFailure = onFailure;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
        requests.bindConsumer(thread);
        thread.start();
    }

    /** Called by the writer after {@link SegmentedLog#writeStaged()}, with the files it returned. */
    public void afterWrite(List<SegmentFile> files, List<? extends DurabilityWaiter> waiters) {
        Throwable failed = failure;
        if (failed != null) {
            waiters.forEach(waiter -> waiter.failed(failed));
            return;
        }
        switch (policy) {
            case ALWAYS -> requests.offer(new ForceRequest(files, waiters));
            case BATCH -> {
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

    /** Forces the given files and everything dirty, whatever the policy; completes when done. */
    public CompletableFuture<Void> forceNow(List<SegmentFile> files) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        requests.offer(new Barrier(files, done));
        return done;
    }

    /** Number of forces performed so far. Read by the syncer thread's owner for statistics. */
    public long forceCount() {
        return forces;
    }

    private void run() {
        List<Request> drained = new ArrayList<>();
        long nextBatchForce = System.nanoTime() + batchIntervalNanos;
        while (running || !requests.isEmpty()) {
            long timeout = policy == FsyncPolicy.BATCH ? Math.max(0, nextBatchForce - System.nanoTime())
                    : HandOffQueue.millis(100);
            requests.awaitWork(0, timeout);
            requests.drainTo(drained, MAX_DRAIN);
            if (policy == FsyncPolicy.BATCH && System.nanoTime() >= nextBatchForce) {
                forceDirty();
                nextBatchForce = System.nanoTime() + batchIntervalNanos;
            }
            if (!drained.isEmpty()) {
                process(drained);
                drained.clear();
            }
        }
        forceDirty();
    }

    private void process(List<Request> drained) {
        Set<SegmentFile> files = new LinkedHashSet<>();
        for (Request request : drained) {
            files.addAll(request instanceof ForceRequest force ? force.files() : ((Barrier) request).files());
        }
        boolean anyBarrier = drained.stream().anyMatch(Barrier.class::isInstance);
        if (anyBarrier) {
            synchronized (dirtyLock) {
                files.addAll(dirty);
                dirty.clear();
            }
        }
        Throwable error = failure;
        if (error == null) {
            try {
                for (SegmentFile file : files) {
                    file.force();
                    forces++;
                }
            } catch (IOException | RuntimeException e) {
                error = fail(e);
            }
        }
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
        closeRetired(files);
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
            fail(e);
        }
        closeRetired(files);
    }

    private Throwable fail(Throwable cause) {
        IOException failed = new IOException("forcing the log to disk failed; the store stops accepting writes", cause);
        failure = failed;
        log.error("Forcing the log failed: the store is halted, restart it to recover from the log", cause);
        onFailure.accept(failed);
        return failed;
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
