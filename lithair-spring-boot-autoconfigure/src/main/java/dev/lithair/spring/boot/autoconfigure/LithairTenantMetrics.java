package dev.lithair.spring.boot.autoconfigure;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.lithair.spring.tenancy.TenantStores;
import dev.lithair.store.StoreObserver;
import dev.lithair.store.spi.CommitResult;
import dev.lithair.store.spi.SnapshotInfo;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The meters of the tenants' stores, with tenants enabled:
 * <ul>
 * <li>{@code lithair.tenancy.open} (gauge): tenant stores open now;</li>
 * <li>{@code lithair.tenancy.known} (gauge): tenants with a folder, open or not;</li>
 * <li>{@code lithair.events.appended}, {@code lithair.idempotency.duplicates} (counters),
 * {@code lithair.commit.latency} and {@code lithair.snapshot.duration} (timers), as for a single store, tagged
 * {@code tenant}.</li>
 * </ul>
 * The {@code tenant} tag names a tenant of {@code lithair.tenancy.metrics-tenants} only; every other tenant's
 * commits are added up under {@code tenant=other}. A fixed list, rather than the N busiest tenants, keeps each
 * tenant's series stable (a counter never moves from one tag to another as rankings change) and the number of
 * series bounded by what the operator chose, however many tenants sign up. Thread-safe.
 */
public class LithairTenantMetrics implements MeterBinder {

    /** The tenant tag of every tenant not listed in {@code lithair.tenancy.metrics-tenants}. */
    public static final String OTHER_TENANTS = "other";

    private final TenantStores stores;
    private final Set<String> taggedTenants;

    /**
     * Meters of the tenants' stores.
     *
     * @param stores        the tenants' stores
     * @param taggedTenants the tenants whose meters carry their own tag ({@code lithair.tenancy.metrics-tenants})
     */
    public LithairTenantMetrics(TenantStores stores, Collection<String> taggedTenants) {
        this.stores = stores;
        this.taggedTenants = Set.copyOf(taggedTenants);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("lithair.tenancy.open", stores, TenantStores::openCount)
                .description("Tenant stores open now").register(registry);
        Gauge.builder("lithair.tenancy.known", stores, TenantStores::knownCount)
                .description("Tenants with a folder, open or not").register(registry);
        Map<String, TenantMeters> metersByTag = new ConcurrentHashMap<>();
        stores.addObserver(tenant -> metersByTag.computeIfAbsent(tagOf(tenant), tag -> new TenantMeters(registry, tag)));
    }

    /** The tenant tag of a tenant's meters: its own id if listed, else {@link #OTHER_TENANTS}. */
    String tagOf(String tenant) {
        return taggedTenants.contains(tenant) ? tenant : OTHER_TENANTS;
    }

    /** The meters of one tenant tag, observing every store whose tenant has that tag. */
    private static final class TenantMeters implements StoreObserver {

        private final Counter appended;
        private final Counter duplicates;
        private final Timer commitLatency;
        private final Timer snapshotDuration;

        TenantMeters(MeterRegistry registry, String tenant) {
            appended = Counter.builder("lithair.events.appended").description("Events appended to the log by commits")
                    .baseUnit("events").tag("tenant", tenant).register(registry);
            duplicates = Counter.builder("lithair.idempotency.duplicates")
                    .description("Commits not applied again because their idempotency key was already applied")
                    .tag("tenant", tenant).register(registry);
            commitLatency = Timer.builder("lithair.commit.latency")
                    .description("Time from a commit's submission until it is durable under the fsync policy")
                    .tag("tenant", tenant).register(registry);
            snapshotDuration = Timer.builder("lithair.snapshot.duration")
                    .description("Time from capturing the state until the snapshot is durable").tag("tenant", tenant)
                    .register(registry);
        }

        @Override
        public void committed(CommitResult result, long latencyNanos) {
            if (latencyNanos > 0) {
                commitLatency.record(latencyNanos, TimeUnit.NANOSECONDS);
            }
            if (result.duplicate()) {
                duplicates.increment();
            }
            appended.increment(result.events().size());
        }

        @Override
        public void snapshotWritten(SnapshotInfo info) {
            snapshotDuration.record(info.durationMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
