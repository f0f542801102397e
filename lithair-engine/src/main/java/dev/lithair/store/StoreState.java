package dev.lithair.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.lithair.event.AppliedEventListener;
import dev.lithair.event.EventEnvelope;
import dev.lithair.internal.codec.LogRecord;
import dev.lithair.internal.history.EntityRow;
import dev.lithair.internal.history.FieldHistories;
import dev.lithair.internal.snapshot.AppliedKey;
import dev.lithair.internal.snapshot.CapturedRows;
import dev.lithair.internal.snapshot.CapturedState;
import dev.lithair.internal.snapshot.EntitySection;
import dev.lithair.internal.snapshot.SnapshotSection;
import dev.lithair.internal.snapshot.SnapshotTarget;
import dev.lithair.model.EntityCodec;
import dev.lithair.model.EntityTypes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The in-memory state: entities by type and id, fed only by {@link #apply}, both when the writer
 * commits and when recovery replays, so the two can never disagree. Every applied event is passed
 * to the listeners (indexes, projections) in the same step.
 *
 * <p>A typed entity's table holds its {@link EntityRow}, the entity with its retained history, which
 * {@link FieldHistories#apply} makes for each event; a document type's table holds the documents.
 * Reads go through {@link EntityRow#entity}.
 *
 * <p>Concurrency: one thread (the writer, or recovery before it starts) applies; any thread reads,
 * without locks. A stored entity is never modified once published: an update publishes a new one.
 */
final class StoreState {

    private final EntityTypes types;
    private final List<AppliedEventListener> listeners;
    private final List<SnapshotSection> sections;
    private final List<EntitySection> entitySections;
    /** The retained history, also among the listeners and entity sections: here for its expiry. */
    private final FieldHistories histories;
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, Object>> entities = new ConcurrentHashMap<>();
    private final AppliedKeys appliedKeys;
    private volatile long lastSequence;

    StoreState(EntityTypes types, List<AppliedEventListener> listeners, List<SnapshotSection> sections,
            List<EntitySection> entitySections, FieldHistories histories, int idempotencyMaxKeys,
            Duration idempotencyMaxAge) {
        this.types = types;
        this.listeners = List.copyOf(listeners);
        this.sections = List.copyOf(sections);
        this.entitySections = List.copyOf(entitySections);
        this.histories = histories;
        this.appliedKeys = new AppliedKeys(idempotencyMaxKeys, idempotencyMaxAge);
        histories.keepRowsIn(this::liveTable);
    }

    EntityTypes types() {
        return types;
    }

    /** The stored entity (never to be modified), or {@code null}. */
    Object get(String entityType, String entityId) {
        Map<String, Object> table = entities.get(entityType);
        return table == null ? null : EntityRow.entity(table.get(entityId));
    }

    /**
     * The table of a type as the state keeps it, created empty if the type has no entity yet: rows or
     * documents by id, see {@link EntityRow#entity}. The same map for the store's lifetime (restoring
     * refills it), so a reader may hold on to it.
     */
    ConcurrentHashMap<String, Object> liveTable(String entityType) {
        return entities.computeIfAbsent(types.codec(entityType).typeName(), name -> new ConcurrentHashMap<>());
    }

    /** The number of live entities of a type. */
    int size(String entityType) {
        Map<String, Object> table = entities.get(entityType);
        return table == null ? 0 : table.size();
    }

    /** The live entities of a type, in a list of their own. */
    List<Object> all(String entityType) {
        Map<String, Object> table = entities.get(entityType);
        if (table == null) {
            return List.of();
        }
        List<Object> all = new ArrayList<>(table.size());
        table.values().forEach(row -> all.add(EntityRow.entity(row)));
        return all;
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
        Object previousRow = table.get(event.entityId());
        Object before = EntityRow.entity(previousRow);
        Object after = switch (event.eventType()) {
            case CREATED -> knownAfter != null ? knownAfter : codec.fromPayload((ObjectNode) event.payload(), event.entityId());
            case UPDATED -> {
                if (before == null) {
                    throw new IllegalStateException("update of absent " + event.entityType() + " " + event.entityId()
                            + " at sequence " + event.sequence());
                }
                yield knownAfter != null ? knownAfter : codec.applyChanges(before, (ObjectNode) event.payload());
            }
            case DELETED, ERASED -> null;
        };
        Object row = histories.apply(event, previousRow, before, after);
        if (row == null) {
            table.remove(event.entityId());
        } else {
            table.put(event.entityId(), row);
        }
        for (AppliedEventListener listener : listeners) {
            listener.applied(event, before, after);
        }
    }

    /**
     * Frees the retained changes older than their field's {@code maxAge} (readers already leave them
     * out), on the applying thread; see {@link FieldHistories#dropExpired()}.
     */
    long dropExpiredHistory() {
        return histories.dropExpired();
    }

    /**
     * {@link #dropExpiredHistory()} when a sweep is due, on the applying thread; one clock read
     * otherwise, and nothing at all when no field has a {@code maxAge}.
     */
    void dropExpiredHistoryIfDue() {
        histories.dropExpiredIfDue();
    }

    /** Whether some field has a {@code maxAge}, so that {@link #dropExpiredHistoryIfDue()} may have work. */
    boolean historyExpires() {
        return histories.expires();
    }

    /**
     * Captures the state as it is now, on the writer thread between groups: the tables' references in
     * arrays (a pass over each table; no entity is copied), so a snapshot can be written on another
     * thread while writes go on, holding nothing twice but those references. Expired history is
     * dropped first, so that no snapshot holds it.
     */
    CapturedState capture() {
        dropExpiredHistory();
        Map<String, Integer> sizes = new LinkedHashMap<>();
        List<CapturedRows> tables = new ArrayList<>();
        entities.forEach((type, table) -> {
            sizes.put(type, table.size());
            // A type whose entities the history holds is written from the history's capture alone: half the pass.
            if (entitySections.stream().noneMatch(section -> section.carriesEntities(type))) {
                tables.add(CapturedRows.of(type, table));
            }
        });
        Map<EntitySection, List<CapturedRows>> parts = new LinkedHashMap<>();
        entitySections.forEach(section -> parts.put(section, section.captureParts()));
        Map<SnapshotSection, Object> captured = new LinkedHashMap<>();
        sections.forEach(section -> captured.put(section, section.capture()));
        return new CapturedState(lastSequence, sizes, tables, parts, appliedKeys.copy(), captured);
    }

    /**
     * Where a snapshot read back goes: it replaces the state, on the thread that applies (before the
     * writer starts, or, for a cluster member catching up, between two applied entries, readers then
     * seeing the state change). A restore that fails part-way leaves the state empty, so that what is
     * restored next starts clean.
     */
    SnapshotTarget restoreTarget() {
        return new Restore();
    }

    /** Forgets every entity and what derives from them, telling the listeners which entities go. */
    private void clear() {
        Map<String, Map<String, Object>> live = new HashMap<>();
        entities.forEach((type, table) -> {
            Map<String, Object> byId = new HashMap<>(table.size() * 4 / 3 + 1);
            table.forEach((id, row) -> byId.put(id, EntityRow.entity(row)));
            live.put(type, byId);
        });
        listeners.forEach(listener -> listener.cleared(live));
        histories.cleared();
        entities.values().forEach(Map::clear);
        lastSequence = 0;
    }

    private final class Restore implements SnapshotTarget {

        private long sequence;

        @Override
        public void begin(long snapshotSequence, Map<String, Integer> sizes) {
            clear();
            sequence = snapshotSequence;
            // A table made here is sized for the entities it receives: growing one to a million entries
            // would copy it a dozen times.
            sizes.forEach((type, size) -> entities.computeIfAbsent(types.codec(type).typeName(),
                    name -> new ConcurrentHashMap<>(size)));
            entitySections.forEach(section -> section.beginRestore(sizes));
        }

        @Override
        public void entities(String type, String[] ids, Object[] restored) {
            ConcurrentHashMap<String, Object> table = liveTable(type);
            String name = types.codec(type).typeName();
            for (int i = 0; i < ids.length; i++) {
                // A row read back with its history (restored just before) stays; an entity without one gets its own.
                Object row = table.get(ids[i]);
                if (row == null || EntityRow.entity(row) != restored[i]) {
                    table.put(ids[i], histories.restoredRow(name, restored[i]));
                }
                for (int l = 0; l < listeners.size(); l++) { // no iterator per entity restored
                    listeners.get(l).restored(name, ids[i], restored[i]);
                }
            }
        }

        @Override
        public Map<String, EntitySection> entitySections() {
            Map<String, EntitySection> byName = new HashMap<>();
            entitySections.forEach(section -> byName.put(section.name(), section));
            return byName;
        }

        @Override
        public void end(List<AppliedKey> keys, Map<String, JsonNode> restoredSections) {
            for (SnapshotSection section : sections) {
                section.restore(restoredSections.get(section.name()));
            }
            for (EntitySection section : entitySections) {
                if (restoredSections.containsKey(section.name())) {
                    section.restoreWhole(restoredSections.get(section.name())); // a snapshot of format version 1
                }
            }
            appliedKeys.restore(keys);
            lastSequence = sequence; // last: once everything it covers is in place
        }

        @Override
        public void abandon() {
            clear();
            sections.forEach(section -> section.restore(null));
            appliedKeys.restore(List.of());
        }
    }
}
