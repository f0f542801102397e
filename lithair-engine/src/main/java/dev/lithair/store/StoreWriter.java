package dev.lithair.store;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.lithair.event.LogRecord;
import dev.lithair.event.RecordCodec;
import dev.lithair.log.FsyncPolicy;
import dev.lithair.log.HandOffQueue;
import dev.lithair.log.LogSyncer;
import dev.lithair.log.SegmentFile;
import dev.lithair.log.SegmentedLog;

/**
 * The single writer: one thread at a time takes every commit waiting, validates and sequences each
 * against the current state, stages its record, applies it, writes the whole group with one write,
 * and hands the group to the {@link LogSyncer}, which acknowledges the commits once they are
 * durable. While one group is being forced, the next is prepared.
 *
 * <p>Who writes: a pass runs under the {@link #writing} lock, on the writer's own thread for
 * {@link #submit asynchronous} commits and control tasks, or on the thread of a blocking committer
 * ({@link #commit}), which writes what is queued itself when no pass is running instead of
 * waking the writer's thread, then helps force. A lone committer is thus acknowledged without any
 * thread hand-off, and under load the threads that are awake do the writing and forcing. Whoever
 * holds the lock looks at the queue again after releasing it, so a commit queued while a pass runs
 * is never left behind. Passes never overlap, so commits are still validated, sequenced and applied
 * one at a time, in queue order.
 *
 * <p>Readers may see a commit's effect up to one force before its caller is acknowledged. A commit
 * that cannot be planned or encoded (a rule broken, a value over the limits) is refused alone, before
 * anything of it is written. If writing or forcing fails the store halts: the in-memory state may then
 * be ahead of the log, so every later commit is refused until a restart recovers from the log.
 *
 * <p>Thread-safe: {@link #submit}, {@link #commit} and {@link #control} may be called from any
 * thread.
 */
