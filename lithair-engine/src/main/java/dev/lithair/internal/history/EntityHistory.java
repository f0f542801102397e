package dev.lithair.internal.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What is kept of one entity's past: its lifetimes (creation to deletion; an id may be created
 * again after a deletion), the instant of its last event, its state now, and the retained changes
 * of each historized field. Holding the state beside its history lets a reader see both as of the
 * same event. Immutable: each event replaces the entity's history with a new one sharing the
 * unchanged parts.
 *
 * <p>One is held per live entity, as its row in the store's table (see {@link EntityRow}), and per
 * deleted one of a type that historizes something, so its size counts: {@link #of} picks the smallest layout that holds it exactly. An entity in its first
 * lifetime takes 32 bytes (with compressed references): {@link Untracked} for a type that
 * historizes no field; {@link Tracked} otherwise, its creation being the {@link EventStamp} its
 * fields' first changes already share, with one or two fields' histories inline (no array) or, for
 * more, an array. {@link Full} (48 bytes plus its array) holds the rest: deleted entities,
 * re-created ones, and odd data read from a snapshot.
 *
 * <p>Accessors:
 * <ul>
 * <li>{@code current}: the entity now, {@code null} once deleted;</li>
 * <li>{@code createdSequence}: the event that created it in its current (or last) lifetime; 0 when
 * that predates the history the store holds (data written before history was kept);</li>
 * <li>{@code createdAt}: when that was, {@code null} when unknown;</li>
 * <li>{@code modifiedAt}: its last event (creation, update or deletion), {@code null} when unknown;</li>
 * <li>{@code deletedAt}: when its last lifetime ended, {@code null} while it exists;</li>
 * <li>{@code earlier}: lifetimes that ended before the current one began, oldest first;</li>
 * <li>{@code field(position)}: retained changes by {@link LifecycleModel} position, {@code null}
 * where none; never modified once the history is built (a change builds a new history).</li>
 * </ul>
 */
abstract sealed class EntityHistory extends EntityRow
        permits EntityHistory.Untracked, EntityHistory.Tracked, EntityHistory.Full {

    /**
     * One span of existence.
     *
     * @param createdSequence the creating event, 0 when unknown
     * @param createdAt       {@code null} when unknown
     * @param deletedAt       {@code null} while it lasts
     */
    record Lifetime(long createdSequence, Instant createdAt, Instant deletedAt) {

        boolean includes(Instant instant) {
            return (createdAt == null || !instant.isBefore(createdAt))
                    && (deletedAt == null || instant.isBefore(deletedAt));
        }
    }

    /**
     * The history of these parts, in the smallest layout that holds them.
     *
     * @param fields  by position; kept by the history (the caller no longer modifies it) unless copied inline
     * @param created the stamp of the creating event when one of the fields' changes holds it, or
     *                {@code null}; only spares memory, never changes what is held
     */
    static EntityHistory of(Object current, long createdSequence, Instant createdAt, Instant modifiedAt,
            Instant deletedAt, List<Lifetime> earlier, FieldHistory[] fields, EventStamp created) {
        if (deletedAt == null && earlier.isEmpty()) {
            if (fields.length == 0) {
                return new Untracked(current, createdSequence, createdAt, modifiedAt);
            }
            boolean unknown = createdSequence == 0 && createdAt == null;
            if (unknown || (created != null && created.sequence() == createdSequence
                    && created.timestamp().equals(createdAt))) {
                return Tracked.of(current, unknown ? null : created, modifiedAt, fields);
            }
        }
        return new Full(current, createdSequence, createdAt, modifiedAt, deletedAt, List.copyOf(earlier), fields);
    }

    /** An entity the store holds but whose past it does not know: loaded from data that kept none. */
    static EntityHistory ofUnknownPast(Object current, int historizedFields) {
        return of(current, 0, null, null, null, List.of(), FieldHistory.emptyFields(historizedFields), null);
    }

    abstract long createdSequence();

    abstract Instant createdAt();

    abstract Instant modifiedAt();

    abstract Instant deletedAt();

    abstract List<Lifetime> earlier();

    /** Number of historized fields. */
    abstract int fieldCount();

    /** The retained changes of the field at {@code position}, {@code null} when none. */
    abstract FieldHistory field(int position);

    /** The fields' retained changes in a new array, the caller's to change. */
    FieldHistory[] fieldsCopy() {
        FieldHistory[] copy = FieldHistory.emptyFields(fieldCount());
        for (int position = 0; position < copy.length; position++) {
            copy[position] = field(position);
        }
        return copy;
    }

    /** The creating event's stamp when this layout holds it, else {@code null}. */
    EventStamp created() {
        return null;
    }

    boolean exists() {
        return deletedAt() == null;
    }

    Lifetime lifetime() {
        return new Lifetime(createdSequence(), createdAt(), deletedAt());
    }

    /** Every lifetime, newest first. */
    List<Lifetime> lifetimesNewestFirst() {
        List<Lifetime> earlier = earlier();
        List<Lifetime> all = new ArrayList<>(earlier.size() + 1);
        all.add(lifetime());
        for (int i = earlier.size() - 1; i >= 0; i--) {
            all.add(earlier.get(i));
        }
        return all;
    }

    /**
     * The same entity, changed by an update: new state, new field histories.
     *
     * @param newFields the fields' histories now, {@code null} when the update changed none
     */
    EntityHistory updated(Object after, Instant at, FieldHistory[] newFields) {
        return of(after, createdSequence(), createdAt(), at, null, earlier(), newFields == null ? fieldsCopy() : newFields,
                created());
    }

    /** The same entity holding other field histories (older changes dropped): nothing else changes. */
    EntityHistory withFields(FieldHistory[] newFields) {
        return of(current(), createdSequence(), createdAt(), modifiedAt(), deletedAt(), earlier(), newFields, created());
    }

    /** The same entity, deleted: its history stays, its state goes. */
    EntityHistory deleted(Instant at) {
        return of(null, createdSequence(), createdAt(), at, at, earlier(), fieldsCopy(), null);
    }

    /** Lifetimes that have ended, for an entity created again: this one's included. */
    List<Lifetime> endedLifetimes(Instant recreatedAt) {
        List<Lifetime> earlier = earlier();
        List<Lifetime> ended = new ArrayList<>(earlier.size() + 1);
        ended.addAll(earlier);
        ended.add(new Lifetime(createdSequence(), createdAt(), deletedAt() == null ? recreatedAt : deletedAt()));
        return List.copyOf(ended);
    }

    /** Changes retained in memory, over all fields. */
    long retainedChanges() {
        long count = 0;
        for (int position = 0; position < fieldCount(); position++) {
            FieldHistory field = field(position);
            if (field != null) {
                count += field.reachable();
            }
        }
        return count;
    }

    /** A live entity in its first lifetime, of a type that historizes no field. */
    static final class Untracked extends EntityHistory {

        private final Object current;
        private final long createdSequence;
        private final Instant createdAt;
        private final Instant modifiedAt;

        private Untracked(Object current, long createdSequence, Instant createdAt, Instant modifiedAt) {
            this.current = current;
            this.createdSequence = createdSequence;
            this.createdAt = createdAt;
            this.modifiedAt = modifiedAt;
        }

        @Override
        public Object current() {
            return current;
        }

        @Override
        long createdSequence() {
            return createdSequence;
        }

        @Override
        Instant createdAt() {
            return createdAt;
        }

        @Override
        Instant modifiedAt() {
            return modifiedAt;
        }

        @Override
        Instant deletedAt() {
            return null;
        }

        @Override
        List<Lifetime> earlier() {
            return List.of();
        }

        @Override
        int fieldCount() {
            return 0;
        }

        @Override
        FieldHistory field(int position) {
            throw new IndexOutOfBoundsException(position);
        }
    }

    /**
     * A live entity in its first lifetime, of a type that historizes fields: its creation is the
     * stamp its fields' first changes share ({@code null} when unknown). The subclasses hold the
     * fields' histories.
     */
    abstract static sealed class Tracked extends EntityHistory
            permits EntityHistory.OneField, EntityHistory.TwoFields, EntityHistory.ManyFields {

        private final Object current;
        private final EventStamp created;
        private final Instant modifiedAt;

        private Tracked(Object current, EventStamp created, Instant modifiedAt) {
            this.current = current;
            this.created = created;
            this.modifiedAt = modifiedAt;
        }

        /** The layout for {@code fields}: inline for one or two. */
        static Tracked of(Object current, EventStamp created, Instant modifiedAt, FieldHistory[] fields) {
            return switch (fields.length) {
                case 1 -> new OneField(current, created, modifiedAt, fields[0]);
                case 2 -> new TwoFields(current, created, modifiedAt, fields[0], fields[1]);
                default -> new ManyFields(current, created, modifiedAt, fields);
            };
        }

        @Override
        public Object current() {
            return current;
        }

        @Override
        long createdSequence() {
            return created == null ? 0 : created.sequence();
        }

        @Override
        Instant createdAt() {
            return created == null ? null : created.timestamp();
        }

        @Override
        Instant modifiedAt() {
            return modifiedAt;
        }

        @Override
        Instant deletedAt() {
            return null;
        }

        @Override
        List<Lifetime> earlier() {
            return List.of();
        }

        @Override
        EventStamp created() {
            return created;
        }
    }

    /** {@link Tracked}, one historized field. */
    static final class OneField extends Tracked {

        private final FieldHistory only;

        private OneField(Object current, EventStamp created, Instant modifiedAt, FieldHistory only) {
            super(current, created, modifiedAt);
            this.only = only;
        }

        @Override
        int fieldCount() {
            return 1;
        }

        @Override
        FieldHistory field(int position) {
            if (position != 0) {
                throw new IndexOutOfBoundsException(position);
            }
            return only;
        }
    }

    /** {@link Tracked}, two historized fields. */
    static final class TwoFields extends Tracked {

        private final FieldHistory first;
        private final FieldHistory second;

        private TwoFields(Object current, EventStamp created, Instant modifiedAt, FieldHistory first,
                FieldHistory second) {
            super(current, created, modifiedAt);
            this.first = first;
            this.second = second;
        }

        @Override
        int fieldCount() {
            return 2;
        }

        @Override
        FieldHistory field(int position) {
            return switch (position) {
                case 0 -> first;
                case 1 -> second;
                default -> throw new IndexOutOfBoundsException(position);
            };
        }
    }

    /** {@link Tracked}, three historized fields or more. */
    static final class ManyFields extends Tracked {

        private final FieldHistory[] fields;

        private ManyFields(Object current, EventStamp created, Instant modifiedAt, FieldHistory[] fields) {
            super(current, created, modifiedAt);
            this.fields = fields;
        }

        @Override
        int fieldCount() {
            return fields.length;
        }

        @Override
        FieldHistory field(int position) {
            return fields[position];
        }
    }

    /** Any history: deleted, created again, or read from a snapshot without its creation's stamp. */
    static final class Full extends EntityHistory {

        private final Object current;
        private final long createdSequence;
        private final Instant createdAt;
        private final Instant modifiedAt;
        private final Instant deletedAt;
        private final List<Lifetime> earlier;
        private final FieldHistory[] fields;

        private Full(Object current, long createdSequence, Instant createdAt, Instant modifiedAt, Instant deletedAt,
                List<Lifetime> earlier, FieldHistory[] fields) {
            this.current = current;
            this.createdSequence = createdSequence;
            this.createdAt = createdAt;
            this.modifiedAt = modifiedAt;
            this.deletedAt = deletedAt;
            this.earlier = earlier;
            this.fields = fields;
        }

        @Override
        public Object current() {
            return current;
        }

        @Override
        long createdSequence() {
            return createdSequence;
        }

        @Override
        Instant createdAt() {
            return createdAt;
        }

        @Override
        Instant modifiedAt() {
            return modifiedAt;
        }

        @Override
        Instant deletedAt() {
            return deletedAt;
        }

        @Override
        List<Lifetime> earlier() {
            return earlier;
        }

        @Override
        int fieldCount() {
            return fields.length;
        }

        @Override
        FieldHistory field(int position) {
            return fields[position];
        }
    }
}
