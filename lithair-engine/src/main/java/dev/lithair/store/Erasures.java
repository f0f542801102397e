package dev.lithair.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.lithair.event.AppliedEventListener;
import dev.lithair.event.EventEnvelope;
import dev.lithair.event.EventType;
import dev.lithair.history.Erasure;
import dev.lithair.internal.snapshot.SnapshotSection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every erasure the store has applied, kept in snapshots so that the record of an erasure outlives the
 * compaction that removes the erased values from the log (and with them the erasure's own event).
 *
 * <p>Concurrency: the applying thread appends; any thread reads. The list is immutable and replaced at
 * each erasure, so a capture is a reference and a reader never sees it change under it.
 */
final class Erasures implements AppliedEventListener, SnapshotSection {

    private volatile List<Erasure> erasures = List.of();

    /** Every erasure, oldest first. */
    List<Erasure> all() {
        return erasures;
    }

    @Override
    public void applied(EventEnvelope event, Object before, Object after) {
        if (event.eventType() == EventType.ERASED) {
            List<Erasure> next = new ArrayList<>(erasures.size() + 1);
            next.addAll(erasures);
            next.add(new Erasure(event.entityType(), event.entityId(), event.actor(), event.timestamp(),
                    event.sequence()));
            erasures = List.copyOf(next);
        }
    }

    @Override
    public void restored(String entityType, String entityId, Object entity) {
        // Erasures are restored as a section, not per entity.
    }

    /** A snapshot replacing the state brings its own erasures through {@link #restore}. */
    @Override
    public void cleared(Map<String, ? extends Map<String, Object>> live) {
        erasures = List.of();
    }

    @Override
    public String name() {
        return "erasures";
    }

    @Override
    public Object capture() {
        return erasures;
    }

    @Override
    public JsonNode serialize(Object captured) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Object item : (List<?>) captured) {
            Erasure erasure = (Erasure) item;
            ObjectNode node = array.addObject();
            node.put("type", erasure.entityType());
            node.put("id", erasure.entityId());
            if (erasure.actor() != null) {
                node.put("actor", erasure.actor());
            }
            node.put("time", erasure.time().toString());
            node.put("sequence", erasure.sequence());
        }
        return array;
    }

    @Override
    public void restore(JsonNode data) {
        List<Erasure> restored = new ArrayList<>();
        if (data != null) {
            for (JsonNode node : data) {
                JsonNode actor = node.get("actor");
                restored.add(new Erasure(node.get("type").asString(), node.get("id").asString(),
                        actor == null || actor.isNull() ? null : actor.asString(), Instant.parse(node.get("time").asString()),
                        node.get("sequence").asLong()));
            }
        }
        erasures = List.copyOf(restored);
    }
}
