package dev.lithair.lifecycle;

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
 * <p>One is held per live entity (and per deleted one of a type that historizes something), so its
 * size counts: {@link #of} picks the smallest of three layouts that holds it exactly. An entity in
 * its first lifetime takes 32 bytes (with compressed references): {@link Untracked} for a type that
 * historizes no field, {@link Tracked} otherwise, whose creation is the {@link EventStamp} its
 * fields' first changes already share. {@link Full} (48 bytes) holds the rest: deleted entities,
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
 * <li>{@code fields}: retained changes by {@link LifecycleModel} position, {@code null} where none;
 * never modified once the history is built (a change copies it).</li>
 * </ul>
 */
abstract sealed class EntityHistory permits EntityHistory.Untracked, EntityHistory.Tracked, EntityHistory.Full {

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
     * @param created the stamp of the creating event when one of the fields' changes holds it, or
     *                {@code null}; only spares memory, never changes what is held
     */
    static EntityHistory of(Object current, long createdSequence, Instant createdAt, Instant modifiedAt,
            Instant deletedAt, List<Lifetime> earlier, FieldHistory[] fields, EventStamp created) {
        if (deletedAt == null && earlier.isEmpty()) {
            if (fields.length == 0) {
                return new Untracked(current, createdSequence, createdAt, modifiedAt);
            }
            if (createdSequence == 0 && createdAt == null) {
                return new Tracked(current, null, modifiedAt, fields);
            }
            if (created != null && created.sequence() == createdSequence && created.timestamp().equals(createdAt)) {
                return new Tracked(current, created, modifiedAt, fields);
            }
        }
        return new Full(current, createdSequence, createdAt, modifiedAt, deletedAt, List.copyOf(earlier), fields);
    }

    /** An entity the store holds but whose past it does not know: loaded from data that kept none. */
    static EntityHistory ofUnknownPast(Object current, int historizedFields) {
        return of(current, 0, null, null, null, List.of(), FieldHistory.emptyFields(historizedFields), null);
    }

    abstract Object current();

    abstract long createdSequence();

    abstract Instant createdAt();

    abstract Instant modifiedAt();

    abstract Instant deletedAt();

    abstract List<Lifetime> earlier();

    abstract FieldHistory[] fields();

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

    /** The same entity, changed by an update: new state, new field histories. */
    EntityHistory updated(Object after, Instant at, FieldHistory[] newFields) {
        return of(after, createdSequence(), createdAt(), at, null, earlier(), newFields, created());
    }

    /** The same entity, deleted: its history stays, its state goes. */
    EntityHistory deleted(Instant at) {
        return of(null, createdSequence(), createdAt(), at, at, earlier(), fields(), null);
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
        for (FieldHistory field : fields()) {
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
        Object current() {
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
        FieldHistory[] fields() {
            return FieldHistory.emptyFields(0);
        }
    }

    /**
     * A live entity in its first lifetime, of a type that historizes fields: its creation is the
     * stamp its fields' first changes share ({@code null} when unknown).
     */
    static final class Tracked extends EntityHistory {

        private final Object current;
        private final EventStamp created;
        private final Instant modifiedAt;
        private final FieldHistory[] fields;

        private Tracked(Object current, EventStamp created, Instant modifiedAt, FieldHistory[] fields) {
            this.current = current;
            this.created = created;
            this.modifiedAt = modifiedAt;
            this.fields = fields;
        }

        @Override
        Object current() {
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
        FieldHistory[] fields() {
            return fields;
        }

        @Override
        EventStamp created() {
            return created;
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
        Object current() {
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
        FieldHistory[] fields() {
            return fields;
        }
    }
}
