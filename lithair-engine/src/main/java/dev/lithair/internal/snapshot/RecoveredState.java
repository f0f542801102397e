package dev.lithair.internal.snapshot;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;


/**
 * A snapshot of format version 1 read back, its entities already in their in-memory form, before it
 * goes to its {@link SnapshotTarget}.
 *
 * @param lastSequence the last event the snapshot covers
 * @param entities     the entities, in batches of one type
 * @param appliedKeys  the idempotency keys still remembered
 * @param sections     the sections of derived state, by name
 */
public record RecoveredState(long lastSequence, List<EntityBatch> entities, List<AppliedKey> appliedKeys,
        Map<String, JsonNode> sections) {

    /** Entities of one type, {@code entities[i]} under {@code ids[i]}. */
    public record EntityBatch(String type, String[] ids, Object[] entities) {
    }
}
