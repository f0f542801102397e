package dev.lithair.store.spi;

import java.util.Map;

/**
 * A point-in-time view of a store, for monitoring.
 *
 * @param lastSequence          last applied event
 * @param lastSnapshotSequence  newest snapshot on disk, 0 when none
 * @param entityCounts          live entities per type
 * @param logBytes              size of the log segments on disk
 * @param logSegments           number of log segments
 * @param idempotencyKeys       idempotency keys remembered
 */
public record StoreStats(long lastSequence, long lastSnapshotSequence, Map<String, Integer> entityCounts,
        long logBytes, int logSegments, int idempotencyKeys) {
}
