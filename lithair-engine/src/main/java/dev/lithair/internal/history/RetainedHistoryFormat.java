package dev.lithair.internal.history;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.lithair.model.FieldModel;
import dev.lithair.model.TypedEntityCodec;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The retained history of an entity as snapshots hold it: what {@link FieldHistories} retains, in a
 * compact form, written straight to the snapshot's generator (never built as a tree) and read back
 * under the current models, from a tree here or straight from a parser ({@link RetainedHistoryParser}). Snapshots of format version 2 hold each entity's object below in a part
 * chunk beside the entities; those of format version 1 held them all in one {@code history} section:
 *
 * <pre>
 * {"v": 1, "types": {"Product": {"p1": {
 *     "c": 1, "ct": 1767225600000000000,     creating event and its instant (absent when unknown)
 *     "m": 1767225660000000000,              last event's instant (absent when unknown)
 *     "d": 1767225720000000000,              deletion instant (absent while the entity exists)
 *     "l": [[1, 1767225600000000000, 1767225620000000000]],  earlier lifetimes (absent when none)
 *     "f": {"price": [[1, 1767225600000000000, "create-p1", "alice", 10.50], [5, …, null, "bob", 12.00]]},
 *     "vn": [1, 0, 5, 1]                     the version each event left, as [sequence, version] pairs (absent
 * }}}}                                       when the type has no @Version, and in snapshots of earlier releases)
 * </pre>
 *
 * A change is {@code [sequence, instant, eventId, actor, new]} plus, only when it is not the
 * previous change's new value (or {@code null} for the first), its old value; an event id is
 * {@code null} when it is the store's default {@code type:id:sequence}. Instants are nanoseconds
 * since the epoch, or ISO-8601 text outside that range. {@code "vn"} covers the events of the
 * changes written, oldest first; an event it does not cover reads back without a version, which
 * as-of reads then say is unknown.
 *
 * <p>Reading applies the current models: changes of fields that no longer keep history (removed,
 * or now {@code NONE}) are dropped, a tightened {@code versions} keeps the newest, changes older
 * than a field's {@code maxAge} (on the store's clock, when the snapshot is read) are dropped, a
 * field's former name reads as its current one, and types no longer registered are dropped.
 */
final class RetainedHistoryFormat {

    static final int VERSION = 1;

    /** Immutable JDK classes whose {@code equals} means the same value in every respect. */
    private static final Set<Class<?>> VALUE_CLASSES = Set.of(String.class, BigDecimal.class, BigInteger.class,
            Long.class, Integer.class, Short.class, Byte.class, Double.class, Float.class, Boolean.class,
            Character.class, Instant.class, LocalDate.class, LocalDateTime.class, LocalTime.class,
            OffsetDateTime.class, UUID.class);

    private RetainedHistoryFormat() {
    }

    /** Writes one entity's retained history as an object (the per-entity value of the format above). */
    static void writeEntity(JsonGenerator gen, LifecycleModel model, EntityHistory history) {
        gen.writeStartObject();
        if (history.createdSequence() != 0) {
            gen.writeName("c");
            gen.writeNumber(history.createdSequence());
        }
        writeInstant(gen, "ct", history.createdAt());
        writeInstant(gen, "m", history.modifiedAt());
        writeInstant(gen, "d", history.deletedAt());
        if (!history.earlier().isEmpty()) {
            gen.writeName("l");
            gen.writeStartArray();
            for (EntityHistory.Lifetime lifetime : history.earlier()) {
                gen.writeStartArray();
                gen.writeNumber(lifetime.createdSequence());
                writeInstant(gen, lifetime.createdAt());
                writeInstant(gen, lifetime.deletedAt());
                gen.writeEndArray();
            }
            gen.writeEndArray();
        }
        boolean fieldsStarted = false;
        List<EventStamp> versioned = null; // the stamps of the changes written that hold a version
        for (int position = 0; position < history.fieldCount(); position++) {
            FieldHistory field = history.field(position);
            if (field == null) {
                continue;
            }
            if (!fieldsStarted) {
                gen.writeName("f");
                gen.writeStartObject();
                fieldsStarted = true;
            }
            gen.writeName(model.historized(position).name());
            gen.writeStartArray();
            FieldHistory previous = null;
            for (FieldHistory change : field.oldestFirst()) {
                writeChange(gen, change, previous);
                previous = change;
                if (change.stamp().hasVersion()) {
                    if (versioned == null) {
                        versioned = new ArrayList<>();
                    }
                    versioned.add(change.stamp());
                }
            }
            gen.writeEndArray();
        }
        if (fieldsStarted) {
            gen.writeEndObject();
        }
        if (versioned != null) {
            writeVersions(gen, versioned);
        }
        gen.writeEndObject();
    }

