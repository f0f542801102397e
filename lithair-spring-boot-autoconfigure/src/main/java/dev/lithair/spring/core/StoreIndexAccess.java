package dev.lithair.spring.core;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.lithair.index.Indexes;
import dev.lithair.index.OrderedIdWalk;
import dev.lithair.store.LithairStore;

/**
 * The indexes of a {@link LithairStore}, as queries ask them: answers are copied, so that they do
 * not follow later commits while a query uses them. Thread-safe; never blocks.
 */
public final class StoreIndexAccess implements IndexAccess {

    private final Indexes indexes;

    /**
     * The access to a store's indexes.
     *
     * @param store the store
     */
    public StoreIndexAccess(LithairStore store) {
        this.indexes = Objects.requireNonNull(store, "store").indexes();
    }

    @Override
    public boolean isIndexed(String entityType, String field) {
        return indexes.isIndexed(entityType, field);
    }

    @Override
    public boolean isSorted(String entityType, String field) {
        return indexes.isSorted(entityType, field);
    }

    @Override
    public Set<String> idsEqual(String entityType, String field, Object value) {
        // the live view, not a copy: a first page reads a few of a value's ids, not all of them
        return indexes.idsEqual(entityType, field, value);
    }

    @Override
    public int countEqual(String entityType, String field, Object value) {
        return indexes.countEqual(entityType, field, value);
    }

    @Override
    public List<String> idsInRange(String entityType, String field, Object from, boolean fromInclusive, Object to,
            boolean toInclusive, boolean descending, int limit) {
        return indexes.idsInRange(entityType, field, from, fromInclusive, to, toInclusive, descending, all(limit));
    }

    @Override
    public OrderedIdWalk walkOrdered(String entityType, String field, boolean descending, Object afterValue,
            String afterId) {
        return indexes.walkOrdered(entityType, field, descending, afterValue, afterId);
    }

    private static int all(int limit) {
        return limit < 0 ? Integer.MAX_VALUE : limit;
    }
}
