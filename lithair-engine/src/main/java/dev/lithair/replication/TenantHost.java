package dev.lithair.replication;

import java.time.Duration;

/**
 * What a cluster member hosting tenants asks of the application: to open a tenant's store on its group
 * when a peer needs the group here, to close one when the group goes to sleep on every member, and how long a
 * tenant may stay unused, and how many may stay open, before its group is put to sleep.
 */
public interface TenantHost {

    /**
     * Opens the tenant's store, on {@link TenantReplication#tenantGroup}, unless it is open.
     *
     * @param tenant the tenant id
     */
    void open(String tenant);

    /**
     * Closes the tenant's store, and with it its group on this member, unless a call or a transaction uses it.
     *
     * @param tenant the tenant id
     * @return whether it is closed now (or was not open)
     */
    boolean closeIfUnused(String tenant);

    /**
     * How long a tenant's group may take no write before its leader puts it to sleep on every member.
     *
     * @return the idle timeout
     */
    Duration idleTimeout();

    /**
     * How many tenants' groups may run on this member before the least recently written of those it leads are
     * put to sleep.
     *
     * @return the most groups awake
     */
    int maxOpen();
}
