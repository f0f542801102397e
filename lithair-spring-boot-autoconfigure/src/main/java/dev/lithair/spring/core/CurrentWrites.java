package dev.lithair.spring.core;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.lithair.store.LithairStore;

/**
 * The {@link StagedWrites} a transaction has bound to the calling thread, per {@link LithairStore}:
 * the transaction manager binds and unbinds them, the template reads and writes through them.
 *
 * <p>They are held by Spring's {@link TransactionSynchronizationManager}, keyed by the store, as every
 * Spring transaction resource is. Thread-safe: each thread sees only its own.
 */
public final class CurrentWrites {

    /**
     * Staged writes bound to some thread, over every store. While it is zero no thread can have any,
     * so {@link #of} answers without the thread-local lookup, which would otherwise be a large part of
     * a repository {@code findById}. A thread that has bound writes counts in it until it unbinds them,
     * so it never reads zero meanwhile.
     */
    private static final AtomicInteger BOUND = new AtomicInteger();

    private CurrentWrites() {
    }

    /**
     * The staged writes of the calling thread's transaction on {@code store}, or {@code null}.
     *
     * @param store the store
     * @return the staged writes, or {@code null}
     */
    public static StagedWrites of(LithairStore store) {
        if (BOUND.get() == 0) {
            return null;
        }
        return (StagedWrites) TransactionSynchronizationManager.getResource(store);
    }

    /**
     * Binds {@code writes} to the calling thread for {@code store}; fails when some are bound already.
     *
     * @param store  the store
     * @param writes the staged writes
     */
    public static void bind(LithairStore store, StagedWrites writes) {
        TransactionSynchronizationManager.bindResource(store, writes);
        BOUND.incrementAndGet();
    }

    /**
     * Unbinds and returns the calling thread's staged writes for {@code store}, or {@code null} when none.
     *
     * @param store the store
     * @return the staged writes, or {@code null}
     */
    public static StagedWrites unbind(LithairStore store) {
        Object unbound = TransactionSynchronizationManager.unbindResourceIfPossible(store);
        if (unbound != null) {
            BOUND.decrementAndGet();
        }
        return (StagedWrites) unbound;
    }
}
