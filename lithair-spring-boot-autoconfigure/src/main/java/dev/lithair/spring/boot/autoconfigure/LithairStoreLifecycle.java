package dev.lithair.spring.boot.autoconfigure;

import java.nio.file.Files;

import org.springframework.context.SmartLifecycle;

import dev.lithair.exception.DataDirectoryInUseException;
import dev.lithair.store.LithairStore;

/**
 * Opens the {@link LithairStore} bean when the application context starts, and closes it when the context
 * stops. The bean is created unopened, so that creating the context touches no file: a Class Data Sharing
 * or AOT cache training run ({@code -Dspring.context.exit=onRefresh}) refreshes the context and exits before
 * this starts, leaving the data directory neither created, locked nor read.
 *
 * <p>It starts in {@link #SMART_LIFECYCLE_PHASE}, before the web server and every lifecycle bean at a
 * default phase, and before {@code ApplicationRunner}s and {@code ApplicationReadyEvent} listeners; it stops
 * after them, so that they make their last writes first. A store closed on stop is not opened again: the
 * context cannot be restarted, and so this component does not take part in a pause.
 */
public class LithairStoreLifecycle implements SmartLifecycle {

    /**
     * The phase the store opens in: low, so that the components that use the store start after it, with room
     * below for one that must run before the data directory is opened (a restore, for example).
     */
    public static final int SMART_LIFECYCLE_PHASE = Integer.MIN_VALUE + 1000;

    private final LithairStore store;

    /**
     * The lifecycle of a store.
     *
     * @param store the store this lifecycle opens on start and closes on stop
     */
    public LithairStoreLifecycle(LithairStore store) {
        this.store = store;
    }

    /**
     * Opens the store, unless it was opened already (an application's own {@code LithairStore} bean made
     * with {@code LithairStore.open}). A failure stops the application's start.
     */
    @Override
    public void start() {
        if (store.isClosed()) {
            throw new IllegalStateException("The Lithair store in " + store.options().dataDirectory() + " was "
                    + "closed when the application context stopped, and is not opened again: restart the application");
        }
        if (store.isStarted()) {
            return;
        }
        if (!store.isReplicated() && Files.isDirectory(store.options().dataDirectory().resolve("raft"))) {
            throw new InvalidLithairConfigurationException(store.options().dataDirectory() + " holds a cluster "
                    + "member's Raft log (raft/), which a single node would ignore, starting empty.",
                    "Set lithair.cluster.enabled=true (with this member's settings) to run it as a cluster member, "
                    + "or point lithair.data-dir at another directory.");
        }
        try {
            store.start();
        } catch (IllegalStateException e) {
            if (!store.isReplicated() || e instanceof DataDirectoryInUseException) {
                throw e;
            }
            throw new InvalidLithairConfigurationException("The Lithair cluster member cannot start: " + e.getMessage()
                    + ".", "Check lithair.data-dir and lithair.cluster.*.", e);
        }
    }

    @Override
    public void stop() {
        store.close();
    }

    @Override
    public boolean isRunning() {
        return store.isStarted() && !store.isClosed();
    }

    @Override
    public int getPhase() {
        return SMART_LIFECYCLE_PHASE;
    }

    @Override
    public boolean isPauseable() {
        return false;
    }
}
