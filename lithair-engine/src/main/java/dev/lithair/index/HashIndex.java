package dev.lithair.index;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@code @Indexed} field's hash index: key → ids of the live entities holding it, kept in id
 * order. Equality lookups and counts cost O(1). {@code null} values are indexed too (under
 * {@link IndexKey#NULL}), so "is null" lookups and counts need no scan either.
 *
 * <p>The ids of a key are kept sorted ({@link IdSet}) rather than in a hash set so that the first page of
 * an equality query (pages of an unsorted query are in id order) reads k ids instead of every holder of
 * the key: the first 20 products of a category of 100,000 are 20 steps, not 100,000 fetches and a sort.
 * Adding costs a binary search and the copy of one leaf of ids on the writer; an id takes about 5 bytes,
 * and the size is a counter, so counts stay O(1).
 *
 * <p>Mutated by the writer thread only; read by any thread without locks.
 */
final class HashIndex {

    private final ConcurrentHashMap<Object, IdSet> idsByKey = new ConcurrentHashMap<>();

    void add(Object key, String id) {
        idsByKey.computeIfAbsent(key, k -> new IdSet()).add(id);
    }

    void remove(Object key, String id) {
        IdSet ids = idsByKey.get(key);
        if (ids != null && ids.remove(id) && ids.isEmpty()) {
            // Only the writer adds, so the set cannot have been refilled in between.
            idsByKey.remove(key, ids);
        }
    }

    /** A live, read-only view of the ids holding {@code key}, iterated in ascending id order. */
    Set<String> ids(Object key) {
        return new LiveIds(() -> {
            IdSet ids = idsByKey.get(key);
            return ids == null ? Set.of() : ids;
        });
    }

    int count(Object key) {
        IdSet ids = idsByKey.get(key);
        return ids == null ? 0 : ids.size();
    }

    /** Number of distinct keys held. */
    int distinctKeys() {
        return idsByKey.size();
    }
}
