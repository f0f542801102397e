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
 * @param current         the entity now, {@code null} once deleted
 * @param createdSequence the event that created it in its current (or last) lifetime; 0 when that
 *                        predates the history the store holds (data written before history was kept)
 * @param createdAt       when that was, {@code null} when unknown
 * @param modifiedAt      its last event (creation, update or deletion), {@code null} when unknown
 * @param deletedAt       when its last lifetime ended, {@code null} while it exists
 * @param earlier         lifetimes that ended before the current one began, oldest first
 * @param fields          retained changes by {@link LifecycleModel} position, {@code null} where none;
 *                        never modified once the history is built (a change copies it)
 */
record EntityHistory(Object current, long createdSequence, Instant createdAt, Instant modifiedAt, Instant deletedAt,
        List<Lifetime> earlier, FieldHistory[] fields) {

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

    /** An entity the store holds but whose past it does not know: loaded from data that kept none. */
    static EntityHistory ofUnknownPast(Object current, int historizedFields) {
        return new EntityHistory(current, 0, null, null, null, List.of(), FieldHistory.emptyFields(historizedFields));
    }

    boolean exists() {
        return deletedAt == null;
    }

    Lifetime lifetime() {
        return new Lifetime(createdSequence, createdAt, deletedAt);
    }

    /** Every lifetime, newest first. */
    List<Lifetime> lifetimesNewestFirst() {
        List<Lifetime> all = new ArrayList<>(earlier.size() + 1);
        all.add(lifetime());
        for (int i = earlier.size() - 1; i >= 0; i--) {
            all.add(earlier.get(i));
        }
        return all;
    }

    /** The same entity, changed by an update: new state, new field histories. */
    EntityHistory updated(Object after, Instant at, FieldHistory[] newFields) {
        return new EntityHistory(after, createdSequence, createdAt, at, null, earlier, newFields);
    }

    /** The same entity, deleted: its history stays, its state goes. */
    EntityHistory deleted(Instant at) {
        return new EntityHistory(null, createdSequence, createdAt, at, at, earlier, fields);
    }

    /** Lifetimes that have ended, for an entity created again: this one's included. */
    List<Lifetime> endedLifetimes(Instant recreatedAt) {
        List<Lifetime> ended = new ArrayList<>(earlier.size() + 1);
        ended.addAll(earlier);
        ended.add(new Lifetime(createdSequence, createdAt, deletedAt == null ? recreatedAt : deletedAt));
        return List.copyOf(ended);
    }

    /** Changes retained in memory, over all fields. */
    long retainedChanges() {
        long count = 0;
        for (FieldHistory field : fields) {
            if (field != null) {
                count += field.reachable();
            }
        }
        return count;
    }
}
