package dev.lithair.spring.boot.autoconfigure;

import java.time.Duration;

import org.springframework.context.SmartLifecycle;

import dev.lithair.replication.TenantHost;
import dev.lithair.replication.TenantReplication;
import dev.lithair.spring.tenancy.TenantStores;

/**
 * With tenants in a cluster, starts this member's Raft transport when the application context starts, so
 * that its peers reach it before any tenant is used here: a tenant first used on another member has its
 * group started here too, its store opened when a peer asks for it; a tenant's group without writes for
 * {@code lithair.tenancy.idle-timeout} (or, past {@code max-open} groups, the least recently written) is put
 * to sleep on every member, its stores closed, until its next use. Like the single store's
 * ({@link LithairStoreLifecycle}), creating the context binds no port and touches no file; it starts in the
 * same phase. The tenants' stores, and their groups, are closed with the context.
 */
public class LithairTenantReplicationLifecycle implements SmartLifecycle {

    private final TenantReplication replication;
    private final TenantStores stores;
    private final Duration idleTimeout;
    private final int maxOpen;
    private volatile boolean running;

    /**
     * The lifecycle of the tenants' replication.
     *
     * @param replication this member's cluster
     * @param stores      the tenants' stores, opened on the tenants' groups
     * @param idleTimeout how long a tenant's group may take no write before it is put to sleep
     * @param maxOpen     how many tenants' groups may run on this member before the least recently written of
     *                    those it leads are put to sleep
     */
    public LithairTenantReplicationLifecycle(TenantReplication replication, TenantStores stores, Duration idleTimeout,
            int maxOpen) {
        this.replication = replication;
        this.stores = stores;
        this.idleTimeout = idleTimeout;
        this.maxOpen = maxOpen;
    }

    /** Starts the member's transport; a failure (a port in use, say) stops the application's start. */
    @Override
    public void start() {
        try {
            replication.hostTenants(TenantHost.of(stores::openForPeer, stores::closeForPeers, idleTimeout, maxOpen));
        } catch (IllegalStateException e) {
            throw new InvalidLithairConfigurationException("The Lithair cluster member cannot start: " + e.getMessage()
                    + ".", "Check lithair.data-dir and lithair.cluster.*.", e);
        }
        running = true;
    }

    @Override
    public void stop() {
        stores.close();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return LithairStoreLifecycle.SMART_LIFECYCLE_PHASE;
    }

    @Override
    public boolean isPauseable() {
        return false;
    }
}
