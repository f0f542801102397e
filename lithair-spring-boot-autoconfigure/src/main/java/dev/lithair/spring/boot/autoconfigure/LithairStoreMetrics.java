package dev.lithair.spring.boot.autoconfigure;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;

import dev.lithair.event.EventEnvelope;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreObserver;
import dev.lithair.store.spi.CommitResult;
import dev.lithair.store.spi.SnapshotInfo;
import dev.lithair.store.spi.StoreStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The store's meters, all named {@code lithair.*}:
 * <ul>
 * <li>{@code lithair.events.appended} (counter): events appended by commits of this process;</li>
 * <li>{@code lithair.commit.latency} (timer): from a commit's submission to its acknowledgement, durable
 * under the fsync policy;</li>
 * <li>{@code lithair.idempotency.duplicates} (counter): commits whose idempotency key was already applied;</li>
 * <li>{@code lithair.snapshot.duration} (timer): from capturing the state to the snapshot being durable;</li>
 * <li>{@code lithair.sequence} (gauge): sequence of the last applied event;</li>
 * <li>{@code lithair.entities} (gauge, tag {@code type}): live entities per type;</li>
 * <li>{@code lithair.log.size} (gauge, bytes) and {@code lithair.log.segments} (gauge): the log on disk;</li>
 * <li>{@code lithair.idempotency.keys} (gauge): idempotency keys remembered;</li>
 * <li>{@code lithair.storage.available} (gauge): 1 while the store can write its log and accepts commits,
 * 0 while it refuses them after a write or force failed (a full disk, an I/O error), is closed or is not
 * open yet.</li>
 * </ul>
 * Log and key gauges read the store's statistics at most once a second. Meters are bound while the context
 * is created, before the store opens: gauges read nothing until it is open, and the types the store
 * recovers without a model get their entities gauge once the context is refreshed (the store open).
 */
public class LithairStoreMetrics implements MeterBinder, ApplicationListener<ContextRefreshedEvent> {

    private static final long STATS_MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final LithairStore store;
    private final LithairEntityModels models;
    private volatile StoreStats cachedStats;
    private volatile long cachedAt;
    /** Registers the entities gauges of the stored types, per registry bound before the store opened. */
    private final List<Runnable> storedTypesGauges = new CopyOnWriteArrayList<>();

    /**
     * Meters of a store.
     *
     * @param store  the store
     * @param models its entity types
     */
    public LithairStoreMetrics(LithairStore store, LithairEntityModels models) {
        this.store = store;
        this.models = models;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Counter appended = Counter.builder("lithair.events.appended")
                .description("Events appended to the log by commits").baseUnit("events").register(registry);
        Counter duplicates = Counter.builder("lithair.idempotency.duplicates")
                .description("Commits not applied again because their idempotency key was already applied")
                .register(registry);
        Timer commitLatency = Timer.builder("lithair.commit.latency")
                .description("Time from a commit's submission until it is durable under the fsync policy")
                .register(registry);
        Timer snapshotDuration = Timer.builder("lithair.snapshot.duration")
                .description("Time from capturing the state until the snapshot is durable").register(registry);
        Gauge.builder("lithair.sequence", store, s -> s.isStarted() ? s.lastSequence() : Double.NaN)
                .description("Sequence of the last applied event").register(registry);
        Gauge.builder("lithair.storage.available", store,
                        s -> !s.isStarted() || s.isClosed() || s.haltCause().isPresent() ? 0 : 1)
                .description("1 while the store can write its log and accepts commits, 0 while it refuses them")
                .register(registry);
        statsGauge(registry, "lithair.log.size", "bytes", "Size of the log segments on disk", StoreStats::logBytes);
        statsGauge(registry, "lithair.log.segments", null, "Number of log segments", StoreStats::logSegments);
        statsGauge(registry, "lithair.idempotency.keys", null, "Idempotency keys remembered",
                StoreStats::idempotencyKeys);
        Set<String> typesWithGauge = ConcurrentHashMap.newKeySet();
        models.names().forEach(type -> entitiesGauge(registry, type, typesWithGauge));
        Runnable storedTypes = () -> store.stats().entityCounts().keySet()
                .forEach(type -> entitiesGauge(registry, type, typesWithGauge));
        if (isOpen()) {
            storedTypes.run();
        } else {
            storedTypesGauges.add(storedTypes);
        }
        store.addObserver(new StoreObserver() {
            @Override
            public void committed(CommitResult result, long latencyNanos) {
                if (latencyNanos > 0) {
                    // 0: a cluster member applying a commit another member took, whose latency is not known here
                    commitLatency.record(latencyNanos, TimeUnit.NANOSECONDS);
                }
                if (result.duplicate()) {
                    duplicates.increment();
                }
                if (!result.events().isEmpty()) {
                    appended.increment(result.events().size());
                    for (EventEnvelope event : result.events()) {
                        if (!typesWithGauge.contains(event.entityType())) {
                            entitiesGauge(registry, event.entityType(), typesWithGauge);
                        }
                    }
                }
            }

            @Override
            public void snapshotWritten(SnapshotInfo info) {
                snapshotDuration.record(info.durationMillis(), TimeUnit.MILLISECONDS);
            }

            @Override
            public String toString() {
                return "Micrometer meters lithair.* of " + registry;
            }
        });
    }

    /** Registers the entities gauges of the types the store opened with, for registries bound before. */
    @Override
    public void onApplicationEvent(ContextRefreshedEvent event) {
        if (isOpen()) {
            for (Runnable storedTypes : storedTypesGauges) {
                storedTypesGauges.remove(storedTypes);
                storedTypes.run();
            }
        }
    }

    private boolean isOpen() {
        return store.isStarted() && !store.isClosed();
    }

    private void entitiesGauge(MeterRegistry registry, String type, Set<String> typesWithGauge) {
        if (typesWithGauge.add(type)) {
            Gauge.builder("lithair.entities", this, metrics -> metrics.isOpen() ? store.count(type) : Double.NaN)
                    .description("Live entities of a type").tag("type", type).baseUnit("entities")
                    .register(registry);
        }
    }

    private void statsGauge(MeterRegistry registry, String name, String unit, String description,
            ToDoubleFunction<StoreStats> value) {
        Gauge.builder(name, this, metrics -> {
            StoreStats stats = metrics.stats();
            return stats == null ? Double.NaN : value.applyAsDouble(stats);
        }).description(description).baseUnit(unit).register(registry);
    }

    /** The store's statistics, at most a second old; {@code null} once the store is closed. */
    private StoreStats stats() {
        if (!isOpen()) {
            return null;
        }
        StoreStats stats = cachedStats;
        long now = System.nanoTime();
        if (stats == null || now - cachedAt > STATS_MAX_AGE_NANOS) {
            try {
                stats = store.stats();
            } catch (RuntimeException e) {
                return null;
            }
            cachedStats = stats;
            cachedAt = now;
        }
        return stats;
    }
}
