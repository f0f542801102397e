package dev.lithair.store;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * A commit whose caller's thread waits for it in {@link #await}. Telling it the outcome is a
 * volatile write plus one unpark, and the unpark only when the caller is parked: no future, no
 * stack of completions, no allocation on the telling thread, which tells a whole force's waiters
 * one after another.
 *
 * <p>Thread-safe: told by any thread, awaited by the thread that created it.
 */
final class BlockingCommit extends PendingCommit {

    private static final int WAITING = 0;
    private static final int DURABLE = 1;
    private static final int REFUSED = 2;

    private final Thread caller = Thread.currentThread();
    /** Set before {@link #state} when the commit is refused. */
    private RuntimeException refusal;
    private volatile int state = WAITING;
    /** Whether the caller is in {@link #await}, and may be parked. */
    private volatile boolean awaiting;

    BlockingCommit(Commit commit, StoreObserver observer) {
        super(commit, observer);
    }

    @Override
    public void durable() {
        finish(DURABLE);
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

    private void finish(int outcome) {
        // state is written before awaiting is read, and await writes awaiting before reading state:
        // either the caller sees the outcome before it parks, or this sees it waiting and wakes it.
        state = outcome;
        if (awaiting) {
            LockSupport.unpark(caller);
        }
    }

    /**
     * Waits for the outcome; returns the result, or throws what refused the commit (its own
     * rejection as it is, anything else as {@link StoreUnavailableException}).
     *
     * @throws StoreUnavailableException also when interrupted (the interrupt is kept) or when no
     *                                   outcome comes within {@code timeoutNanos}
     */
    CommitResult await(long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        awaiting = true;
        try {
            while (state == WAITING) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new StoreUnavailableException("interrupted while waiting for the store",
                            new InterruptedException());
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new StoreUnavailableException("the store did not answer within "
                            + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms", new TimeoutException());
                }
                LockSupport.parkNanos(this, left);
            }
        } finally {
            awaiting = false;
        }
        if (state == REFUSED) {
            throw refusal;
        }
        // Observed by the caller before it returns, so what the observer records is visible then,
        // and the thread telling a force's waiters does not run observers for all of them.
        observer.committed(result, System.nanoTime() - submittedNanos);
        return result;
    }
}
