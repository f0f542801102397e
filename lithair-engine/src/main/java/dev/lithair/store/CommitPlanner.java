package dev.lithair.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.lithair.event.EventEnvelope;
import dev.lithair.event.EventType;
import dev.lithair.event.LogRecord;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a commit's operations into events against the current state, seeing the effect of the
 * commit's own earlier operations (a put then a delete of the same entity in one commit works).
 * Runs on the writer thread only; changes nothing itself: the record it returns is applied by
 * {@link StoreState#apply}.
 */
final class CommitPlanner {

    private record EntityKey(String type, String id) {
    }

    /** Marks an entity deleted earlier in the same commit. */
    private static final ObjectNode ABSENT = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();

    private CommitPlanner() {
    }

    /**
     * The record for {@code commit}, its events numbered from {@code firstSequence}, or {@code null}
     * when the commit changes nothing.
     */
    static LogRecord plan(Commit commit, StoreState state, long firstSequence, Instant timestamp) {
        Map<EntityKey, ObjectNode> pending = new HashMap<>();
        List<EventEnvelope> events = new ArrayList<>(commit.operations().size());
        for (Operation operation : commit.operations()) {
            EntityKey key = new EntityKey(operation.entityType(), operation.entityId());
            ObjectNode current = pending.containsKey(key) ? pending.get(key) : state.get(key.type(), key.id());
            if (current == ABSENT) {
                current = null;
            }
            long sequence = firstSequence + events.size();
            if (operation instanceof Operation.Put put) {
                    if (current == null) {
                        events.add(event(EventType.CREATED, commit, sequence, timestamp, put, put.fields(), events.size()));
                        pending.put(key, put.fields());
                    } else {
                        ObjectNode changes = FieldChanges.diff(current, put.fields());
                        if (changes != null) {
                            events.add(event(EventType.UPDATED, commit, sequence, timestamp, put, changes, events.size()));
                            pending.put(key, put.fields());
                        }
                    }
            } else if (current != null) {
                events.add(event(EventType.DELETED, commit, sequence, timestamp, operation, current, events.size()));
                pending.put(key, ABSENT);
            }
        }
        return events.isEmpty() ? null : new LogRecord(commit.idempotencyKey(), events);
    }

    private static EventEnvelope event(EventType type, Commit commit, long sequence, Instant timestamp,
            Operation operation, ObjectNode payload, int index) {
        return new EventEnvelope(type, eventId(commit, operation, sequence, index), sequence, timestamp, commit.actor(),
                operation.entityType(), operation.entityId(), payload);
    }

    /**
     * The commit's key for its only event, the key and the event's index when it has several, or
     * {@code type:id:sequence} when the caller gave no key.
     */
    private static String eventId(Commit commit, Operation operation, long sequence, int index) {
        if (commit.idempotencyKey() == null) {
            return operation.entityType() + ":" + operation.entityId() + ":" + sequence;
        }
        return commit.operations().size() == 1 ? commit.idempotencyKey() : commit.idempotencyKey() + "#" + index;
    }
}
