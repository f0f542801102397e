package dev.lithair.store;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.lithair.event.AppliedEventListener;
import dev.lithair.event.EventEnvelope;
import dev.lithair.internal.codec.LogRecord;
import dev.lithair.internal.snapshot.CapturedState;
import dev.lithair.internal.snapshot.RecoveredState;
import dev.lithair.internal.snapshot.SnapshotSection;
import dev.lithair.model.EntityCodec;
import dev.lithair.model.EntityTypes;
import tools.jackson.databind.node.ObjectNode;

/**
 * The in-memory state: entities by type and id, fed only by {@link #apply}, both when the writer
 * commits and when recovery replays, so the two can never disagree. Every applied event is passed
 * to the listeners (indexes, history, projections) in the same step.
 *
 * <p>Concurrency: one thread (the writer, or recovery before it starts) applies; any thread reads,
 * without locks. A stored entity is never modified once published: an update publishes a new one.
 */
final class StoreState {

    private final EntityTypes types;
    private final List<AppliedEventListener> listeners;
    private final List<SnapshotSection> sections;
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, Object>> entities = new ConcurrentHashMap<>();
    private final AppliedKeys appliedKeys;
    private volatile long lastSequence;

    StoreState(EntityTypes types, List<AppliedEventListener> listeners, List<SnapshotSection> sections,
            int idempotencyMaxKeys, Duration idempotencyMaxAge) {
        this.types = types;
        this.listeners = List.copyOf(listeners);
        this.sections = List.copyOf(sections);
        this.appliedKeys = new AppliedKeys(idempotencyMaxKeys, idempotencyMaxAge);
    }

    EntityTypes types() {
        return types;
    }

    /** The stored entity (never to be modified), or {@code null}. */
    Object get(String entityType, String entityId) {
        Map<String, Object> table = entities.get(entityType);
        return table == null ? null : table.get(entityId);
    }

    /**
     * The table of a type as the state keeps it, created empty if the type has no entity yet. The same
     * map for the store's lifetime (restoring refills it), so a reader may hold on to it.
     */
    ConcurrentHashMap<String, Object> liveTable(String entityType) {
        return entities.computeIfAbsent(types.codec(entityType).typeName(), name -> new ConcurrentHashMap<>());
    }

    /** The live table of a type, read-only. */
    Map<String, Object> table(String entityType) {
        Map<String, Object> table = entities.get(entityType);
        return table == null ? Collections.emptyMap() : Collections.unmodifiableMap(table);
    }