final class StoreWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StoreWriter.class);
    private static final int MAX_GROUP = 8192;
    private static final long SPIN_NANOS = 20_000;
    /** How long the idle writer sleeps before checking for shutdown. */
    private static final long IDLE_NANOS = 100_000_000L;
    /**
     * The longest a blocking committer yields before it parks, however slow forces are. An unpark
     * costs microseconds: next to a wait of milliseconds (a slow disk, a network volume) it no longer
     * matters, while dozens of committers yielding for that long would take CPU from everything else.
     */
    private static final long MAX_YIELD_NANOS = 2_000_000L;
    /** CPUs this JVM may use (container limits included), read once. */
    private static final int PROCESSORS = Runtime.getRuntime().availableProcessors();

    /** What a pass takes from the queue: a commit, or work to run between two groups. */
    interface Task {
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
    /** Held for a whole pass; guards the log, the state and the fields below. */
    private final ReentrantLock writing = new ReentrantLock();
    private final List<Task> tasks = new ArrayList<>();
    private final List<PendingCommit> group = new ArrayList<>();
    /** Commits whose records earlier passes staged without writing them; see {@link #pass}. */
    private final List<PendingCommit> staged = new ArrayList<>();
    private volatile boolean stagedPending;
    private final boolean forceBeforeAcknowledging;
    private long lastSnapshotRequested;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable halted;
    /** Blocking committers between queuing their commit and getting its outcome. */
    private final AtomicInteger committersWaiting = new AtomicInteger();

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
        this.forceBeforeAcknowledging = options.fsyncPolicy() == FsyncPolicy.ALWAYS;
        syncer.bindStaged(new LogSyncer.StagedRecords() {
            @Override
            public boolean pending() {
                return stagedOrQueued();
            }

            @Override
            public LogSyncer.Written write() {
                return writeStaged();
            }
        });
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
        queue.bindConsumer(thread);
        thread.start();
    }

    /** Queues a commit for the writer's thread; the future completes once it is durable. */
    CompletableFuture<CommitResult> submit(Commit commit) {
        AsyncCommit pending = new AsyncCommit(commit, observer);
        Throwable failure = halted;
        if (failure != null || !running) {
            pending.future.completeExceptionally(unavailable(failure));
            return pending.future;
        }
        queue.offer(pending);
        return pending.future;
    }

    /**
     * Commits and blocks until the commit is durable, driving the work on the calling thread: it
     * writes what is queued (unless a pass is running, which will take it) and forces what is written
     * (unless another thread is forcing, which will look again). Often the commit is durable when the
     * thread gets to wait, without any other thread having been woken.
     *
     * @throws StoreUnavailableException when the store is halted or closed, or gives no answer within
     *                                   {@code timeout}; the commit's own rejection as it is
     */
    CommitResult commit(Commit commit, Duration timeout) {
        BlockingCommit pending = new BlockingCommit(commit, observer);
        Throwable failure = halted;
        if (failure != null || !running) {
            throw unavailable(failure);
        }
        queue.offerQuietly(pending);
        drive(false);
        syncer.drive();
        int waiting = committersWaiting.incrementAndGet();
        try {
            return pending.await(timeout.toNanos(),
                    yieldNanos(forceBeforeAcknowledging, waiting, PROCESSORS, syncer.typicalForceNanos()));
        } finally {
            committersWaiting.decrementAndGet();
        }
    }

    /**
     * How long a blocking committer yields before parking, when {@code waiting} committers (itself
     * included) wait and the JVM has {@code processors} CPUs: when commits wait for a force
     * ({@code forceBeforeAcknowledging}, i.e. {@code ALWAYS}) and there are more waiters
     * than CPUs, about the two forces it may wait for (the one running when its records were written,
     * then the one carrying them); otherwise none. Only when waiters outnumber the CPUs does a
     * yielding waiter hand its CPU to other work, and does the force's teller face more unparks than
     * there are CPUs to run the woken; with fewer, every yielding waiter would keep a CPU spinning
     * (and use up a container's CPU quota) for the whole wait, and the few unparks are cheap. With the
     * other policies a commit's outcome does not wait for a force.
     */
    static long yieldNanos(boolean forceBeforeAcknowledging, int waiting, int processors, long typicalForceNanos) {
        if (!forceBeforeAcknowledging || waiting <= processors) {
            return 0;
        }
        return Math.min(2 * typicalForceNanos, MAX_YIELD_NANOS);
    }

    /** Runs {@code action} between two groups, during a pass, and completes with its result. */
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
        while (running || !queue.isEmpty()) {
            queue.awaitWork(SPIN_NANOS, IDLE_NANOS);
            if (queue.isEmpty()) {
                continue;
            }
            if (!drive(true)) {
                // A committer is writing; it looks at the queue again before it lets go.
                queue.park(IDLE_NANOS);
            }
        }
    }

    /**
     * Runs passes while work is queued and no other thread is running one.
     *
     * @param onWriterThread whether the writer's own thread calls, which then wakes the syncer's
     *                       thread to force; a committer forces itself right after
     * @return {@code false} when another thread held the lock at the first attempt
     */
    private boolean drive(boolean onWriterThread) {
        if (writing.isHeldByCurrentThread()) {
            // Called back from inside a pass (a future completed by it): the pass is not over, and
            // its owner looks at the queue again when it is.
            return false;
        }
        boolean ran = false;
        while (!queue.isEmpty() && writing.tryLock()) {
            ran = true;
            try {
                pass(onWriterThread);
            } finally {
                writing.unlock();
            }
        }
        return ran || queue.isEmpty();
    }

    /**
     * One pass, under {@link #writing}: everything queued, in order, then one write. With
     * {@code ALWAYS}, a committer's pass only stages its records: the committer forces right after,
     * and whoever forces writes everything staged first ({@link #writeStaged}), so a force costs one
     * write however many passes filled it.
     */
    private void pass(boolean onWriterThread) {
        if (queue.drainTo(tasks, MAX_GROUP) == 0) {
            return;
        }
        try {
            for (Task task : tasks) {
                if (task instanceof PendingCommit pending) {
                    prepare(pending, group);
                } else {
                    flush(onWriterThread);
                    runControl((ControlTask) task);
                }
            }
        } finally {
            tasks.clear();
        }
        if (forceBeforeAcknowledging && !onWriterThread) {
            staged.addAll(group);
            group.clear();
            stagedPending = !staged.isEmpty();
        } else {
            flush(onWriterThread);
        }
        maybeSnapshot();
    }

    /**
     * For the syncer, before it forces: runs a pass over what is queued, so that every commit queued
     * by now goes into this force, then writes everything staged and returns it with its waiters.
     * Commits queued while this holds the lock are left to the syncer, which looks for more work
     * after telling this force's waiters ({@link #stagedOrQueued()}).
     */
    private LogSyncer.Written writeStaged() {
        if (!stagedOrQueued() || writing.isHeldByCurrentThread()) {
            return null;
        }
        writing.lock();
        try {
            if (!queue.isEmpty()) {
                pass(false);
            }
            stagedPending = false;
            if (staged.isEmpty()) {
                return null;
            }
            List<SegmentFile> written;
            try {
                written = segmentedLog.writeStaged();
            } catch (IOException | RuntimeException e) {
                haltOn(e);
                return null;
            }
            List<PendingCommit> waiters = List.copyOf(staged);
            staged.clear();
            return new LogSyncer.Written(written, waiters);
        } finally {
            writing.unlock();
        }
    }

    /** Whether a force would find records to write: staged ones, or (with ALWAYS) commits queued. */
    private boolean stagedOrQueued() {
        return stagedPending || forceBeforeAcknowledging && !queue.isEmpty();
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
            pending.reject(rejected);
            return;
        }
        if (plan == null) {
            pending.result = new CommitResult(state.lastSequence(), false, List.of());
            group.add(pending);
            return;
        }
        LogRecord record = chain.link(plan.record());
        byte[] body;
        try {
            body = codec.encode(record);
            planner.limits().checkRecordSize(commit, body.length);
        } catch (RuntimeException refused) {
            // Nothing of it is written: this commit alone is refused, the store goes on.
            pending.reject(refused instanceof ValueLimitException ? refused
                    : new IllegalArgumentException("the commit's record cannot be encoded: " + refused.getMessage(),
                            refused));
            return;
        }
        try {
            segmentedLog.stage(record.firstSequence(), record.events().size(), codec.writeFormat(), body);
            chain.appended(record, codec.writeFormat(), body);
        } catch (IOException | RuntimeException e) {
            haltOn(e);
            pending.failed(e);
            return;
        }
        state.apply(record, plan.afterStates());
        pending.result = new CommitResult(record.lastSequence(), false, record.events());
        group.add(pending);
    }

    /** Writes everything staged and hands it, with the waiters of this pass and of earlier staged ones, to the syncer. */
    private void flush(boolean wakeSyncer) {
        staged.addAll(group);
        group.clear();
        stagedPending = false;
        if (staged.isEmpty() && halted != null) {
            return;
        }
        List<SegmentFile> written;
        try {
            written = segmentedLog.writeStaged();
        } catch (IOException | RuntimeException e) {
            haltOn(e);
            return;
        }
        if (!staged.isEmpty() || !written.isEmpty()) {
            syncer.afterWrite(written, List.copyOf(staged), wakeSyncer);
        }
        staged.clear();
    }

    /** Halts the store and fails every commit not yet handed to the syncer (this pass's and the staged ones). */
    private void haltOn(Throwable cause) {
        if (halted == null) {
            halted = cause;
            log.error("Writing the log failed: the store is halted, restart it to recover from the log", cause);
        }
        group.forEach(pending -> pending.failed(cause));
        group.clear();
        staged.forEach(pending -> pending.failed(cause));
        staged.clear();
        stagedPending = false;
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

    /** Captures the state during a pass; the snapshot is then written in the background. */
    Snapshotter.Capture capture() {
        return new Snapshotter.Capture(state.capture(), segmentedLog.activeSegment());
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        queue.wakeConsumer();
        thread.join();
        writing.lock();
        try {
            flush(true);
        } finally {
            writing.unlock();
        }
    }
}
