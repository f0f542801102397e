package dev.lithair.index;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * An {@code @Indexed} field's hash index: key → ids of the live entities holding it, kept in id
 * order. Equality lookups and counts cost O(1). {@code null} values are indexed too (under
 * {@link IndexKey#NULL}), so "is null" lookups and counts need no scan either.
 *
 * <p>The ids of a key are a skip list rather than a hash set so that the first page of an equality
 * query (pages of an unsorted query are in id order) reads k ids instead of every holder of the key:
 * the first 20 products of a category of 100,000 are 20 steps, not 100,000 fetches and a sort. Adding
 * costs O(log n) string comparisons on the writer; the skip list takes no more memory per id than a
 * hash set's node and table slot, and its size is a counter, so counts stay O(1).
 *
 * <p>Mutated by the writer thread only; read by any thread without locks.
 */
final class HashIndex {

    private final ConcurrentHashMap<Object, Set<String>> idsByKey = new ConcurrentHashMap<>();

    void add(Object key, String id) {
        idsByKey.computeIfAbsent(key, k -> new ConcurrentSkipListSet<>()).add(id);
    }

    void remove(Object key, String id) {
        Set<String> ids = idsByKey.get(key);
        if (ids != null && ids.remove(id) && ids.isEmpty()) {
            // Only the writer adds, so the set cannot have been refilled in between.
            idsByKey.remove(key, ids);
        }
    }

    /** A live, read-only view of the ids holding {@code key}, iterated in ascending id order. */
    Set<String> ids(Object key) {
        return new LiveIds(() -> idsByKey.getOrDefault(key, Set.of()));
    }

    int count(Object key) {
        Set<String> ids = idsByKey.get(key);
        return ids == null ? 0 : ids.size();
    }

    /** Number of distinct keys held. */
    int distinctKeys() {
        return idsByKey.size();
    }
}
