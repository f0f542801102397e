package dev.lithair.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableSet;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * An {@code @Indexed(sorted = true)} field's ordered index: one entry per live entity, ordered by
 * key ({@link IndexKey#ORDER}, {@code null} first) and then by id, so ranges, ordering and top-N
 * walk only the entries they return (O(log n + k)), and ties come in a stable order.
 *
 * <p>Mutated by the writer thread only; read by any thread without locks.
 */
final class SortedIndex {

    /**
     * An entity's entry ({@code rank} 0), or a bound placed just before ({@code -1}) or just after
     * ({@code +1}) every entry of its key.
     */
    record Entry(Object key, String id, int rank) {
    }

    private static final Comparator<Entry> ENTRY_ORDER = (a, b) -> {
        int byKey = IndexKey.ORDER.compare(a.key(), b.key());
        if (byKey != 0) {
            return byKey;
        }
        if (a.rank() != 0 || b.rank() != 0) {
            return Integer.compare(a.rank(), b.rank());
        }
        return a.id().compareTo(b.id());
    };

    /** Just after every {@code null} entry: where ranges with an open lower bound start. */
    private static final Entry AFTER_NULLS = new Entry(IndexKey.NULL, null, 1);

    private final ConcurrentSkipListSet<Entry> entries = new ConcurrentSkipListSet<>(ENTRY_ORDER);

    void add(Object key, String id) {
        entries.add(new Entry(key, id, 0));
    }

    void remove(Object key, String id) {
        entries.remove(new Entry(key, id, 0));
    }

    /**
     * Ids whose key lies between the bounds ({@code null} bound keys are open), in key order then id
     * order, reversed when {@code descending}; entities holding {@code null} are in no range.
     */
    List<String> range(Object from, boolean fromInclusive, Object to, boolean toInclusive, boolean descending,
            int limit) {
        Entry low = from == null ? AFTER_NULLS : new Entry(from, null, fromInclusive ? -1 : 1);
        NavigableSet<Entry> selected;
        if (to == null) {
            selected = entries.tailSet(low, false);
        } else {
            Entry high = new Entry(to, null, toInclusive ? 1 : -1);
            if (ENTRY_ORDER.compare(low, high) >= 0) {
                return List.of();
            }
            selected = entries.subSet(low, false, high, false);
        }
        return collect(descending ? selected.descendingSet() : selected, limit);
    }

    /** Every id in key order then id order ({@code null} keys first), reversed when {@code descending}. */
    List<String> ordered(boolean descending, int limit) {
        return collect(descending ? entries.descendingSet() : entries, limit);
    }

    /**
     * A lazy walk over the entries in key order then id order (both reversed when {@code descending}),
     * starting just after the entry ({@code afterKey}, {@code afterId}), or at the first entry when
     * {@code afterId} is {@code null}. Lazy so that a query checking its conditions on each entity can
     * stop as soon as it has a page, whatever the index's size.
     */
    OrderedIdWalk walk(boolean descending, Object afterKey, String afterId) {
        NavigableSet<Entry> selected;
        if (afterId == null) {
            selected = descending ? entries.descendingSet() : entries;
        } else {
            Entry after = new Entry(afterKey, afterId, 0);
            selected = descending ? entries.headSet(after, false).descendingSet() : entries.tailSet(after, false);
        }
        return new OrderedIdWalk(selected.iterator());
    }

    /**
     * The first {@code limit} distinct ids. The walk is weakly consistent: an entity the writer moves
     * meanwhile may be met at its old and at its new place, and is kept once.
     */
    private static List<String> collect(Iterable<Entry> selected, int limit) {
        List<String> ids = new ArrayList<>(Math.min(limit, 64));
        if (limit == 0) {
            return ids;
        }
        Set<String> seen = new HashSet<>();
        for (Entry entry : selected) {
            if (seen.add(entry.id())) {
                ids.add(entry.id());
                if (ids.size() == limit) {
                    break;
                }
            }
        }
        return ids;
    }
}
