package dev.lithair.internal.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import dev.lithair.history.FieldChange;

/**
 * The retained changes of one field of one entity: an immutable list, newest first, whose older
 * part is shared between successive versions. Under {@code FULL} an append costs one node; under
 * {@code versions = N}, or with a {@code maxAge} when some change has expired, the list is rebuilt
 * from the changes it keeps, so nothing older stays reachable. Immutable, so readers on any thread
 * see a consistent list without locks.
 *
 * <p>Each node is one change: its values and the {@link EventStamp} of the event that made it,
 * shared with the other fields that event changed. The field's name and the entity are not held: a
 * {@link FieldChange} is built from them when the history is read, so a node holds less than a
 * {@code FieldChange} in a list would. A change with no old value and nothing older kept (a field's first
 * value, which every creation leaves) is an {@link Initial} node, 8 bytes smaller than the others.
 */
abstract sealed class FieldHistory permits FieldHistory.Initial, FieldHistory.Linked {

    /** A field that keeps no change yet: an entity's empty history, shared, never written. */
    private static final FieldHistory[] NO_FIELDS = new FieldHistory[0];

    private final EventStamp stamp;
    private final Object newValue;

    private FieldHistory(EventStamp stamp, Object newValue) {
        this.stamp = stamp;
        this.newValue = newValue;
    }

    /** A node in the smallest layout that holds it. */
    private static FieldHistory node(EventStamp stamp, Object oldValue, Object newValue, FieldHistory older) {
        return oldValue == null && older == null ? new Initial(stamp, newValue)
                : new Linked(stamp, oldValue, newValue, older);
    }

    /** The next older change kept, {@code null} when none. */
    abstract FieldHistory older();

    /** The field's value before this change, {@code null} when it had none. */
    abstract Object oldValue();

    /** The number of changes in this list. */
    abstract int size();

    /** A change from no value with nothing older kept: a field's first value. */
    static final class Initial extends FieldHistory {

        private Initial(EventStamp stamp, Object newValue) {
            super(stamp, newValue);
        }

        @Override
        FieldHistory older() {
            return null;
        }

        @Override
        Object oldValue() {
            return null;
        }

        @Override
        int size() {
            return 1;
        }
    }

    /** Any other change. */
    static final class Linked extends FieldHistory {

        private final Object oldValue;
        private final FieldHistory older;
        private final int size;

        private Linked(EventStamp stamp, Object oldValue, Object newValue, FieldHistory older) {
            super(stamp, newValue);
            this.oldValue = oldValue;
            this.older = older;
            this.size = older == null ? 1 : older.size() + 1;
        }

        @Override
        FieldHistory older() {
            return older;
        }

        @Override
        Object oldValue() {
            return oldValue;
        }

        @Override
        int size() {
            return size;
        }
    }

    /**
     * The histories of an entity's {@code count} historized fields, none kept yet. The array is new
     * (to be filled) unless {@code count} is 0: then one shared empty array, since an entity of a type
     * that historizes nothing never needs its own.
     */
    static FieldHistory[] emptyFields(int count) {
        return count == 0 ? NO_FIELDS : new FieldHistory[count];
    }

    /**
     * {@code history} (may be {@code null}) with a change added as its newest, keeping at most
     * {@code keep} changes.
     */
    static FieldHistory append(FieldHistory history, EventStamp stamp, Object oldValue, Object newValue, int keep) {
        if (history == null || history.size() < keep) {
            return node(stamp, oldValue, newValue, history);
        }
        return node(stamp, oldValue, newValue, history.keepingNewest(keep - 1));
    }

    /**
     * {@link #append(FieldHistory, EventStamp, Object, Object, int) append}, dropping the changes that
     * are expired: {@code null} when the new change is itself (an old event replayed).
     *
     * @param expiredBefore see {@link #withoutExpired}; {@code null} when nothing expires
     */
    static FieldHistory append(FieldHistory history, EventStamp stamp, Object oldValue, Object newValue, int keep,
            Instant expiredBefore) {
        if (expiredBefore == null) {
            return append(history, stamp, oldValue, newValue, keep);
        }
        if (stamp.timestamp().isBefore(expiredBefore)) {
            return null;
        }
        int unexpired = history == null ? 0 : history.unexpired(expiredBefore);
        return append(history, stamp, oldValue, newValue, (int) Math.min(keep, unexpired + 1L));
    }

