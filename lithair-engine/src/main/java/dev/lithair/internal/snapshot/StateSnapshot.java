package dev.lithair.internal.snapshot;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;


/**
 * Everything the store needs to resume after event {@code lastSequence} without the log before it:
 * entities by type and id (as payloads), the idempotency keys still remembered, and the sections of
 * derived state that cannot be rebuilt from entities alone. This is the body of a snapshot file.
 */
public record StateSnapshot(long lastSequence, Map<String, Map<String, ObjectNode>> entities,
        List<AppliedKey> appliedKeys, Map<String, JsonNode> sections) {
}
