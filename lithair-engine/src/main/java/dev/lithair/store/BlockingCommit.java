package dev.lithair.store;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import dev.lithair.log.DurableBatch;

/**
 * A commit whose caller's thread waits for it in {@link #await}: telling it is one unpark, only
 * when that thread is parked, and the woken caller then relays the wake-up to the rest of its
 * force's waiters ({@link DurableBatch#tellRest()}) before returning, so that the forcing thread
 * need not wake every caller itself.
 *
 * <p>Thread-safe: told by any thread, awaited by the thread that created it.
 */
final class BlockingCommit extends PendingCommit {

    private static final int WAITING = 0;
    private static final int DURABLE = 1;
    private static final int REFUSED = 2;

    private final Thread caller = Thread.currentThread();
    /** Set (before {@link #state}) by whoever tells the outcome. */
    private RuntimeException refusal;
    /** Set (before {@link #state}) when told durable as one of a batch this commit's caller relays to. */
    private DurableBatch batch;
    private volatile int state = WAITING;
    /** Whether the caller is in {@link #await}: only then is it woken, and only then does it promise to relay. */
    private volatile boolean awaiting;

    BlockingCommit(Commit commit, StoreObserver observer) {
        super(commit, observer);
    }

    @Override
    public void durable() {
        finish(DURABLE);
    }

    @Override
    public boolean durable(DurableBatch told) {
        batch = told;
        // Written before reading awaiting, and await writes awaiting before reading state: either the
        // caller sees DURABLE before it parks or leaves, or this sees it waiting and wakes it.
        return finish(DURABLE);
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

    /** Publishes the outcome; wakes the caller if it waits. Returns whether it waits (and so will relay). */
    private boolean finish(int outcome) {
        state = outcome;
        if (awaiting) {
            LockSupport.unpark(caller);
            return true;
        }
        return false;
    }

    /**
     * Waits for the outcome, relays to the rest of the batch this commit was told durable with, and
     * returns the result or throws what refused the commit (its own rejection as it is, anything
     * else as {@link StoreUnavailableException}).
     */
    CommitResult await(long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        awaiting = true;
        try {
            while (state == WAITING) {
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    throw new StoreUnavailableException("interrupted while waiting for the store", new InterruptedException());
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
            // A teller that saw awaiting set left the rest of its batch to this thread, even when it leaves early.
            if (state == DURABLE && batch != null) {
                batch.tellRest();
            }
        }
        if (state == REFUSED) {
            throw refusal;
        }
        observer.committed(result, System.nanoTime() - submittedNanos);
        return result;
    }
}
