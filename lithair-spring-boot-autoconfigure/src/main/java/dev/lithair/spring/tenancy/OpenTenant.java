package dev.lithair.spring.tenancy;

import java.util.concurrent.atomic.AtomicInteger;

import dev.lithair.spring.core.LithairCommitter;
import dev.lithair.spring.core.LithairTemplate;
import dev.lithair.store.LithairStore;

/**
 * One tenant's open store, with the committer and template that act on it, and how many calls and
 * transactions are using it right now.
 *
 * <p>A user pins it for the time of its work and unpins it after; {@link TenantStores} closes only a store
 * that nobody has pinned, and once it has decided to, no one can pin it any more (the pin count is then
 * {@code -1}). Thread-safe.
 */
public final class OpenTenant {

    private static final int CLOSING = -1;

    private final String id;
    private final LithairStore store;
    private final LithairCommitter committer;
    private final LithairTemplate template;
    private final AtomicInteger pins = new AtomicInteger();
    private volatile long lastUsedNanos = System.nanoTime();

    OpenTenant(String id, LithairStore store, LithairCommitter committer, LithairTemplate template) {
        this.id = id;
        this.store = store;
        this.committer = committer;
        this.template = template;
    }

    /** {@return the tenant id} */
    public String id() {
        return id;
    }

    /** {@return the tenant's store} */
    public LithairStore store() {
        return store;
    }

    /** {@return the committer of the tenant's store} */
    public LithairCommitter committer() {
        return committer;
    }

    /** {@return the operations on the tenant's store} */
    public LithairTemplate template() {
        return template;
    }

    /** Pins the store for one more user; {@code false} when it is being closed (open it again instead). */
    boolean pin() {
        for (;;) {
            int current = pins.get();
            if (current == CLOSING) {
                return false;
            }
            if (pins.compareAndSet(current, current + 1)) {
                lastUsedNanos = System.nanoTime();
                return true;
            }
        }
    }

    /** Ends one user's pin. */
    void unpin() {
        lastUsedNanos = System.nanoTime();
        pins.decrementAndGet();
    }

    /** Marks the store as closing when nobody uses it; {@code true} if so, and then it can never be pinned. */
    boolean closeIfUnused() {
        return pins.compareAndSet(0, CLOSING);
    }

    /** {@return whether a call or a transaction is using the store now} */
    boolean inUse() {
        return pins.get() > 0;
    }

    /** {@return {@link System#nanoTime()} when the store was last pinned or unpinned} */
    long lastUsedNanos() {
        return lastUsedNanos;
    }
}