    /** The {@code "vn"} pairs: the version each event of a written change left, oldest event first. */
    private static void writeVersions(JsonGenerator gen, List<EventStamp> versioned) {
        versioned.sort(Comparator.comparingLong(EventStamp::sequence));
        gen.writeName("vn");
        gen.writeStartArray();
        EventStamp previous = null;
        for (EventStamp stamp : versioned) {
            // An event that changed several fields: once.
            if (previous == null || stamp.sequence() != previous.sequence()) {
                gen.writeNumber(stamp.sequence());
                gen.writeNumber(stamp.version());
                previous = stamp;
            }
        }
        gen.writeEndArray();
    }

    /**
     * The {@code "vn"} pairs of a tree read back, sequence to version; empty when absent or when the type
     * no longer has a {@code @Version}.
     *
     * @throws IllegalStateException when they are not pairs of integers
     */
    private static Map<Long, Long> readVersions(LifecycleModel model, String type, String id, JsonNode pairs) {
        if (pairs == null || model.versionField() == null) {
            return Map.of();
        }
        if (!pairs.isArray() || pairs.size() % 2 != 0) {
            throw new IllegalStateException("the versions of " + type + " " + id
                    + " are not [sequence, version] pairs: " + pairs);
        }
        Map<Long, Long> versions = new HashMap<>();
        for (int i = 0; i < pairs.size(); i += 2) {
            JsonNode sequence = pairs.get(i);
            JsonNode version = pairs.get(i + 1);
            if (!sequence.isIntegralNumber() || !sequence.canConvertToLong() || !version.isIntegralNumber()
                    || !version.canConvertToLong()) {
                throw notPairs(type, id, "[" + sequence + ", " + version + "]");
            }
            versions.put(sequence.longValue(), version.longValue());
        }
        return versions;
    }

    static IllegalStateException notPairs(String type, String id, String pair) {
        return new IllegalStateException("the versions of " + type + " " + id + " hold a pair that is not two integers: "
                + pair);
    }

    private static void writeChange(JsonGenerator gen, FieldHistory change, FieldHistory previous) {
        EventStamp stamp = change.stamp();
        gen.writeStartArray();
        gen.writeNumber(stamp.sequence());
        writeInstant(gen, stamp.timestamp());
        if (stamp.explicitEventId() == null) {
            gen.writeNull();
        } else {
            gen.writeString(stamp.explicitEventId());
        }
        if (stamp.actor() == null) {
            gen.writeNull();
        } else {
            gen.writeString(stamp.actor());
        }
        writeValue(gen, change.newValue());
        boolean oldImplied = previous == null ? change.oldValue() == null
                : TypedEntityCodec.sameValue(previous.newValue(), change.oldValue());
        if (!oldImplied) {
            writeValue(gen, change.oldValue());
        }
        gen.writeEndArray();
    }

