package dev.lithair.index;

import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * A {@code @Unique} field's index: key → the id of the live entity holding it. {@code null} values
 * are not unique (any number of entities may hold {@code null}); their ids are kept apart so that
 * "is null" lookups need no scan.
 *
 * <p>A key may have several holders: for a moment while a commit that swaps values is applied
 * event by event (the first entity takes its new value before the second gives it up), and for good
 * when data written before the field was declared {@code @Unique} holds duplicates. Holders are
 * then kept as an immutable set, so the index never drifts from the data; the validator accepts no
 * new duplicate.
 *
 * <p>Mutated by the writer thread only; read by any thread without locks.
 */
final class UniqueIndex {

    /** A {@code String} holder, or an immutable sorted {@code Set<String>} of several (see above). */
    private final ConcurrentHashMap<Object, Object> holders = new ConcurrentHashMap<>();
    private final Set<String> nullHolders = new ConcurrentSkipListSet<>();

    void add(Object key, String id) {
        if (key == IndexKey.NULL) {
            nullHolders.add(id);
            return;
        }
        Object held = holders.putIfAbsent(key, id);
        if (held == null || held.equals(id)) {
            return;
        }
        TreeSet<String> several = new TreeSet<>(asSet(held));
        several.add(id);
        holders.put(key, Collections.unmodifiableSortedSet(several));
    }

    void remove(Object key, String id) {
        if (key == IndexKey.NULL) {
            nullHolders.remove(id);
            return;
        }
        Object held = holders.get(key);
        if (held == null) {
            return;
        }
        if (held instanceof String single) {
            if (single.equals(id)) {
                holders.remove(key, held);
            }
            return;
        }
        TreeSet<String> rest = new TreeSet<>(asSet(held));
        rest.remove(id);
        if (rest.size() == 1) {
            holders.put(key, rest.first());
        } else {
            holders.put(key, Collections.unmodifiableSortedSet(rest));
        }
    }

    /** The ids holding {@code key} in ascending order: one at most, but for the two cases above. */
    Set<String> holders(Object key) {
        if (key == IndexKey.NULL) {
            return Collections.unmodifiableSet(nullHolders);
        }
        Object held = holders.get(key);
        return held == null ? Set.of() : asSet(held);
    }

    /** The id holding {@code key} (the smallest one when several do), or {@code null}. */
    String holder(Object key) {
        if (key == IndexKey.NULL) {
            return null;
        }
        Object held = holders.get(key);
        if (held == null || held instanceof String) {
            return (String) held;
        }
        return ((SortedSet<String>) asSet(held)).first();
    }

    /** Number of distinct keys held, {@code null} counting as one when some entity holds it. */
    int distinctKeys() {
        return holders.size() + (nullHolders.isEmpty() ? 0 : 1);
    }

    @SuppressWarnings("unchecked")
    private static Set<String> asSet(Object held) {
        return held instanceof String single ? Set.of(single) : (Set<String>) held;
    }
}
