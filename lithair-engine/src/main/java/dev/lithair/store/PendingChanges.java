package dev.lithair.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.lithair.event.EventEnvelope;
import dev.lithair.internal.codec.LogRecord;
import dev.lithair.internal.snapshot.AppliedKey;

/**
 * What the records the writer accepted but has not applied yet will change: each entity's state
 * after them (or that they delete it) and the idempotency keys they carry. The writer applies a
 * record only once it is durable, so the state readers see lags behind what later commits must be
 * planned against; the planner reads through this first.
 *
 * <p>An entry belongs to the newest record that touched its entity or key; applying a record removes
 * only the entries it still owns (applied first, then removed, so that the planner always finds the
 * change in one place or the other). A storage failure drops them all with the records.
 *
 * <p>Not thread-safe: used under the writer's lock only.
 */
final class PendingChanges {

    /** Stands for an entity a pending record deletes. */
    static final Object DELETED = new Object();

    private record EntityKey(String type, String id) {
    }

    private record Entry(Object after, LogRecord owner) {
    }

    private final Map<EntityKey, Entry> entities = new HashMap<>();
    private final Map<String, AppliedKey> keys = new HashMap<>();

    /** The entity as pending records leave it, {@link #DELETED}, or {@code null} when none touches it. */
    Object get(String type, String id) {
        if (entities.isEmpty()) {
            return null;
        }
        Entry entry = entities.get(new EntityKey(type, id));
        return entry == null ? null : entry.after();
    }

    /** The pending commit that carries {@code key}, as an applied key would be remembered; or {@code null}. */
    AppliedKey key(String key) {
        return keys.isEmpty() ? null : keys.get(key);
    }

    /** Adds a record just accepted, with the entity after each of its events ({@code null}: deleted). */
    void add(LogRecord record, List<Object> afterStates) {
        List<EventEnvelope> events = record.events();
        for (int i = 0; i < events.size(); i++) {
            EventEnvelope event = events.get(i);
            Object after = afterStates.get(i);
            entities.put(new EntityKey(event.entityType(), event.entityId()),
                    new Entry(after == null ? DELETED : after, record));
        }
        if (record.idempotencyKey() != null) {
            keys.put(record.idempotencyKey(), new AppliedKey(record.idempotencyKey(), record.lastSequence(),
                    events.get(0).timestamp().toEpochMilli()));
        }
    }

    /** Forgets what {@code record} still owns, once the state has applied it. */
    void applied(LogRecord record) {
        for (EventEnvelope event : record.events()) {
            EntityKey key = new EntityKey(event.entityType(), event.entityId());
            Entry entry = entities.get(key);
            if (entry != null && entry.owner() == record) {
                entities.remove(key);
            }
        }
        if (record.idempotencyKey() != null) {
            AppliedKey entry = keys.get(record.idempotencyKey());
            if (entry != null && entry.sequence() == record.lastSequence()) {
                keys.remove(record.idempotencyKey());
            }
        }
    }

    /** Drops everything pending, after a storage failure. */
    void clear() {
        entities.clear();
        keys.clear();
    }

    boolean isEmpty() {
        return entities.isEmpty() && keys.isEmpty();
    }
}
