package dev.lithair.store;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.lithair.event.EventEnvelope;
import dev.lithair.event.LogRecord;
import tools.jackson.databind.node.ObjectNode;

/**
 * The in-memory state: entities by type and id, fed only by {@link #apply(LogRecord)}, both when
 * the writer commits and when recovery replays, so the two can never disagree.
 *
 * <p>Concurrency: one thread (the writer, or recovery before it starts) applies; any thread reads,
 * without locks. Entity nodes are never modified once published: an update publishes a new node.
 * Readers must treat returned nodes as read-only.
 */
final class StoreState {

    private final ConcurrentHashMap<String, ConcurrentHashMap<String, ObjectNode>> entities = new ConcurrentHashMap<>();
    private final AppliedKeys appliedKeys;
    private volatile long lastSequence;

    StoreState(int idempotencyMaxKeys, Duration idempotencyMaxAge) {
        this.appliedKeys = new AppliedKeys(idempotencyMaxKeys, idempotencyMaxAge);
    }

    ObjectNode get(String entityType, String entityId) {
        Map<String, ObjectNode> table = entities.get(entityType);
        return table == null ? null : table.get(entityId);
    }

    Collection<ObjectNode> all(String entityType) {
        Map<String, ObjectNode> table = entities.get(entityType);
        return table == null ? Collections.emptyList() : Collections.unmodifiableCollection(table.values());
    }

    Map<String, Integer> counts() {
        Map<String, Integer> counts = new HashMap<>();
        entities.forEach((type, table) -> counts.put(type, table.size()));
        return counts;
    }

    long lastSequence() {
        return lastSequence;
    }

    AppliedKeys appliedKeys() {
        return appliedKeys;
    }

    /** Applies every event of a record, then remembers its idempotency key. */
    void apply(LogRecord record) {
        for (EventEnvelope event : record.events()) {
            applyEvent(event);
        }
        long epochMillis = record.events().get(0).timestamp().toEpochMilli();
        if (record.idempotencyKey() != null) {
            appliedKeys.record(record.idempotencyKey(), record.lastSequence(), epochMillis);
        } else {
            appliedKeys.advanceTo(epochMillis);
        }
        lastSequence = record.lastSequence();
    }

    private void applyEvent(EventEnvelope event) {
        ConcurrentHashMap<String, ObjectNode> table = entities.computeIfAbsent(event.entityType(),
                type -> new ConcurrentHashMap<>());
        switch (event.eventType()) {
            case CREATED -> table.put(event.entityId(), (ObjectNode) event.payload());
            case UPDATED -> {
                ObjectNode current = table.get(event.entityId());
                if (current == null) {
                    throw new IllegalStateException("update of absent " + event.entityType() + " " + event.entityId()
                            + " at sequence " + event.sequence());
                }
                table.put(event.entityId(), FieldChanges.applyTo(current, (ObjectNode) event.payload()));
            }
            case DELETED -> table.remove(event.entityId());
        }
    }

    /**
     * Copies the state as it is now. Called on the writer thread between groups; the copy holds
     * references to immutable nodes, so serialising it can happen on another thread while writes go on.
     */
    StateSnapshot capture() {
        Map<String, Map<String, ObjectNode>> copy = new HashMap<>();
        entities.forEach((type, table) -> copy.put(type, new HashMap<>(table)));
        return new StateSnapshot(lastSequence, copy, appliedKeys.copy());
    }

    /** Replaces the state with a snapshot's; only before the writer starts. */
    void restore(StateSnapshot snapshot) {
        entities.clear();
        snapshot.entities().forEach((type, table) -> entities.put(type, new ConcurrentHashMap<>(table)));
        appliedKeys.restore(snapshot.appliedKeys());
        lastSequence = snapshot.lastSequence();
    }
}
