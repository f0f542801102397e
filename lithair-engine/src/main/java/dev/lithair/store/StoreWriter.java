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

import dev.lithair.exception.StoreUnavailableException;
import dev.lithair.exception.ValueLimitException;
import dev.lithair.internal.codec.LogRecord;
import dev.lithair.internal.codec.RecordCodec;
import dev.lithair.internal.log.DurabilityWaiter;
import dev.lithair.internal.log.HandOffQueue;
import dev.lithair.internal.log.LogRecovery;
import dev.lithair.internal.log.LogSyncer;
import dev.lithair.internal.log.SegmentFile;
import dev.lithair.internal.log.SegmentedLog;
import dev.lithair.internal.log.StorageOutage;
import dev.lithair.internal.snapshot.AppliedKey;
import dev.lithair.internal.snapshot.CapturedState;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.CommitResult;
import dev.lithair.store.spi.CommitTrace;

/**
 * The single writer: one thread at a time takes every commit waiting, validates and sequences each
 * against the state as the commits accepted before it leave it, stages its record, writes the whole
 * group with one write, and hands the group to the {@link LogSyncer}, which acknowledges the commits
 * once they are durable. While one group is being forced, the next is prepared.
 *
 * <p>Who writes: a pass runs under the {@link #writing} lock, on the writer's own thread for
 * {@link #submit asynchronous} commits and control tasks, or on the thread of a blocking committer
 * ({@link #commit}), which writes what is queued itself when no pass is running instead of
 * waking the writer's thread, then helps force. A lone committer is thus acknowledged without any
 * thread hand-off, and under load the threads that are awake do the writing and forcing. Whoever
 * holds the lock looks at the queue again after releasing it, so a commit queued while a pass runs
 * is never left behind. Passes never overlap, so commits are validated and sequenced one at a time,
 * in queue order.
 *
 * <p>A commit that cannot be planned or encoded (a rule broken, a value over the limits) is refused
 * alone, before anything of it is written.
 *
 * <p>A record is applied to the state only once it is durable (after the force carrying it with
 * {@code ALWAYS}, after its write otherwise), in sequence order, under {@link #writing}, and before its
 * caller is acknowledged: readers never see what a failure could take back. Until then its effects
 * are in {@link AcceptedRecords}, which planning reads.
 *
 * <p>When writing or forcing fails (a full disk, an I/O error) a {@link StorageOutage} begins: every
 * commit accepted and not applied is failed ({@link StoreUnavailableException}; after a crash its
 * record may be found, whole) and forgotten, new commits are refused at once, and {@link LogRecovery}
 * tries, on the writer's thread or on a committer's when a try is due, to cut the log back to its last
 * durable record and write again; then commits are accepted, without reopening the store.
 *
 * <p>Thread-safe: {@link #submit}, {@link #commit} and {@link #control} may be called from any
 * thread.
 */
final class StoreWriter implements AutoCloseable, LogSyncer.StagedRecords {