    /** Changes given oldest first, keeping the {@code keep} newest; {@code null} when none is kept. */
    static FieldHistory of(List<FieldHistory> oldestFirst, int keep) {
        FieldHistory history = null;
        for (int i = Math.max(0, oldestFirst.size() - keep); i < oldestFirst.size(); i++) {
            FieldHistory change = oldestFirst.get(i);
            history = node(change.stamp, change.oldValue(), change.newValue, history);
        }
        return history;
    }

    /** One change on its own, to be gathered into a history by {@link #of}. */
    static FieldHistory single(EventStamp stamp, Object oldValue, Object newValue) {
        return node(stamp, oldValue, newValue, null);
    }

    /** The {@code keep} newest changes: this list when it is not longer, {@code null} when keep is 0. */
    FieldHistory keepingNewest(int keep) {
        if (size() <= keep) {
            return this;
        }
        if (keep <= 0) {
            return null;
        }
        FieldHistory[] kept = new FieldHistory[keep];
        FieldHistory node = this;
        for (int i = keep - 1; i >= 0; i--) {
            kept[i] = node;
            node = node.older();
        }
        return of(Arrays.asList(kept), keep);
    }

    EventStamp stamp() {
        return stamp;
    }

    long sequence() {
        return stamp.sequence();
    }

    Object newValue() {
        return newValue;
    }

    /**
     * The newest change made at or before {@code instant}, or {@code null}; an expired change is not
     * retained.
     *
     * @param expiredBefore changes stamped before it, and every change older than the newest of them,
     *                      are expired; {@code null} when none is
     */
    FieldHistory lastAtOrBefore(Instant instant, Instant expiredBefore) {
        for (FieldHistory node = this; node != null; node = node.older()) {
            if (expiredBefore != null && node.stamp.timestamp().isBefore(expiredBefore)) {
                return null;
            }
            if (!node.stamp.timestamp().isAfter(instant)) {
                return node;
            }
        }
        return null;
    }

    /**
     * This list without its expired changes: this list when none is, {@code null} when all are.
     * Expiry cuts the list at its newest change stamped before {@code expiredBefore}, so what stays is
     * always the newest changes, as with {@code versions = N}, even if the clock went back between two
     * events.
     *
     * @param expiredBefore {@code null} when nothing expires
     */
    FieldHistory withoutExpired(Instant expiredBefore) {
        return expiredBefore == null ? this : keepingNewest(unexpired(expiredBefore));
    }

    /** How many of the newest changes come before the first one, newest first, stamped before {@code expiredBefore}. */
    int unexpired(Instant expiredBefore) {
        int count = 0;
        for (FieldHistory node = this; node != null; node = node.older()) {
            if (node.stamp.timestamp().isBefore(expiredBefore)) {
                break;
            }
            count++;
        }
        return count;
    }

    /** The changes, oldest first, each on its own (its {@link #older} not followed). */
    List<FieldHistory> oldestFirst() {
        FieldHistory[] changes = new FieldHistory[size()];
        int i = changes.length;
        for (FieldHistory node = this; node != null; node = node.older()) {
            changes[--i] = node;
        }
        return Arrays.asList(changes);
    }

    /** The changes, oldest first, as the public record: of field {@code field} of entity {@code type}/{@code id}. */
    List<FieldChange> changes(String field, String type, String id) {
        List<FieldChange> changes = new ArrayList<>(size());
        for (FieldHistory node : oldestFirst()) {
            changes.add(node.toChange(field, type, id));
        }
        return Collections.unmodifiableList(changes);
    }

    FieldChange toChange(String field, String type, String id) {
        return new FieldChange(field, oldValue(), newValue, stamp.timestamp(), stamp.sequence(), stamp.eventId(type, id),
                stamp.actor());
    }

    /** Changes actually reachable from this list: what it holds in memory. */
    long reachable() {
        long count = 0;
        for (FieldHistory node = this; node != null; node = node.older()) {
            count++;
        }
        return count;
    }
}
