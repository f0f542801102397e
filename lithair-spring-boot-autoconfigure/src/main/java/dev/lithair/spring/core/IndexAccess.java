package dev.lithair.spring.core;

import java.util.List;
import java.util.Set;

import dev.lithair.index.OrderedIdWalk;

/**
 * What queries ask of the store's indexes. An index answers only for the top-level fields it is
 * declared on ({@code @Indexed}, {@code @Indexed(sorted = true)}); every other question is answered
 * by a scan. Implementations are thread-safe and read the committed state.
 */
public interface IndexAccess {

    /**
     * Whether equality lookups on the field are answered by an index.
     *
     * @param entityType the entity type's name
     * @param field      the field's name
     * @return whether it is indexed
     */
    boolean isIndexed(String entityType, String field);

    /**
     * Whether ranges and ordering on the field are answered by an ordered index.
     *
     * @param entityType the entity type's name
     * @param field      the field's name
     * @return whether it is sorted
     */
    boolean isSorted(String entityType, String field);

    /**
     * Ids of the live entities whose field equals {@code value}, iterated in ascending id order (a
     * query reading only the first page stops early); may be a live view that follows later commits.
     *
     * @param entityType the entity type's name
     * @param field      the field's name
     * @param value      the value looked up
     * @return the ids
     */
    Set<String> idsEqual(String entityType, String field, Object value);

    /**
     * How many live entities have the field equal to {@code value}.
     *
     * @param entityType the entity type's name
     * @param field      the field's name
     * @param value      the value counted
     * @return the number of entities
     */
    int countEqual(String entityType, String field, Object value);

    /**
     * Ids of the live entities whose field lies in the range, in the field's order.
     *
     * @param entityType    the entity type's name
     * @param field         the field's name
     * @param from          lower bound, or {@code null} for none
     * @param fromInclusive whether {@code from} itself is in the range
     * @param to            upper bound, or {@code null} for none
     * @param toInclusive   whether {@code to} itself is in the range
     * @param descending    whether the ids come from the largest value down
     * @param limit         at most this many, or {@code -1} for all
     * @return the ids, in order
     */
    List<String> idsInRange(String entityType, String field, Object from, boolean fromInclusive, Object to,
            boolean toInclusive, boolean descending, int limit);

    /**
     * A lazy walk over the ids of the live entities in the field's order then id order (both reversed
     * when {@code descending}), starting just after the entity {@code afterId} holding
     * {@code afterValue}, or at the first when {@code afterId} is {@code null}: a page ordered by the
     * field reads only its own entities, and a keyset scroll resumes where the last page ended.
     *
     * @param entityType the entity type's name
     * @param field      the field's name
     * @param descending whether the walk goes from the largest value down
     * @param afterValue the value the walk starts after; ignored when {@code afterId} is {@code null}
     * @param afterId    the id the walk starts after, or {@code null} to start at the first
     * @return the walk
     */
    OrderedIdWalk walkOrdered(String entityType, String field, boolean descending, Object afterValue,
            String afterId);

    /**
     * No index answers anything: every query scans.
     *
     * @return the access
     */
    static IndexAccess none() {
        return NoIndexes.INSTANCE;
    }

    /** The access of a store without indexes. */
    enum NoIndexes implements IndexAccess {
        /** The one instance. */
        INSTANCE;

        @Override
        public boolean isIndexed(String entityType, String field) {
            return false;
        }

        @Override
        public boolean isSorted(String entityType, String field) {
            return false;
        }

        @Override
        public Set<String> idsEqual(String entityType, String field, Object value) {
            throw new UnsupportedOperationException("no index");
        }

        @Override
        public int countEqual(String entityType, String field, Object value) {
            throw new UnsupportedOperationException("no index");
        }

        @Override
        public List<String> idsInRange(String entityType, String field, Object from, boolean fromInclusive, Object to,
                boolean toInclusive, boolean descending, int limit) {
            throw new UnsupportedOperationException("no index");
        }

        @Override
        public OrderedIdWalk walkOrdered(String entityType, String field, boolean descending, Object afterValue,
                String afterId) {
            throw new UnsupportedOperationException("no index");
        }
    }
}
