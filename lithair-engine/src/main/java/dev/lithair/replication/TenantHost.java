package dev.lithair.replication;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

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

    /**
     * A host from its parts.
     *
     * @param open          opens the store of a tenant, unless it is open
     * @param closeIfUnused closes the store of a tenant unless it is in use; tells whether it is closed now
     * @param idleTimeout   how long a group may take no write before it is put to sleep
     * @param maxOpen       how many groups may run on the member before the least recently written sleep
     * @return the host
     */
    static TenantHost of(Consumer<String> open, Predicate<String> closeIfUnused, Duration idleTimeout, int maxOpen) {
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(closeIfUnused, "closeIfUnused");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        return new TenantHost() {
            @Override
            public void open(String tenant) {
                open.accept(tenant);
            }

            @Override
            public boolean closeIfUnused(String tenant) {
                return closeIfUnused.test(tenant);
            }

            @Override
            public Duration idleTimeout() {
                return idleTimeout;
            }

            @Override
            public int maxOpen() {
                return maxOpen;
            }
        };
    }
}
