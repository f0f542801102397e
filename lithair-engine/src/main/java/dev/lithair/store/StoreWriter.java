package dev.lithair.store;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.lithair.event.LogRecord;
import dev.lithair.event.RecordCodec;
import dev.lithair.log.DurabilityWaiter;
import dev.lithair.log.HandOffQueue;
import dev.lithair.log.LogSyncer;
import dev.lithair.log.SegmentFile;
import dev.lithair.log.SegmentedLog;

/**
 * The single writer: one thread takes every commit waiting, validates and sequences each against
 * the current state, stages its record, applies it, writes the whole group with one write, and hands
 * the group to the {@link LogSyncer}, which acknowledges the commits once they are durable. While
 * the syncer forces one group, the writer prepares the next.
 *
 * <p>Readers may see a commit's effect up to one force before its caller is acknowledged. If writing
 * or forcing fails the store halts: the in-memory state may then be ahead of the log, so every later
 * commit is refused until a restart recovers from the log.
 *
 * <p>Thread-safe: {@link #submit} and {@link #control} may be called from any thread.
 */
final class StoreWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StoreWriter.class);
    private static final int MAX_GROUP = 8192;
    private static final long SPIN_NANOS = 20_000;
    /** How long the idle writer sleeps before checking for shutdown. */
    private static final long IDLE_NANOS = 100_000_000L;

    private sealed interface Task permits PendingCommit, ControlTask {
    }

    /** A commit waiting for its group to be durable. */
    private static final class PendingCommit implements Task, DurabilityWaiter {
        final Commit commit;
        final CompletableFuture<CommitResult> future = new CompletableFuture<>();
        final StoreObserver observer;
        final long submittedNanos = System.nanoTime();
        CommitResult result;

        PendingCommit(Commit commit, StoreObserver observer) {
            this.commit = commit;
            this.observer = observer;
        }

        @Override
        public void durable() {
            // Observed first, so that what the observer records is visible once the caller returns.
            observer.committed(result, System.nanoTime() - submittedNanos);
            future.complete(result);
        }

        @Override
        public void failed(Throwable cause) {
            future.completeExceptionally(new StoreUnavailableException("commit not durable: " + cause.getMessage(), cause));
        }
    }

    /** Work that must see the log and state between two groups (snapshot capture, compaction). */
    private record ControlTask(Supplier<?> action, CompletableFuture<Object> future) implements Task {
    }

    private final SegmentedLog segmentedLog;
    private final StoreState state;
    private final RecordCodec codec;
    private final LogSyncer syncer;
    private final StoreOptions options;
    private final Snapshotter snapshotter;
    private final CommitPlanner planner;
    private final RecordChain chain;
    private final StoreObserver observer;
    private final HandOffQueue<Task> queue = new HandOffQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable halted;
    private long lastSnapshotRequested;

    StoreWriter(SegmentedLog segmentedLog, StoreState state, CommitPlanner planner, RecordCodec codec,
            LogSyncer syncer, StoreOptions options, Snapshotter snapshotter, RecordChain chain, StoreObserver observer,
            String threadName) {
        this.planner = planner;
        this.observer = observer;
        this.chain = chain;
        this.segmentedLog = segmentedLog;
        this.state = state;
        this.codec = codec;
        this.syncer = syncer;
        this.options = options;
        this.snapshotter = snapshotter;
        this.lastSnapshotRequested = state.lastSequence();
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
        queue.bindConsumer(thread);
        thread.start();
    }

    CompletableFuture<CommitResult> submit(Commit commit) {
        PendingCommit pending = new PendingCommit(commit, observer);
        Throwable failure = halted;
        if (failure != null || !running) {
            pending.future.completeExceptionally(unavailable(failure));
            return pending.future;
        }
        queue.offer(pending);
        return pending.future;
    }

    /** Runs {@code action} on the writer thread between two groups and completes with its result. */
    @SuppressWarnings("unchecked")
    <T> CompletableFuture<T> control(Supplier<T> action) {
        CompletableFuture<Object> future = new CompletableFuture<>();
        if (!running) {
            future.completeExceptionally(unavailable(halted));
        } else {
            queue.offer(new ControlTask(action, future));
        }
        return (CompletableFuture<T>) (CompletableFuture<?>) future;
    }

    /** Marks the store halted; called by the syncer when a force fails. */
    void halt(Throwable cause) {
        halted = cause;
    }

    Throwable haltCause() {
        return halted;
    }

    private StoreUnavailableException unavailable(Throwable cause) {
        return cause == null ? new StoreUnavailableException("the store is closed", null)
                : new StoreUnavailableException("the store halted after a storage failure: " + cause.getMessage(), cause);
    }

    private void run() {
        List<Task> tasks = new ArrayList<>();
        List<PendingCommit> group = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            queue.awaitWork(SPIN_NANOS, IDLE_NANOS);
            if (queue.drainTo(tasks, MAX_GROUP) == 0) {
                continue;
            }
            for (Task task : tasks) {
                if (task instanceof PendingCommit pending) {
                    prepare(pending, group);
                } else {
                    flush(group);
                    runControl((ControlTask) task);
                }
            }
            tasks.clear();
            flush(group);
            maybeSnapshot();
        }
        flush(group);
    }

    private void prepare(PendingCommit pending, List<PendingCommit> group) {
        if (halted != null) {
            pending.failed(halted);
            return;
        }
        Commit commit = pending.commit;
        if (commit.idempotencyKey() != null) {
            AppliedKeys.Entry applied = state.appliedKeys().find(commit.idempotencyKey());
            if (applied != null) {
                // Acknowledged with the group, so never before the original commit is durable.
                pending.result = new CommitResult(applied.sequence(), true, List.of());
                group.add(pending);
                return;
            }
        }
        CommitPlanner.Plan plan;
        try {
            plan = planner.plan(commit, segmentedLog.nextSequence(), Instant.now(options.clock()));
        } catch (RuntimeException rejected) {
            pending.future.completeExceptionally(rejected);
            return;
        }
        if (plan == null) {
            pending.result = new CommitResult(state.lastSequence(), false, List.of());
            group.add(pending);
            return;
        }
        LogRecord record = chain.link(plan.record());
        try {
            byte[] body = codec.encode(record);
            segmentedLog.stage(record.firstSequence(), record.events().size(), codec.writeFormat(), body);
            chain.appended(record, codec.writeFormat(), body);
        } catch (IOException | RuntimeException e) {
            haltOn(e, group);
            pending.failed(e);
            return;
        }
        state.apply(record, plan.afterStates());
        pending.result = new CommitResult(record.lastSequence(), false, record.events());
        group.add(pending);
    }

    private void flush(List<PendingCommit> group) {
        if (group.isEmpty() && halted != null) {
            return;
        }
        List<SegmentFile> written;
        try {
            written = segmentedLog.writeStaged();
        } catch (IOException | RuntimeException e) {
            haltOn(e, group);
            return;
        }
        if (!group.isEmpty() || !written.isEmpty()) {
            syncer.afterWrite(written, List.copyOf(group));
        }
        group.clear();
    }

    private void haltOn(Throwable cause, List<PendingCommit> group) {
        if (halted == null) {
            halted = cause;
            log.error("Writing the log failed: the store is halted, restart it to recover from the log", cause);
        }
        group.forEach(pending -> pending.failed(cause));
        group.clear();
    }

    private void runControl(ControlTask control) {
        try {
            control.future().complete(control.action().get());
        } catch (RuntimeException e) {
            control.future().completeExceptionally(e);
        }
    }

    private void maybeSnapshot() {
        long every = options.snapshotEveryEvents();
        if (every > 0 && halted == null && state.lastSequence() - lastSnapshotRequested >= every
                && !snapshotter.busy()) {
            lastSnapshotRequested = state.lastSequence();
            snapshotter.takeInBackground(capture(), false);
        }
    }

    /** Captures the state on the writer thread; the snapshot is then written in the background. */
    Snapshotter.Capture capture() {
        return new Snapshotter.Capture(state.capture(), segmentedLog.activeSegment());
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        queue.wakeConsumer();
        thread.join();
    }
}
