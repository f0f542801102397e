package dev.lithair.spring.boot.autoconfigure.admin;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.lithair.store.LithairStore;
import dev.lithair.store.spi.StoreStats;

/**
 * A store's state for operators, as the admin stats route and the actuator endpoint show it.
 *
 * @param sequence             sequence of the last applied event
 * @param lastSnapshotSequence sequence covered by the newest snapshot on disk, 0 when none
 * @param entities             live entities per type, every registered type included, by name
 * @param logBytes             size of the log segments on disk
 * @param logSegments          number of log segments
 * @param idempotencyKeys      idempotency keys remembered
 * @param dataDirectory        where the store keeps its files
 * @param recovery             how the last start-up went
 */
public record LithairStoreReport(long sequence, long lastSnapshotSequence, Map<String, Integer> entities,
        long logBytes, int logSegments, int idempotencyKeys, String dataDirectory, LithairStore.Recovery recovery) {

    /**
     * Reads the store's statistics now (on its writer thread, between two commit groups).
     *
     * @param store     the store
     * @param typeNames the entity types' names
     * @return the report
     */
    public static LithairStoreReport of(LithairStore store, List<String> typeNames) {
        StoreStats stats = store.stats();
        Map<String, Integer> entities = new TreeMap<>();
        typeNames.forEach(name -> entities.put(name, 0));
        entities.putAll(stats.entityCounts());
        return new LithairStoreReport(stats.lastSequence(), stats.lastSnapshotSequence(), entities, stats.logBytes(),
                stats.logSegments(), stats.idempotencyKeys(), store.options().dataDirectory().toString(),
                store.recovery());
    }
}