    Collection<Object> all(String entityType) {
        return table(entityType).values();
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

    /**
     * Applies every event of a record, then remembers its idempotency key.
     *
     * @param afterStates the entity after each event, when the writer already has it; {@code null}
     *                    during replay, where it is rebuilt from the payload
     */
    void apply(LogRecord record, List<Object> afterStates) {
        List<EventEnvelope> events = record.events();
        for (int i = 0; i < events.size(); i++) {
            applyEvent(events.get(i), afterStates == null ? null : afterStates.get(i));
        }
        long epochMillis = record.events().get(0).timestamp().toEpochMilli();
        if (record.idempotencyKey() != null) {
            appliedKeys.record(record.idempotencyKey(), record.lastSequence(), epochMillis);
        } else {
            appliedKeys.advanceTo(epochMillis);
        }
        lastSequence = record.lastSequence();
    }

    private void applyEvent(EventEnvelope event, Object knownAfter) {
        EntityCodec<Object> codec = types.codec(event.entityType());
        // Keyed by the codec's own name, the instance reads pass: a lookup then matches by identity.
        ConcurrentHashMap<String, Object> table = entities.computeIfAbsent(codec.typeName(),
                type -> new ConcurrentHashMap<>());
        Object before = table.get(event.entityId());
        Object after = switch (event.eventType()) {
            case CREATED -> knownAfter != null ? knownAfter : codec.fromPayload((ObjectNode) event.payload());
            case UPDATED -> {
                if (before == null) {
                    throw new IllegalStateException("update of absent " + event.entityType() + " " + event.entityId()
                            + " at sequence " + event.sequence());
                }
                yield knownAfter != null ? knownAfter : codec.applyChanges(before, (ObjectNode) event.payload());
            }
            case DELETED -> null;
        };
        if (after == null) {
            table.remove(event.entityId());
        } else {
            table.put(event.entityId(), after);
        }
        for (AppliedEventListener listener : listeners) {
            listener.applied(event, before, after);
        }
    }

    /**
     * Captures the state as it is now, on the writer thread between groups: a copy of the tables'
     * references, so serialising can happen on another thread while writes go on.
     */
    CapturedState capture() {
        Map<String, Map<String, Object>> copy = new HashMap<>();
        entities.forEach((type, table) -> copy.put(type, new HashMap<>(table)));
        Map<SnapshotSection, Object> captured = new LinkedHashMap<>();
        sections.forEach(section -> captured.put(section, section.capture()));
        return new CapturedState(lastSequence, copy, appliedKeys.copy(), captured);
    }

    /**
     * Restores a snapshot read back while opening, refusing it (for an older one, or the log) when it
     * does not cover the sequence its file is named after or cannot be restored; a restore that fails
     * part-way leaves the state empty, so that what is restored next starts clean.
     *
     * @throws IOException when the snapshot is refused
     */
    void restoreSnapshot(RecoveredState snapshot, long sequence) throws IOException {
        checkCovers(snapshot, sequence);
        try {
            restore(snapshot);
        } catch (RuntimeException unrestorable) {
            restore(new RecoveredState(0, List.of(), List.of(), null));
            listeners.forEach(listener -> listener.cleared(Map.of()));
            throw new IOException("it cannot be restored (" + unrestorable + ")", unrestorable);
        }
    }

    /** Refuses a snapshot whose content does not end at the sequence its file is named after. */
    static void checkCovers(RecoveredState snapshot, long sequence) throws IOException {
        if (snapshot.lastSequence() != sequence) {
            throw new IOException("it holds the state after sequence " + snapshot.lastSequence()
                    + " but is named after sequence " + sequence);
        }
    }

    /**
     * Replaces the state with a snapshot's, on the thread that applies: before the writer starts, or (a
     * cluster member catching up) between two applied entries, readers then seeing the state change.
     */
    void restore(RecoveredState snapshot) {
        if (lastSequence > 0 || entities.values().stream().anyMatch(table -> !table.isEmpty())) {
            Map<String, Map<String, Object>> live = new HashMap<>();
            entities.forEach((type, table) -> live.put(type, new HashMap<>(table)));
            listeners.forEach(listener -> listener.cleared(live));
        }
        entities.values().forEach(Map::clear);
        // A table made here is sized for the entities it receives: growing one to a million entries
        // would copy it a dozen times.
        Map<String, Integer> sizes = new HashMap<>();
        snapshot.entities().forEach(batch -> sizes.merge(batch.type(), batch.ids().length, Integer::sum));
        sizes.forEach((type, size) -> entities.computeIfAbsent(types.codec(type).typeName(),
                name -> new ConcurrentHashMap<>(size)));
        for (RecoveredState.EntityBatch batch : snapshot.entities()) {
            String type = batch.type();
            ConcurrentHashMap<String, Object> table = liveTable(type);
            for (int i = 0; i < batch.ids().length; i++) {
                String id = batch.ids()[i];
                Object entity = batch.entities()[i];
                table.put(id, entity);
                for (AppliedEventListener listener : listeners) {
                    listener.restored(type, id, entity);
                }
            }
        }
        for (SnapshotSection section : sections) {
            section.restore(snapshot.sections() == null ? null : snapshot.sections().get(section.name()));
        }
        appliedKeys.restore(snapshot.appliedKeys());
        lastSequence = snapshot.lastSequence();
    }
}
