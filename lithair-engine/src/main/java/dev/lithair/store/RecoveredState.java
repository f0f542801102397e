package dev.lithair.store;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * A snapshot read back, its entities already in their in-memory form: what {@link StoreState#restore}
 * replaces the state with.
 *
 * @param lastSequence the last event the snapshot covers
 * @param entities     the entities, in batches of one type
 * @param appliedKeys  the idempotency keys still remembered
 * @param sections     the sections of derived state, by name
 */
record RecoveredState(long lastSequence, List<EntityBatch> entities, List<AppliedKeys.Entry> appliedKeys,
        Map<String, JsonNode> sections) {

    /** Entities of one type, {@code entities[i]} under {@code ids[i]}. */
    record EntityBatch(String type, String[] ids, Object[] entities) {
    }
}