    private static final Logger log = LoggerFactory.getLogger(StoreWriter.class);
    private static final int MAX_GROUP = 8192;
    private static final long SPIN_NANOS = 20_000;
    /** How long the idle writer sleeps before checking for shutdown. */
    private static final long IDLE_NANOS = 100_000_000L;
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
    /** Starts and ends the outages during which the log cannot be written. */
    final LogRecovery recovery;
    /** The records accepted and not applied yet; under {@link #writing}. */
    private final AcceptedRecords accepted;
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
        this.accepted = new AcceptedRecords(state, planner, chain, segmentedLog);
        this.recovery = new LogRecovery(segmentedLog, syncer, writing);
        syncer.bindStaged(this);
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
        queue.bindConsumer(thread);
        thread.start();
    }

    /** Queues a commit for the writer's thread; the future completes once it is durable. */
    CompletableFuture<CommitResult> submit(Commit commit) {
        AsyncCommit pending = new AsyncCommit(commit, observer);
        StoreUnavailableException refused = refusal();
        if (refused != null) {
            pending.future.completeExceptionally(refused);
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
     * @param trace told how long the commit waited for its force, once durable; {@code null} for none
     * @throws StoreUnavailableException when the store is closed or cannot write its log, or gives no answer within
     *                                   {@code timeout}; the commit's own rejection as it is
     */
    CommitResult commit(Commit commit, CommitTrace trace, Duration timeout) {
        StoreUnavailableException refused = refusal();
        if (refused != null) {
            throw refused;
        }
        BlockingCommit pending = new BlockingCommit(commit, observer, trace);
        queue.offerQuietly(pending);
        drive(false);
        syncer.drive();
        int waiting = committersWaiting.incrementAndGet();
        try {
            return pending.await(timeout.toNanos(),
                    BlockingCommit.yieldNanos(forceBeforeAcknowledging, waiting, syncer.typicalForceNanos()));
        } finally {
            committersWaiting.decrementAndGet();
        }
    }

    /** Runs {@code action} between two groups, during a pass, and completes with its result. */
    @SuppressWarnings("unchecked")
    <T> CompletableFuture<T> control(Supplier<T> action) {
        CompletableFuture<Object> future = new CompletableFuture<>();
        if (!running) {
            future.completeExceptionally(new StoreUnavailableException("the store is closed", null));
        } else {
            queue.offer(new ControlTask(action, future));
        }
        return (CompletableFuture<T>) (CompletableFuture<?>) future;
    }

    /**
     * Why a commit cannot be accepted now, or {@code null}: the store is closed, or the log cannot be
     * written and a try to recover, when due, did not succeed.
     */
    private StoreUnavailableException refusal() {
        if (!running) {
            return new StoreUnavailableException("the store is closed", null);
        }
        StorageOutage current = recovery.outage();
        if (current == null) {
            return null;
        }
        if (!writing.isHeldByCurrentThread()) { // a try takes the syncer's lock first: not from inside a pass
            current = recovery.afterTryIfDue(System.nanoTime());
        }
        return current == null ? null : current.refusal();
    }

    /** Why the store cannot write its log now, as a refused commit reports it; {@code null} while it can. */
    Throwable outageCause() {
        return recovery.outage() == null ? null : recovery.outage().refusal();
    }

    /**
     * Writing or forcing the log failed: starts an outage (or continues it) and fails every commit
     * accepted and not applied, which are forgotten with their records. Called by the writer and by the
     * syncer.
     */
    void storageFailed(Throwable cause) {
        writing.lock();
        try {
            Throwable reason = recovery.begin(cause).cause();
            group.forEach(pending -> pending.failed(reason));
            group.clear();
            staged.forEach(pending -> pending.failed(reason));
            staged.clear();
            stagedPending = false;
            accepted.discard();
        } finally {
            writing.unlock();
        }
    }

    private void run() {
        while (running || !queue.isEmpty()) {
            queue.awaitWork(SPIN_NANOS, IDLE_NANOS);
            if (recovery.outage() != null) {
                recovery.afterTryIfDue(System.nanoTime());
            }
            if (queue.isEmpty()) {
                dropExpiredHistoryWhileIdle();
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
     * and whoever forces writes everything staged first ({@link #write}), so a force costs one
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
        state.dropExpiredHistoryIfDue();
    }

    /**
     * Frees expired history when a sweep is due and no pass is running: a store that takes no commits
     * still lets go of what its fields' {@code maxAge} no longer keeps.
     */
    private void dropExpiredHistoryWhileIdle() {
        if (state.historyExpires() && writing.tryLock()) {
            try {
                state.dropExpiredHistoryIfDue();
            } finally {
                writing.unlock();
            }
        }
    }

    /**
     * For the syncer, before it forces: runs a pass over what is queued, so that every commit queued
     * by now goes into this force, then writes everything staged and returns it with its waiters.
     * Commits queued while this holds the lock are left to the syncer, which looks for more work
     * after completing this force's waiters ({@link #pending()}).
     */
    @Override
    public LogSyncer.Written write() {
        if (!pending() || writing.isHeldByCurrentThread()) {
            return null;
        }
        writing.lock();
        try {
            if (!queue.isEmpty()) {
                pass(false);
            }
            stagedPending = false;
            if (staged.isEmpty() || failStagedDuringOutage()) {
                return null;
            }
            List<SegmentFile> written;
            try {
                written = segmentedLog.writeStaged();
            } catch (IOException | RuntimeException e) {
                storageFailed(e);
                return null;
            }
            PendingCommit.written(staged, System.nanoTime());
            List<PendingCommit> waiters = List.copyOf(staged);
            staged.clear();
            return new LogSyncer.Written(written, waiters);
        } finally {
            writing.unlock();
        }
    }

    /** Whether a force would find records to write: staged ones, or (with ALWAYS) commits queued. */
    @Override
    public boolean pending() {
        return stagedPending || forceBeforeAcknowledging && !queue.isEmpty();
    }

    /**
     * Applies the records of {@code waiters}, durable now, in sequence order; called by whoever forced,
     * before it completes them, and by {@link #flush} when writing is enough.
     *
     * @return why they cannot be acknowledged (an outage began since they were written), or {@code null}
     */
    @Override
    public Throwable durable(List<? extends DurabilityWaiter> waiters) {
        writing.lock();
        try {
            StorageOutage current = recovery.outage();
            if (current != null) {
                return current.cause();
            }
            accepted.applyDurable(waiters);
            return null;
        } catch (RuntimeException e) {
            log.error("Applying a durable record failed", e);
            storageFailed(e);
            return e;
        } finally {
            writing.unlock();
        }
    }

    /** During an outage, fails the commits staged (defensively: the outage's start failed them). */
    private boolean failStagedDuringOutage() {
        StorageOutage current = recovery.outage();
        if (current == null) {
            return false;
        }
        staged.forEach(pending -> pending.failed(current.cause()));
        staged.clear();
        return true;
    }

    private void prepare(PendingCommit pending, List<PendingCommit> group) {
        StorageOutage current = recovery.outage();
        if (current != null) {
            pending.failed(current.cause());
            return;
        }
        Commit commit = pending.commit;
        if (commit.idempotencyKey() != null) {
            AppliedKey applied = accepted.key(commit.idempotencyKey());
            if (applied != null) {
                // Acknowledged with the group, so never before the original commit is durable.
                pending.result = new CommitResult(applied.sequence(), true, List.of());
                group.add(pending);
                return;
            }
        }
        CommitPlanner.Plan plan;
        try {
            plan = planner.plan(commit, segmentedLog.nextSequence(), Instant.now(options.clock()), accepted.changes());
        } catch (RuntimeException rejected) {
            if (accepted.isEmpty()) {
                pending.reject(rejected);
            } else {
                pending.rejectionWithGroup = rejected;
                group.add(pending);
            }
            return;
        }
        if (plan == null) {
            pending.result = new CommitResult(segmentedLog.nextSequence() - 1, false, List.of());
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
        String hash;
        try {
            segmentedLog.stage(record.firstSequence(), record.events().size(), codec.writeFormat(), body);
            hash = chain.appended(record, codec.writeFormat(), body);
        } catch (IOException | RuntimeException e) {
            storageFailed(e);
            pending.failed(e);
            return;
        }
        accepted.accept(pending, plan, record, hash);
        pending.result = new CommitResult(record.lastSequence(), false, record.events());
        group.add(pending);
    }

    /** Writes everything staged and hands it, with the waiters of this pass and of earlier staged ones, to the syncer. */
    private void flush(boolean wakeSyncer) {
        staged.addAll(group);
        group.clear();
        stagedPending = false;
        if (failStagedDuringOutage()) {
            return;
        }
        List<SegmentFile> written;
        try {
            written = segmentedLog.writeStaged();
        } catch (IOException | RuntimeException e) {
            storageFailed(e);
            return;
        }
        if (!staged.isEmpty() || !written.isEmpty()) {
            PendingCommit.written(staged, System.nanoTime());
            if (!forceBeforeAcknowledging && durable(staged) != null) {
                return;
            }
            syncer.afterWrite(written, List.copyOf(staged), wakeSyncer);
        }
        staged.clear();
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
        if (every > 0 && recovery.outage() == null && (state.lastSequence() - lastSnapshotRequested >= every
                || snapshotter.lastFailed()) && !snapshotter.busy() && snapshotter.retryDue(System.nanoTime())) {
            lastSnapshotRequested = state.lastSequence();
            snapshotter.takeInBackground(capture(), false);
        }
    }

    /** Captures the state (as applied) during a pass; the snapshot is then written in the background. */
    Snapshotter.Capture capture() {
        long started = System.nanoTime();
        CapturedState captured = state.capture();
        return new Snapshotter.Capture(captured, segmentedLog.activeSegment(), System.nanoTime() - started);
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
