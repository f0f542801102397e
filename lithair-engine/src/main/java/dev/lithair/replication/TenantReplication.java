package dev.lithair.replication;

import java.nio.file.Path;
import java.util.function.Consumer;

import dev.lithair.store.spi.CommitPath;

/**
 * A cluster member that replicates tenants' stores, each through a Raft group of its own, so that the
 * tenants' leaders, and their writes, spread over the members.
 */
public interface TenantReplication {

    /**
     * Starts hosting tenants: the member listens for its peers and, whenever a peer asks something of a
     * tenant's group that does not run here yet, calls {@code opener} with the tenant id on a thread of its
     * own, so that the tenant's store opens on {@link #tenantGroup} and its group joins the others.
     *
     * @param opener opens the store of a tenant on its group; its failures are logged
     */
    void hostTenants(Consumer<String> opener);

    /**
     * Starts hosting tenants, their groups put to sleep when idle: as {@link #hostTenants(Consumer)}, and
     * besides, the leader of a tenant's group that took no write for {@link TenantHost#idleTimeout} (or, while
     * more than {@link TenantHost#maxOpen} groups run on its member, the least recently written) commits a
     * control entry on which every member snapshots the group and closes the tenant's store
     * ({@link TenantHost#closeIfUnused}). The group wakes on its next use on any member, after one election.
     *
     * @param host opens and closes the tenants' stores; its failures are logged
     */
    void hostTenants(TenantHost host);

    /**
     * The commit path factory of a tenant's store: the tenant's own Raft group.
     *
     * @param tenant        the tenant id
     * @param raftDirectory where the group's Raft files live on this member
     * @return the factory, for {@code LithairStore.create}
     * @throws IllegalArgumentException when the tenant id is not one
     */
    CommitPath.Factory tenantGroup(String tenant, Path raftDirectory);

    /**
     * What this member knows of a tenant's group now.
     *
     * @param tenant the tenant id
     * @return its status
     * @throws dev.lithair.exception.StoreUnavailableException when the tenant's group does not run on this member
     */
    ClusterStatus tenantStatus(String tenant);
}
