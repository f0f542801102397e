package dev.lithair.internal.history;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.lithair.event.EventEnvelope;
import dev.lithair.history.AsOf;
import dev.lithair.history.AsOf.Existence;
import dev.lithair.history.FieldChange;
import dev.lithair.internal.snapshot.CapturedRows;
import dev.lithair.internal.snapshot.EntitySection;
import dev.lithair.model.EntityCodec;
import dev.lithair.model.EntityModel;
import dev.lithair.model.EntityTypes;
import dev.lithair.model.FieldModel;
import dev.lithair.model.TypedEntityCodec;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The retained history of every historized field of the typed entities, kept exactly as each
 * field's policy declares, and the as-of reads built on it.
 *
 * <p>A field's history is the list of its changes, oldest first; the creation of the entity counts
 * as the first change (old value {@code null}). {@code FULL} keeps every change, {@code versions = N}
 * the N newest (older ones leave memory at once, and the disk when the store is compacted), {@code NONE},
 * {@code @Immutable}, the id and the {@code @Version} keep none. Schemaless document types keep none.
 * The same rules apply in memory, in snapshots, after compaction and after a restart, which reads
 * retained history back under the current models (see {@link RetainedHistoryFormat}).
 *
 * <p>A field with a {@code maxAge} also drops the changes stamped before {@code now - maxAge} on the
 * store's clock. Reads leave them out as soon as they are that old; memory is freed when the field
 * next changes, by {@link #dropExpired} (which the store runs now and then on its applying thread and
 * before each snapshot capture, so no snapshot holds an expired change), and when a snapshot is read.
 *
 * <p>The {@code @Version} keeps no history of its own: each retained change's {@link EventStamp}
 * holds the version its event left the entity at, so an as-of read answers the version whenever it
 * knows every other field (the newest retained change at or before the instant is then the entity's
 * last event before it).
 *
 * <p>Beside the changes, each entity's lifetimes (creation and deletion instants) and the instant
 * of its last event are kept, for {@link #asOf as-of reads}. A deleted entity keeps its retained
 * history as an audit trail, with its deletion instant, when its type historizes any field; when
 * its type historizes none, nothing of it is kept.
 *
 * <p>A live entity's history is its row in the store's table ({@link #keepRowsIn}): the store asks
 * {@link #apply} for the row each event leaves, so an entity and its history take one map entry. The
 * histories of deleted entities are kept here.
 *
 * <p>Concurrency: the store's one applying thread calls {@link #apply}, {@link #restoredRow} and the
 * {@link EntitySection} methods; any thread reads ({@link #history}, {@link #asOf}) without locks.
 * Each entity's history is an immutable value, replaced at each of its events, so a capture is a
 * copy of references and a reader sees one entity's state and history as of the same event.
 */
public final class FieldHistories implements EntitySection {

    /**
     * The tables that hold each live entity's row ({@link EntityHistory}) by id, one per typed entity
     * type: the store's own tables, so that an entity and its history take one map entry.
     */
    @FunctionalInterface
    public interface RowTables {

        /** The live table of a type, created empty when the type has no entity yet; the same map every time. */
        ConcurrentHashMap<String, Object> rows(String type);
    }

    /** Distinct actor names shared at most; beyond, each change keeps the string its event brought. */
    private static final int SHARED_ACTORS = 10_000;

    private final Map<String, LifecycleModel> models;
    /** Where live entities' histories are: the store's tables once {@link #keepRowsIn} is called. */
    private RowTables rows;
    /** The retained history of deleted entities (audit trails), by type and id: no longer in {@link #rows}. */
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, EntityHistory>> deleted =
            new ConcurrentHashMap<>();
    /** One instance of each actor name the retained changes hold (applying thread only). */
    private final SharedValues<String> actors = new SharedValues<>(SHARED_ACTORS);
    /** The last event's instant (applying thread only), see {@link #sharedTimestamp}. */
    private Instant lastTimestamp;
    /** What changes are measured against for {@code maxAge}. */
    private final Clock clock;
    /** How often {@link #dropExpiredIfDue} sweeps; {@code null} when no field has a {@code maxAge}. */
    private final Duration sweepInterval;
    /** When the last sweep ran, {@code null} before the first (applying thread only). */
    private Instant lastSweep;

    /**
     * @param clock the store's clock, which stamps events: a change expires when this clock says it is
     *              older than its field's {@code maxAge}
     */
    public FieldHistories(EntityTypes types, Clock clock) {
        this.clock = clock;
        Map<String, LifecycleModel> byName = new HashMap<>();
        Duration shortestMaxAge = null;
        for (EntityModel<?> model : types.models()) {
            byName.put(model.name(), new LifecycleModel(types.codec(model.name())));
            for (FieldModel field : model.fields()) {
                Duration maxAge = field.maxAge();
                if (maxAge != null && (shortestMaxAge == null || maxAge.compareTo(shortestMaxAge) < 0)) {
                    shortestMaxAge = maxAge;
                }
            }
        }
        this.models = Map.copyOf(byName);
        this.sweepInterval = shortestMaxAge == null ? null : sweepInterval(shortestMaxAge);
        ConcurrentHashMap<String, ConcurrentHashMap<String, Object>> own = new ConcurrentHashMap<>();
        this.rows = type -> own.computeIfAbsent(type, name -> new ConcurrentHashMap<>());
    }

    /**
     * Keeps the live entities' rows in these tables from now on, rather than in tables of its own; to be
     * called before anything is applied.
     */
    public void keepRowsIn(RowTables tables) {
        this.rows = tables;
    }

    /**
     * A tenth of the shortest {@code maxAge}, so an expired change stays in memory at most a tenth of
     * its age limit longer; no less than a second (a sweep walks every entity of the types concerned)
     * and no more than a minute.
     */
    private static Duration sweepInterval(Duration shortestMaxAge) {
        Duration tenth = shortestMaxAge.dividedBy(10);
        Duration atLeast = Duration.ofSeconds(1);
        Duration atMost = Duration.ofMinutes(1);
        return tenth.compareTo(atLeast) < 0 ? atLeast : tenth.compareTo(atMost) > 0 ? atMost : tenth;
    }

    // ---- reads

    /** All retained changes of all fields of an entity, oldest first (by sequence, then field order). */
    public List<FieldChange> history(String entityType, String entityId) {
        EntityHistory history = find(entityType, entityId);
        if (history == null) {
            return List.of();
        }
        LifecycleModel model = models.get(entityType);
        Instant[] expiredBefore = model.expiredBefore(now(model));
        List<FieldChange> all = new ArrayList<>();
        for (int position = 0; position < history.fieldCount(); position++) {
            FieldHistory field = retained(history, position, expiredBefore);
            if (field != null) {
                all.addAll(field.changes(model.historized(position).name(), entityType, entityId));
            }
        }
        all.sort(Comparator.comparingLong(FieldChange::sequence)); // stable: declaration order within an event
        return Collections.unmodifiableList(all);
    }

    /**
     * The retained changes of one field, oldest first; empty for a field that keeps no history.
     *
     * @param field the field's name, or a former name
     * @throws IllegalArgumentException when the type has no such field
     */
    public List<FieldChange> history(String entityType, String entityId, String field) {
        LifecycleModel model = models.get(entityType);
        if (model == null) {
            return List.of();
        }
        if (model.model().resolve(field) == null) {
            throw new IllegalArgumentException(entityType + " has no field " + field);
        }
        int position = model.position(field);
        EntityHistory history = find(entityType, entityId);
        FieldHistory changes = position < 0 || history == null ? null
                : retained(history, position, model.expiredBefore(now(model)));
        if (changes == null) {
            return List.of();
        }
        return changes.changes(model.historized(position).name(), entityType, entityId);
    }

    /** The clock's instant when the type has a field that expires, else {@code null}: not read for nothing. */
    private Instant now(LifecycleModel model) {
        return model.expires() ? clock.instant() : null;
    }

    /**
     * The field's retained changes, {@code null} when none.
     *
     * @param expiredBefore by position, {@code null} when no field expires
     */
    private static FieldHistory retained(EntityHistory history, int position, Instant[] expiredBefore) {
        FieldHistory field = history.field(position);
        return field == null || expiredBefore == null ? field : field.withoutExpired(expiredBefore[position]);
    }

    /**
     * The entity as it was at {@code instant}, as far as the retained history shows; see {@link AsOf}
     * for what is known. The state is the entity's after every event up to and including
     * {@code instant}.
     *
     * @throws IllegalArgumentException when the codec's type is not a typed entity of the store
     */
    public <T> AsOf<T> asOf(EntityCodec<T> codec, String entityId, Instant instant) {
        LifecycleModel model = models.get(codec.typeName());
        if (model == null) {
            throw new IllegalArgumentException(codec.typeName() + " is not a typed entity type of this store");
        }
        EntityHistory history = find(codec.typeName(), entityId);
        if (history == null) {
            // Deletions are kept only by types that historize something: for the others, nothing records them.
            return absent(instant, model.historizesAnything() ? Existence.DID_NOT_EXIST : Existence.UNKNOWN);
        }
        if (history.exists() && history.modifiedAt() != null && !instant.isBefore(history.modifiedAt())) {
            @SuppressWarnings("unchecked")
            T unchanged = codec.exposed((T) history.current());
            return new AsOf<>(instant, Existence.EXISTED, Optional.of(unchanged), Set.of());
        }
        EntityHistory.Lifetime lifetime = null;
        for (EntityHistory.Lifetime candidate : history.lifetimesNewestFirst()) {
            if (candidate.deletedAt() != null && !instant.isBefore(candidate.deletedAt())) {
                return absent(instant, Existence.DID_NOT_EXIST);
            }
            if (candidate.createdAt() == null) {
                return absent(instant, Existence.UNKNOWN);
            }
            if (candidate.includes(instant)) {
                lifetime = candidate;
                break;
            }
        }
        if (lifetime == null) {
            return absent(instant, Existence.DID_NOT_EXIST);
        }
        Object current = history.exists() && lifetime.deletedAt() == null ? history.current() : null;
        return rebuilt(model, history, lifetime, current, entityId, instant, model.expiredBefore(now(model)));
    }

    /** No state: the entity did not exist at {@code instant}, or what is held cannot say. */
    private static <T> AsOf<T> absent(Instant instant, Existence existence) {
        return new AsOf<>(instant, existence, Optional.empty(), Set.of());
    }

    /**
     * The state at {@code instant} within {@code lifetime}, from retained changes; the entity changed
     * since. The version is known when every other field is: the newest of their last changes at or
     * before {@code instant} is then the entity's last event up to it (an update always changes a field
     * other than the version, and a field whose change is not retained would be unknown), and its stamp
     * holds the version that event left.
     *
     * @param expiredBefore by position, {@code null} when no field expires
     */
    @SuppressWarnings("unchecked")
    private static <T> AsOf<T> rebuilt(LifecycleModel model, EntityHistory history, EntityHistory.Lifetime lifetime,
            Object current, String entityId, Instant instant, Instant[] expiredBefore) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        Set<String> unknown = new LinkedHashSet<>();
        FieldModel version = model.versionField();
        FieldHistory lastEvent = null; // the newest change at or before the instant, over the known fields
        for (FieldModel field : model.model().fields()) {
            int position = model.position(field.name());
            if (field.id()) {
                payload.set(field.name(), current == null ? payload.stringNode(entityId) : json(field.read(current)));
            } else if (field == version) {
                continue; // once the others are known
            } else if (position >= 0) {
                FieldHistory changes = history.field(position);
                FieldHistory last = changes == null ? null
                        : changes.lastAtOrBefore(instant, expiredBefore == null ? null : expiredBefore[position]);
                if (last != null && last.sequence() >= lifetime.createdSequence()) {
                    payload.set(field.name(), json(last.newValue()));
                    if (lastEvent == null || last.sequence() > lastEvent.sequence()) {
                        lastEvent = last;
                    }
                } else {
                    unknown.add(field.name()); // its retained history no longer reaches that far
                }
            } else if (field.immutable() && current != null) {
                payload.set(field.name(), json(field.read(current)));
            } else {
                unknown.add(field.name());
            }
        }
        if (version != null) {
            if (unknown.isEmpty() && lastEvent != null && lastEvent.stamp().hasVersion()) {
                payload.set(version.name(), payload.numberNode(lastEvent.stamp().version()));
            } else {
                unknown = inDeclarationOrder(model, unknown, version);
            }
        }
        T state = (T) model.codec().fromPayload(payload);
        return new AsOf<>(instant, Existence.EXISTED, Optional.of(state), unknown);
    }

    /** {@code unknown} with {@code added}, in the order the type declares its fields. */
    private static Set<String> inDeclarationOrder(LifecycleModel model, Set<String> unknown, FieldModel added) {
        Set<String> ordered = new LinkedHashSet<>();
        for (FieldModel field : model.model().fields()) {
            if (field == added || unknown.contains(field.name())) {
                ordered.add(field.name());
            }
        }
        return ordered;
    }

    private static JsonNode json(Object value) {
        return value == null ? JsonNodeFactory.instance.nullNode() : TypedEntityCodec.ENTITY_MAPPER.valueToTree(value);
    }

    /** Changes retained in memory over all entities and fields, counted by walking what is held. */
    public long retainedChanges() {
        long count = 0;
        for (String type : models.keySet()) {
            for (Object row : rows.rows(type).values()) {
                count += ((EntityHistory) row).retainedChanges();
            }
        }
        for (ConcurrentHashMap<String, EntityHistory> table : deleted.values()) {
            for (EntityHistory history : table.values()) {
                count += history.retainedChanges();
            }
        }
        return count;
    }

    // ---- expiry (the store's applying thread only)

    /** Whether some field has a {@code maxAge}: otherwise nothing ever expires and no sweep is needed. */
    public boolean expires() {
        return sweepInterval != null;
    }

    /**
     * {@link #dropExpired()} when the last sweep is older than a tenth of the shortest {@code maxAge}
     * (between a second and a minute), or the clock went back since; cheap otherwise (one clock read),
     * so the store can call it after every group of events it applies.
     *
     * @return the changes dropped, 0 when no sweep was due
     */
    public long dropExpiredIfDue() {
        if (sweepInterval == null) {
            return 0;
        }
        Instant now = clock.instant();
        if (lastSweep != null && !now.isBefore(lastSweep) && now.isBefore(lastSweep.plus(sweepInterval))) {
            return 0;
        }
        return dropExpired(now);
    }

    /**
     * Frees the memory of expired changes: replaces the history of every entity that holds some by one
     * without them. Readers already leave them out; this is what makes them unreachable.
     *
     * @return how many changes were dropped
     */
    public long dropExpired() {
        return sweepInterval == null ? 0 : dropExpired(clock.instant());
    }

    private long dropExpired(Instant now) {
        lastSweep = now;
        long dropped = 0;
        for (Map.Entry<String, LifecycleModel> type : models.entrySet()) {
            Instant[] expiredBefore = type.getValue().expiredBefore(now);
            if (expiredBefore == null) {
                continue;
            }
            dropped += dropExpired(rows.rows(type.getKey()), expiredBefore);
            ConcurrentHashMap<String, EntityHistory> trails = deleted.get(type.getKey());
            if (trails != null) {
                dropped += dropExpired(trails, expiredBefore);
            }
        }
        return dropped;
    }

    /** Replaces each history of the table that holds expired changes; returns how many it dropped. */
    private static <V> long dropExpired(ConcurrentHashMap<String, V> table, Instant[] expiredBefore) {
        long dropped = 0;
        for (Map.Entry<String, V> entity : table.entrySet()) {
            EntityHistory history = (EntityHistory) entity.getValue();
            FieldHistory[] fields = null; // copied at the first field that holds an expired change
            for (int position = 0; position < history.fieldCount(); position++) {
                FieldHistory field = history.field(position);
                if (field == null || expiredBefore[position] == null) {
                    continue;
                }
                int unexpired = field.unexpired(expiredBefore[position]);
                if (unexpired < field.size()) {
                    if (fields == null) {
                        fields = history.fieldsCopy();
                    }
                    fields[position] = field.keepingNewest(unexpired);
                    dropped += field.size() - unexpired;
                }
            }
            if (fields != null) {
                @SuppressWarnings("unchecked")
                V replaced = (V) history.withFields(fields);
                entity.setValue(replaced);
            }
        }
        return dropped;
    }

    /** The history of a live entity (its row) or of a deleted one, {@code null} when none is kept. */
    private EntityHistory find(String entityType, String entityId) {
        if (!models.containsKey(entityType)) {
            return null;
        }
        Object live = rows.rows(entityType).get(entityId);
        if (live != null) {
            return (EntityHistory) live;
        }
        Map<String, EntityHistory> trails = deleted.get(entityType);
        return trails == null ? null : trails.get(entityId);
    }

    // ---- applying events (the store's applying thread only)

    /**
     * What the store's table keeps under the event's id once it is applied: for a typed entity, its row
     * (the entity and its history, now); for a document, the document itself; {@code null} when the
     * entity is no longer live. The history of an entity deleted with an audit trail moves out of the
     * table, to be found by the history reads still.
     *
     * @param previousRow what the table held under the id before the event, {@code null} when absent
     * @param before      the entity before the event ({@link EntityRow#entity} of {@code previousRow})
     * @param after       the entity after it, {@code null} once deleted
     */
    public Object apply(EventEnvelope event, Object previousRow, Object before, Object after) {
        LifecycleModel model = models.get(event.entityType());
        if (model == null) {
            return after;
        }
        EntityHistory previous = previousRow != null ? (EntityHistory) previousRow : deletedHistory(event);
        EntityHistory next = next(model, previous, event, before, after);
        if (next != null && next.current() == null) {
            deleted.computeIfAbsent(event.entityType(), type -> new ConcurrentHashMap<>()).put(event.entityId(), next);
            return null;
        }
        if (previousRow == null && previous != null) {
            // Created again, or erased: its trail goes on in its row, or goes. The row is in place before the
            // trail leaves, so that a reader finds the history in one place or the other.
            if (next != null) {
                rows.rows(event.entityType()).put(event.entityId(), next);
            }
            deleted.get(event.entityType()).remove(event.entityId());
        }
        return next;
    }

    /** The audit trail of a deleted entity, {@code null} when none is kept. */
    private EntityHistory deletedHistory(EventEnvelope event) {
        ConcurrentHashMap<String, EntityHistory> trails = deleted.get(event.entityType());
        return trails == null ? null : trails.get(event.entityId());
    }

    private EntityHistory next(LifecycleModel model, EntityHistory previous, EventEnvelope event, Object before,
            Object after) {
        Instant at = sharedTimestamp(event);
        return switch (event.eventType()) {
            case CREATED -> created(model, previous, event, at, after,
                    model.historizesAnything() ? stamp(model, event, at, after) : null, expiredBefore(model));
            case UPDATED -> updated(model, previous, event, at, before, after);
            case DELETED -> previous == null || !model.historizesAnything() ? null : previous.deleted(at);
            case ERASED -> null;
        };
    }

    /** {@link LifecycleModel#expiredBefore(Instant)} now, {@code null} when no field of the type expires. */
    private Instant[] expiredBefore(LifecycleModel model) {
        return model.expiredBefore(now(model));
    }

    private static EntityHistory created(LifecycleModel model, EntityHistory previous, EventEnvelope event, Instant at,
            Object after, EventStamp stamp, Instant[] expiredBefore) {
        FieldHistory[] fields = previous == null || !model.historizesAnything()
                ? FieldHistory.emptyFields(model.historizedCount()) : previous.fieldsCopy();
        for (int position = 0; position < fields.length; position++) {
            if (!model.carries(event.payload(), position)) {
                continue; // a field added after the event was written: its history starts at its first change
            }
            FieldModel field = model.historized(position);
            fields[position] = FieldHistory.append(fields[position], stamp, null, readOnly(field.read(after)),
                    field.retainedChanges(), expiredBefore == null ? null : expiredBefore[position]);
        }
        List<EntityHistory.Lifetime> earlier = previous == null ? List.of() : previous.endedLifetimes(at);
        return EntityHistory.of(after, event.sequence(), at, at, null, earlier, fields, stamp);
    }

    private EntityHistory updated(LifecycleModel model, EntityHistory previous, EventEnvelope event, Instant at,
            Object before, Object after) {
        EntityHistory base = previous != null ? previous : EntityHistory.ofUnknownPast(before, model.historizedCount());
        FieldHistory[] fields = null; // copied at the first change: unchanged otherwise
        if (model.historizesAnything()) {
            EventStamp stamp = null; // made at the first change: shared by every field this event changes
            Instant[] expiredBefore = null;
            for (String name : event.payload().propertyNames()) {
                int position = model.position(name);
                if (position < 0) {
                    continue;
                }
                FieldModel field = model.historized(position);
                Object oldValue = field.read(before);
                Object newValue = field.read(after);
                if (TypedEntityCodec.sameValue(oldValue, newValue)) {
                    continue;
                }
                if (stamp == null) {
                    fields = base.fieldsCopy();
                    stamp = stamp(model, event, at, after);
                    expiredBefore = expiredBefore(model);
                }
                fields[position] = FieldHistory.append(fields[position], stamp, readOnly(oldValue), readOnly(newValue),
                        field.retainedChanges(), expiredBefore == null ? null : expiredBefore[position]);
            }
        }
        return base.updated(after, at, fields);
    }

    /** The event's stamp, holding the version it left the entity at when the type has a {@code @Version} set. */
    private EventStamp stamp(LifecycleModel model, EventEnvelope event, Instant at, Object after) {
        String actor = actors.canonical(event.actor());
        FieldModel version = model.versionField();
        Object value = version == null ? null : version.read(after);
        if (value instanceof Number number) {
            return EventStamp.versioned(event.entityType(), event.entityId(), event.sequence(), at, event.eventId(), actor,
                    number.longValue());
        }
        return EventStamp.of(event.entityType(), event.entityId(), event.sequence(), at, event.eventId(), actor);
    }

    /**
     * The event's instant, as the same instance as the previous event's when equal: the events of one
     * commit share one instant, but read back from the log each has its own copy.
     */
    private Instant sharedTimestamp(EventEnvelope event) {
        Instant at = event.timestamp();
        if (at.equals(lastTimestamp)) {
            return lastTimestamp;
        }
        lastTimestamp = at;
        return at;
    }

    /**
     * A value handed out in history: collections are shared with the stored entity, so readers get
     * them read-only.
     */
    static Object readOnly(Object value) {
        if (value instanceof List<?> list) {
            return Collections.unmodifiableList(list);
        }
        if (value instanceof Set<?> set) {
            return Collections.unmodifiableSet(set);
        }
        if (value instanceof Map<?, ?> map) {
            return Collections.unmodifiableMap(map);
        }
        return value;
    }

    /**
     * The row of an entity restored without a retained history of its own: one of unknown past for a
     * typed entity, the document itself otherwise.
     */
    public Object restoredRow(String entityType, Object entity) {
        LifecycleModel model = models.get(entityType);
        return model == null ? entity : EntityHistory.ofUnknownPast(entity, model.historizedCount());
    }

    /** Forgets the deleted entities' histories: the snapshot that replaces the state brings its own. */
    public void cleared() {
        deleted.clear();
    }

    // ---- snapshot section

    @Override
    public String name() {
        return "history";
    }

    /** Every live entity of a typed entity type has a history, which holds the entity (see {@link #applied}). */
    @Override
    public boolean carriesEntities(String type) {
        return models.containsKey(type);
    }

    @Override
    public Object entityOf(Object part) {
        return ((EntityHistory) part).current();
    }

    /**
     * The references to every entity's (immutable) history, per type, live rows and deleted entities'
     * trails together: O(entities), no history copied.
     */
    @Override
    public List<CapturedRows> captureParts() {
        List<CapturedRows> captured = new ArrayList<>();
        for (String type : models.keySet()) {
            ConcurrentHashMap<String, Object> live = rows.rows(type);
            ConcurrentHashMap<String, EntityHistory> trails = deleted.get(type);
            if (!live.isEmpty() || (trails != null && !trails.isEmpty())) {
                captured.add(CapturedRows.of(type, live, trails == null ? Map.of() : trails));
            }
        }
        return captured;
    }

    @Override
    public void writePart(JsonGenerator generator, String type, String id, Object part) {
        RetainedHistoryFormat.writeEntity(generator, models.get(type), (EntityHistory) part);
    }

    /** On a helper thread: shares instants and actor names within the chunk only. */
    @Override
    public PartReader partReader(String type, Function<JsonParser, JsonNode> values) {
        LifecycleModel model = models.get(type);
        if (model == null) {
            return (id, parser, current) -> {
                parser.skipChildren();
                return null; // a type no longer registered: nothing of it is kept
            };
        }
        RetainedHistoryFormat.Decoding decoding = new RetainedHistoryFormat.Decoding(new SharedValues<>(SHARED_ACTORS),
                clock.instant());
        return (id, parser, current) -> parser.currentToken() == JsonToken.VALUE_NULL ? null
                : RetainedHistoryParser.read(model, type, id, parser, values, current, decoding);
    }

    /** Nothing to prepare: the live rows go to the store's tables, which it sizes itself. */
    @Override
    public void beginRestore(Map<String, Integer> sizes) {
    }

    /** A live entity's history becomes its row; a deleted one's, its audit trail. */
    @Override
    public void restoreParts(String type, String[] ids, Object[] parts) {
        if (!models.containsKey(type)) {
            return;
        }
        ConcurrentHashMap<String, Object> live = rows.rows(type);
        for (int i = 0; i < ids.length; i++) {
            EntityHistory history = (EntityHistory) parts[i];
            if (history != null) {
                keep(live, type, ids[i], history);
            }
        }
    }

    /** Puts a history read back where it belongs: the live table when its entity lives, the trails otherwise. */
    private void keep(ConcurrentHashMap<String, Object> live, String type, String id, EntityHistory history) {
        if (history.current() != null) {
            live.put(id, history);
        } else {
            live.remove(id);
            deleted.computeIfAbsent(type, name -> new ConcurrentHashMap<>()).put(id, history);
        }
    }

    /** Merges a format version 1 section over the rows of unknown past the entities were restored with. */
    @Override
    public void restoreWhole(JsonNode data) {
        if (data != null) {
            RetainedHistoryFormat.read(data, models, (type, id) -> EntityRow.entity(rows.rows(type).get(id)),
                    (type, id, history) -> keep(rows.rows(type), type, id, history), actors, clock.instant());
        }
    }
}