    /** A value as the entity mapper writes it; the common scalars without building a tree. */
    private static void writeValue(JsonGenerator gen, Object value) {
        if (value == null) {
            gen.writeNull();
        } else if (value instanceof String text) {
            gen.writeString(text);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            gen.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigDecimal decimal) {
            gen.writeNumber(decimal);
        } else if (value instanceof Boolean bool) {
            gen.writeBoolean(bool);
        } else {
            gen.writeTree(TypedEntityCodec.ENTITY_MAPPER.valueToTree(value));
        }
    }

    private static void writeInstant(JsonGenerator gen, String name, Instant instant) {
        if (instant != null) {
            gen.writeName(name);
            writeInstant(gen, instant);
        }
    }

    private static void writeInstant(JsonGenerator gen, Instant instant) {
        if (instant == null) {
            gen.writeNull();
            return;
        }
        try {
            gen.writeNumber(Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano()));
        } catch (ArithmeticException outsideNanosRange) {
            gen.writeString(instant.toString());
        }
    }

    private static Instant readInstant(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isNumber() ? Instant.ofEpochSecond(0, node.longValue()) : Instant.parse(node.asString());
    }

    /** The entity restored under an id, {@code null} when none. */
    @FunctionalInterface
    interface Restored {
        Object entity(String type, String id);
    }

    /** Where a history read back goes. */
    @FunctionalInterface
    interface Keeper {
        void keep(String type, String id, EntityHistory history);
    }

    /**
     * Reads a whole section of format version 1, for entities already restored from the same snapshot
     * (each with a row of unknown past): an entity's retained history replaces its row.
     */
    static void read(JsonNode data, Map<String, LifecycleModel> models, Restored restored, Keeper into,
            SharedValues<String> actors, Instant now) {
        int version = data.path("v").asInt(0);
        if (version != VERSION) {
            throw new IllegalStateException("the snapshot's history is in format version " + version
                    + "; this release reads version " + VERSION);
        }
        Decoding decoding = new Decoding(actors, now);
        for (Map.Entry<String, JsonNode> type : data.path("types").properties()) {
            LifecycleModel model = models.get(type.getKey());
            if (model == null) {
                continue;
            }
            for (Map.Entry<String, JsonNode> entity : type.getValue().properties()) {
                String id = entity.getKey();
                EntityHistory history = readEntity(model, type.getKey(), id, entity.getValue(),
                        restored.entity(type.getKey(), id), decoding);
                if (history != null) {
                    into.keep(type.getKey(), id, history);
                }
            }
        }
    }

    /** The entity's history read from a tree, or {@code null} when nothing of it is to be kept. */
    static EntityHistory readEntity(LifecycleModel model, String type, String id, JsonNode node,
            Object current, Decoding decoding) {
        Stored stored = new Stored();
        stored.createdSequence = node.path("c").asLong(0);
        stored.createdAt = decoding.instant(node.get("ct"));
        stored.modifiedAt = decoding.instant(node.get("m"));
        stored.deletedAt = decoding.instant(node.get("d"));
        for (JsonNode lifetime : node.path("l").values()) {
            stored.lifetime(new EntityHistory.Lifetime(lifetime.get(0).asLong(), decoding.instant(lifetime.get(1)),
                    decoding.instant(lifetime.get(2))));
        }
        for (Map.Entry<String, JsonNode> field : node.path("f").properties()) {
            List<StoredChange> changes = stored.field(field.getKey());
            for (JsonNode change : field.getValue().values()) {
                JsonNode eventId = change.get(2);
                JsonNode actor = change.get(3);
                changes.add(new StoredChange(change.get(0).asLong(), decoding.instant(change.get(1)),
                        eventId.isNull() ? null : eventId.asString(),
                        actor.isNull() ? null : decoding.actor(actor.asString()), change.get(4),
                        change.size() > 5 ? change.get(5) : null));
            }
        }
        stored.versions = readVersions(model, type, id, node.get("vn"));
        return assemble(model, type, id, stored, current, decoding);
    }

    /**
     * One entity's history as a snapshot holds it, before the current models apply. Its lists are made
     * when first needed: most entities have no earlier lifetime, and a million are read at once.
     */
    static final class Stored {
        long createdSequence;
        Instant createdAt;
        Instant modifiedAt;
        Instant deletedAt;
        List<EntityHistory.Lifetime> earlier = List.of();
        List<String> fields = List.of();
        List<List<StoredChange>> changes = List.of();
        Map<Long, Long> versions = Map.of();

        void lifetime(EntityHistory.Lifetime lifetime) {
            if (earlier.isEmpty()) {
                earlier = new ArrayList<>(1);
            }
            earlier.add(lifetime);
        }

        List<StoredChange> field(String name) {
            if (fields.isEmpty()) {
                fields = new ArrayList<>(2);
                changes = new ArrayList<>(2);
            }
            List<StoredChange> field = new ArrayList<>(2);
            fields.add(name);
            changes.add(field);
            return field;
        }
    }

    /**
     * A change as a snapshot holds it; {@code oldValue} is {@code null} when absent (the previous change's
     * new value is its old one), a null node when it was {@code null}.
     */
    record StoredChange(long sequence, Instant at, String eventId, String actor, JsonNode newValue,
            JsonNode oldValue) {
    }

    /** The history a stored one gives under the current models, or {@code null} when nothing of it is kept. */
    static EntityHistory assemble(LifecycleModel model, String type, String id, Stored stored, Object current,
            Decoding decoding) {
        if (current == null && (stored.deletedAt == null || !model.historizesAnything())) {
            return null; // not in the snapshot's entities, or deleted with nothing kept of it
        }
        FieldHistory[] fields = FieldHistory.emptyFields(model.historizedCount());
        List<List<FieldHistory>> byPosition = new ArrayList<>();
        Map<Long, EventStamp> stamps = new HashMap<>(); // one per event, shared by the fields it changed
        for (int i = 0; i < fields.length; i++) {
            byPosition.add(null);
        }
        for (int f = 0; f < stored.fields.size(); f++) {
            int position = model.position(stored.fields.get(f));
            if (position < 0) {
                continue; // removed, or keeps no history any more
            }
            List<FieldHistory> changes = byPosition.get(position);
            if (changes == null) {
                changes = new ArrayList<>();
                byPosition.set(position, changes);
            }
            FieldHistory previous = null;
            for (StoredChange change : stored.changes.get(f)) {
                previous = readChange(model, model.historized(position), type, id, change, previous, stamps,
                        stored.versions);
                changes.add(previous);
            }
        }
        for (int position = 0; position < fields.length; position++) {
            List<FieldHistory> changes = byPosition.get(position);
            if (changes != null) {
                changes.sort(Comparator.comparingLong(FieldHistory::sequence)); // a rename may have merged two lists
                if (current != null) {
                    sharingCurrentValue(changes, model.historized(position).read(current));
                }
                fields[position] = FieldHistory.of(changes, model.historized(position).retainedChanges())
                        .withoutExpired(model.expiredBefore(position, decoding.now()));
            }
        }
        long createdSequence = stored.createdSequence;
        Instant createdAt = stored.createdAt;
        EventStamp created = stamps.get(createdSequence);
        if (created == null && createdSequence != 0 && createdAt != null) {
            // Its changes are no longer retained: a stamp of the creation alone (only its sequence and
            // instant are read), so the entity takes the layout it had before the snapshot.
            created = EventStamp.of(type, id, createdSequence, createdAt, null, null);
        }
        return EntityHistory.of(current, createdSequence, createdAt, stored.modifiedAt,
                current == null ? stored.deletedAt : null, List.copyOf(stored.earlier), fields, created);
    }

    /**
     * The newest change's new value is the value the entity holds when they are equal: shares it, as
     * before the snapshot was taken, instead of holding a second decoded copy. Only for value classes
     * whose {@code equals} means the same value in every respect (a decimal's scale included).
     */
    private static void sharingCurrentValue(List<FieldHistory> changes, Object currentValue) {
        FieldHistory newest = changes.get(changes.size() - 1);
        Object newValue = newest.newValue();
        if (newValue != currentValue && newValue != null && currentValue != null
                && newValue.getClass() == currentValue.getClass() && VALUE_CLASSES.contains(newValue.getClass())
                && newValue.equals(currentValue)) {
            changes.set(changes.size() - 1, FieldHistory.single(newest.stamp(), newest.oldValue(), currentValue));
        }
    }

    /**
     * The same decimal without the {@code BigInteger} a binary parser leaves in it when its unscaled
     * value fits a long: equal, same scale, 64 bytes less.
     */
    private static BigDecimal compact(BigDecimal decimal) {
        BigInteger unscaled = decimal.unscaledValue();
        return unscaled.bitLength() < 64 ? BigDecimal.valueOf(unscaled.longValue(), decimal.scale()) : decimal;
    }

    /**
     * What decoding one section shares: actor names, and instants (the events of one commit share
     * one, and an entity's creation, last change and first retained changes are often one instant).
     */
    static final class Decoding {

        /** Distinct instants shared at most while reading a section. */
        private static final int SHARED_INSTANTS = 1 << 16;

        private final SharedValues<String> actors;
        private final SharedValues<Instant> instants = new SharedValues<>(SHARED_INSTANTS);
        private final Instant now;
        private long lastNanos;
        private Instant lastInstant;

        /** @param now what {@code maxAge} is measured against: changes older are not read back */
        Decoding(SharedValues<String> actors, Instant now) {
            this.actors = actors;
            this.now = now;
        }

        Instant now() {
            return now;
        }

        String actor(String name) {
            return actors.canonical(name);
        }

        Instant instant(JsonNode node) {
            return instants.canonical(readInstant(node));
        }

        Instant instant(Instant instant) {
            return instants.canonical(instant);
        }

        /**
         * The instant of nanoseconds since the epoch; the last one read when the same, without making it
         * again (an entity's instants, and a commit's entities', are mostly one).
         */
        Instant instantOfNanos(long nanos) {
            if (lastInstant == null || nanos != lastNanos) {
                lastInstant = instant(Instant.ofEpochSecond(0, nanos));
                lastNanos = nanos;
            }
            return lastInstant;
        }
    }

    /** A value as the entity mapper reads it into the field; the common scalars without a mapper call. */
    private static Object readValue(LifecycleModel model, FieldModel field, JsonNode node) {
        java.lang.reflect.Type type = field.javaType();
        if (type == String.class && node.isString()) {
            return node.stringValue();
        }
        if ((type == long.class || type == Long.class) && node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if ((type == int.class || type == Integer.class) && node.isInt()) {
            return node.intValue();
        }
        if (type == BigDecimal.class && (node.isBigDecimal() || node.isIntegralNumber())) {
            return compact(node.decimalValue());
        }
        if ((type == boolean.class || type == Boolean.class) && node.isBoolean()) {
            return node.booleanValue();
        }
        return FieldHistories.readOnly(model.codec().fieldFromJson(field.name(), node));
    }

    private static FieldHistory readChange(LifecycleModel model, FieldModel field, String type, String id,
            StoredChange change, FieldHistory previous, Map<Long, EventStamp> stamps, Map<Long, Long> versions) {
        long sequence = change.sequence();
        Object newValue = readValue(model, field, change.newValue());
        Object oldValue;
        if (change.oldValue() != null) {
            oldValue = readValue(model, field, change.oldValue());
        } else {
            oldValue = previous == null ? null : previous.newValue();
        }
        EventStamp stamp = stamps.computeIfAbsent(sequence, known -> {
            Long version = versions.get(sequence);
            return version == null ? EventStamp.of(type, id, sequence, change.at(), change.eventId(), change.actor())
                    : EventStamp.versioned(type, id, sequence, change.at(), change.eventId(), change.actor(), version);
        });
        return FieldHistory.single(stamp, oldValue, newValue);
    }
}
