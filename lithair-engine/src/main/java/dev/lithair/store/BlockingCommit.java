package dev.lithair.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import dev.lithair.exception.StoreUnavailableException;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.CommitResult;
import dev.lithair.store.spi.CommitTrace;

/**
 * A commit whose caller's thread waits for it in {@link #await}. Completing it is a volatile write
 * plus one unpark, and the unpark only when the caller is parked: no future, no stack of completions,
 * no allocation on the completing thread, which completes a whole force's waiters one after another.
 *
 * <p>The caller first yields its CPU for a while before it parks (see {@link #await}): a caller
 * completed while still yielding costs the completing thread no unpark at all.
 *
 * <p>A caller that gives up (interrupted, timed out) leaves the commit to go on: if it becomes
 * durable afterwards, the thread that completes it runs the observer instead, so that what the store
 * made durable is always observed once.
 *
 * <p>Thread-safe: completed by any thread, awaited by the thread that created it.
 */
final class BlockingCommit extends PendingCommit {

    private static final int WAITING = 0;
    private static final int DURABLE = 1;
    private static final int REFUSED = 2;
    /** The caller stopped waiting before any outcome: the thread that completes the commit observes it. */
    private static final int ABANDONED = 3;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(BlockingCommit.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The longest a blocking committer yields before it parks, however slow forces are. An unpark
     * is cheap next to a wait of milliseconds (a slow disk, a network volume) it no longer
     * matters, while dozens of committers yielding for that long would take CPU from everything else.
     */
    private static final long MAX_YIELD_NANOS = 2_000_000L;
    /** CPUs this JVM may use (container limits included), read once. */
    private static final int PROCESSORS = Runtime.getRuntime().availableProcessors();

    /**
     * How long a blocking committer yields before parking, when {@code waiting} committers (itself
     * included) wait and the JVM has {@code processors} CPUs: when commits wait for a force
     * ({@code forceBeforeAcknowledging}, i.e. {@code ALWAYS}) and there are more waiters
     * than CPUs, about the two forces it may wait for (the one running when its records were written,
     * then the one carrying them); otherwise none. Only when waiters outnumber the CPUs does a
     * yielding waiter hand its CPU to other work, and does the thread completing the force face more unparks than
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

    /** {@link #yieldNanos(boolean, int, int, long)} with the CPUs this JVM may use. */
    static long yieldNanos(boolean forceBeforeAcknowledging, int waiting, long typicalForceNanos) {
        return yieldNanos(forceBeforeAcknowledging, waiting, PROCESSORS, typicalForceNanos);
    }

    private final Thread caller = Thread.currentThread();
    /** Set before {@link #state} when the commit is refused. */
    private RuntimeException refusal;
    private volatile int state = WAITING;
    /** Whether the caller is in {@link #await}, and may be parked. */
    private volatile boolean awaiting;

    /** Told the commit's wait for its force when the caller takes the outcome; {@code null} for none. */
    private final CommitTrace trace;

    BlockingCommit(Commit commit, StoreObserver observer, CommitTrace trace) {
        super(commit, observer);
        this.trace = trace;
    }

    @Override
    public void durable() {
        if (rejectionWithGroup != null) {
            reject(rejectionWithGroup);
            return;
        }
        if (!finish(DURABLE)) {
            observer.committed(result, System.nanoTime() - submittedNanos);
        }
    }

    @Override
    public void failed(Throwable cause) {
        refusal = notDurable(cause);
        finish(REFUSED);
    }

    @Override
    void reject(RuntimeException rejected) {
        refusal = rejected;
        finish(REFUSED);
    }

    /** @return whether the caller takes the outcome; {@code false} when it had already given up */
    private boolean finish(int outcome) {
        if (!STATE.compareAndSet(this, WAITING, outcome)) {
            return false;
        }
        // state is written before awaiting is read, and await writes awaiting before reading state:
        // either the caller sees the outcome before it parks, or this sees it waiting and wakes it.
        // A caller still yielding has not written awaiting yet: it is not parked, needs no unpark,
        // and reads state again at its next turn and once more after it writes awaiting.
        if (awaiting) {
            LockSupport.unpark(caller);
        }
        return true;
    }

    /** Stops waiting, unless the outcome has just come: then the caller takes it after all. */
    private boolean abandon() {
        return STATE.compareAndSet(this, WAITING, ABANDONED);
    }

    /**
     * Waits for the outcome; returns the result, or throws what refused the commit (its own
     * rejection as it is, anything else as {@link StoreUnavailableException}).
     *
     * <p>Before parking, the caller yields its CPU, for at most {@code yieldNanos}, as long as no
     * outcome came. The thread that completes a force's waiters completes dozens of them in a row,
     * and waking a parked one costs it an unpark (a futex wake, often an inter-processor interrupt);
     * a caller that is only yielding is still runnable and takes its outcome at its next turn, with no
     * unpark. It yields rather than spins: on a machine with two CPUs and dozens of waiters, a
     * spinning waiter would hold a CPU the thread forcing and completing needs, while a yielding one
     * hands it over whenever that thread can run. The yield is
     * bounded because a waiter should not burn CPU for longer than a force takes: past that, the
     * wait is long enough for an unpark not to matter, and parking leaves the CPU to other work.
     *
     * @param yieldNanos how long to yield before parking; 0 parks at once
     * @throws StoreUnavailableException also when interrupted (the interrupt is kept) or when no
     *                                   outcome comes within {@code timeoutNanos}
     */
    CommitResult await(long timeoutNanos, long yieldNanos) {
        long started = System.nanoTime();
        long deadline = started + timeoutNanos;
        long yieldFor = Math.min(yieldNanos, timeoutNanos);
        while (state == WAITING && System.nanoTime() - started < yieldFor && !Thread.currentThread().isInterrupted()) {
            Thread.yield();
        }
        awaiting = true;
        try {
            while (state == WAITING) {
                if (Thread.currentThread().isInterrupted() && abandon()) {
                    throw new StoreUnavailableException("interrupted while waiting for the store",
                            new InterruptedException());
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 && abandon()) {
                    throw new StoreUnavailableException("the store did not answer within "
                            + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms", new TimeoutException());
                }
                if (left > 0) {
                    LockSupport.parkNanos(this, left);
                }
            }
        } finally {
            awaiting = false;
        }
        if (state == REFUSED) {
            throw refusal;
        }
        // Observed by the caller before it returns, so what the observer records is visible then,
        // and the thread completing a force's waiters does not run observers for all of them.
        long acknowledged = System.nanoTime();
        observer.committed(result, acknowledged - submittedNanos);
        if (trace != null && writtenNanos != 0) {
            trace.forceWaited(acknowledged - writtenNanos);
        }
        return result;
    }
}
