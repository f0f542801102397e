package dev.lithair.internal.log;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Many producers hand work to a consumer thread. Producers never block and wake the consumer only
 * when it is parked, so a busy consumer costs them one lock-free enqueue. A producer that will take
 * the work out itself (a caller that drives the work under its owner's lock, see
 * {@link #offerQuietly}) does not wake the consumer at all.
 *
 * <p>Thread-safe for producers. {@link #awaitWork} and {@link #park} must only be called by the
 * consumer thread, which binds itself with {@link #bindConsumer}; {@link #drainTo} by one thread at
 * a time (the consumer, or whoever holds the lock its owner guards draining with).
 */
public final class HandOffQueue<T> {

    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private volatile Thread consumer;
    private volatile boolean consumerParked;

    public void bindConsumer(Thread thread) {
        this.consumer = thread;
    }

    public void offer(T item) {
        queue.offer(item);
        if (consumerParked) {
            LockSupport.unpark(consumer);
        }
    }

    /**
     * Enqueues without waking the consumer: for a producer that drains the queue itself right after,
     * or knows that whoever drains it now will look again after releasing it.
     */
    public void offerQuietly(T item) {
        queue.offer(item);
    }

    /** Moves up to {@code max} items into {@code target}, in arrival order; returns how many. */
    public int drainTo(List<T> target, int max) {
        int drained = 0;
        T item;
        while (drained < max && (item = queue.poll()) != null) {
            target.add(item);
            drained++;
        }
        return drained;
    }

    /**
     * Waits until work arrives, {@code timeoutNanos} pass, or the thread is interrupted. Spins briefly
     * first: a writer that parks after each batch adds a wake-up to every commit at low concurrency.
     */
    public void awaitWork(long spinNanos, long timeoutNanos) {
        long spinUntil = System.nanoTime() + spinNanos;
        while (queue.isEmpty() && System.nanoTime() < spinUntil) {
            Thread.onSpinWait();
        }
        if (!queue.isEmpty()) {
            return;
        }
        consumerParked = true;
        try {
            // Re-check after publishing the flag: a producer that enqueued before seeing it did not unpark us.
            if (queue.isEmpty()) {
                LockSupport.parkNanos(this, timeoutNanos);
            }
        } finally {
            consumerParked = false;
        }
    }

    /**
     * Parks the consumer until a producer wakes it or {@code timeoutNanos} pass, even when work is
     * queued: for a consumer that found the work being drained by another thread, which will look at
     * the queue again when it is done.
     */
    public void park(long timeoutNanos) {
        consumerParked = true;
        try {
            LockSupport.parkNanos(this, timeoutNanos);
        } finally {
            consumerParked = false;
        }
    }

    /** Wakes the consumer, e.g. to make it notice shutdown. */
    public void wakeConsumer() {
        Thread thread = consumer;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    public boolean isEmpty() {
        return queue.isEmpty();
    }

    static long millis(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
