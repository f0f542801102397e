package dev.lithair.lifecycle;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import dev.lithair.history.FieldChange;

/**
 * The retained changes of one field of one entity: an immutable list, newest first, whose older
 * part is shared between successive versions. Under {@code FULL} an append costs one node; under
 * {@code versions = N} the list is rebuilt from its N newest changes, so nothing older stays
 * reachable. Immutable, so readers on any thread see a consistent list without locks.
 */
final class FieldHistory {

    private final FieldChange newest;
    private final FieldHistory older;
    private final int size;

    private FieldHistory(FieldChange newest, FieldHistory older) {
        this.newest = newest;
        this.older = older;
        this.size = older == null ? 1 : older.size + 1;
    }

    /**
     * {@code history} (may be {@code null}) with {@code change} added as its newest, keeping at most
     * {@code keep} changes.
     */
    static FieldHistory append(FieldHistory history, FieldChange change, int keep) {
        if (history == null || history.size < keep) {
            return new FieldHistory(change, history);
        }
        return new FieldHistory(change, history.keepingNewest(keep - 1));
    }

    /** Changes given oldest first, keeping the {@code keep} newest; {@code null} when none is kept. */
    static FieldHistory of(List<FieldChange> oldestFirst, int keep) {
        FieldHistory history = null;
        for (int i = Math.max(0, oldestFirst.size() - keep); i < oldestFirst.size(); i++) {
            history = new FieldHistory(oldestFirst.get(i), history);
        }
        return history;
    }

    /** The {@code keep} newest changes: this list when it is not longer, {@code null} when keep is 0. */
    FieldHistory keepingNewest(int keep) {
        if (size <= keep) {
            return this;
        }
        if (keep <= 0) {
            return null;
        }
        FieldChange[] kept = new FieldChange[keep];
        FieldHistory node = this;
        for (int i = keep - 1; i >= 0; i--) {
            kept[i] = node.newest;
            node = node.older;
        }
        return of(Arrays.asList(kept), keep);
    }

    /** The newest change made at or before {@code instant}, or {@code null}. */
    FieldChange lastAtOrBefore(Instant instant) {
        for (FieldHistory node = this; node != null; node = node.older) {
            if (!node.newest.timestamp().isAfter(instant)) {
                return node.newest;
            }
        }
        return null;
    }

    /** The changes, oldest first. */
    List<FieldChange> changes() {
        FieldChange[] changes = new FieldChange[size];
        int i = size;
        for (FieldHistory node = this; node != null; node = node.older) {
            changes[--i] = node.newest;
        }
        return Collections.unmodifiableList(Arrays.asList(changes));
    }

    /** Changes actually reachable from this list: what it holds in memory. */
    long reachable() {
        long count = 0;
        for (FieldHistory node = this; node != null; node = node.older) {
            count++;
        }
        return count;
    }
}
