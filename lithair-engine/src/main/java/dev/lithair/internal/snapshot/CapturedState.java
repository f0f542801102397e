package dev.lithair.internal.snapshot;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.lithair.model.EntityCodec;
import dev.lithair.model.EntityTypes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The state as captured on the writer thread: references to published (never modified) entities
 * and section captures. Turned into a {@link StateSnapshot} on the snapshot thread.
 */
public record CapturedState(long lastSequence, Map<String, Map<String, Object>> entities, List<AppliedKey> appliedKeys,
        Map<SnapshotSection, Object> sections) {

    public StateSnapshot toSnapshot(EntityTypes types) {
        Map<String, Map<String, ObjectNode>> payloads = new HashMap<>();
        entities.forEach((type, table) -> {
            EntityCodec<Object> codec = types.codec(type);
            Map<String, ObjectNode> converted = new HashMap<>(table.size() * 2);
            table.forEach((id, entity) -> converted.put(id, codec.toPayload(entity)));
            payloads.put(type, converted);
        });
        Map<String, JsonNode> serialized = new HashMap<>();
        sections.forEach((section, captured) -> serialized.put(section.name(), section.serialize(captured)));
        return new StateSnapshot(lastSequence, payloads, appliedKeys, serialized);
    }
}
