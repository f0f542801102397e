package dev.lithair.spring.boot.autoconfigure;

import org.springframework.context.SmartLifecycle;

import dev.lithair.replication.TenantReplication;
import dev.lithair.spring.tenancy.TenantStores;

/**
 * With tenants in a cluster, starts this member's Raft transport when the application context starts, so
 * that its peers reach it before any tenant is used here: a tenant first used on another member has its
 * group started here too, its store opened when a peer asks for it. Like the single store's
 * ({@link LithairStoreLifecycle}), creating the context binds no port and touches no file; it starts in the
 * same phase. The tenants' stores, and their groups, are closed with the context.
 */
public class LithairTenantReplicationLifecycle implements SmartLifecycle {

    private final TenantReplication replication;
    private final TenantStores stores;
    private volatile boolean running;

    /**
     * The lifecycle of the tenants' replication.
     *
     * @param replication this member's cluster
     * @param stores      the tenants' stores, opened on the tenants' groups
     */
    public LithairTenantReplicationLifecycle(TenantReplication replication, TenantStores stores) {
        this.replication = replication;
        this.stores = stores;
    }

    /** Starts the member's transport; a failure (a port in use, say) stops the application's start. */
    @Override
    public void start() {
        try {
            replication.hostTenants(stores::openForPeer);
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
