package dev.lithair.index;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@code @Indexed} field's hash index: key → ids of the live entities holding it. Equality
 * lookups and counts cost O(1). {@code null} values are indexed too (under {@link IndexKey#NULL}),
 * so "is null" lookups and counts need no scan either.
 *
 * <p>Mutated by the writer thread only; read by any thread without locks.
 */
final class HashIndex {

    private final ConcurrentHashMap<Object, Set<String>> idsByKey = new ConcurrentHashMap<>();

    void add(Object key, String id) {
        idsByKey.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(id);
    }

    void remove(Object key, String id) {
        Set<String> ids = idsByKey.get(key);
        if (ids != null && ids.remove(id) && ids.isEmpty()) {
            // Only the writer adds, so the set cannot have been refilled in between.
            idsByKey.remove(key, ids);
        }
    }

    /** A live, read-only view of the ids holding {@code key}. */
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
