package dev.lithair.spring.core;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

import org.springframework.data.domain.Sort;

/**
 * A query over the live entities of one type: an entity matches when it satisfies every condition
 * of at least one branch (an {@code Or} of {@code And}s, as derived queries read), and the extra
 * filter when there is one; matches are sorted, then {@code offset} of them skipped and at most
 * {@code limit} kept. Immutable.
 *
 * @param branches conditions, or-ed branches of and-ed conditions; empty matches every entity
 * @param filter   an extra test (Query by Example), or {@code null}; it cannot use an index
 * @param sort     the order of the results; unsorted leaves it unspecified (except when paging, where
 *                 the id orders them so that pages do not overlap)
 * @param offset   matches skipped
 * @param limit    matches kept at most, or {@link #UNLIMITED}
 */
public record EntityQuery(List<List<Condition>> branches, Predicate<Object> filter, Sort sort, long offset,
        int limit) {

    /** The limit of a query that keeps every match. */
    public static final int UNLIMITED = -1;

    /**
     * Copies the branches and refuses a negative offset or limit.
     *
     * @param branches conditions, or-ed branches of and-ed conditions; empty matches every entity
     * @param filter   an extra test (Query by Example), or {@code null}; it cannot use an index
     * @param sort     the order of the results; unsorted leaves it unspecified (except when paging, where
     *        the id orders them so that pages do not overlap)
     * @param offset   matches skipped
     * @param limit    matches kept at most, or {@link #UNLIMITED}
     */
    public EntityQuery {
        branches = branches.stream().map(List::copyOf).toList();
        Objects.requireNonNull(sort, "sort");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
        if (limit < UNLIMITED) {
            throw new IllegalArgumentException("limit must be positive or UNLIMITED");
        }
    }

    /**
     * Every entity of the type, in the given order.
     *
     * @param sort the order
     * @return the query
     */
    public static EntityQuery all(Sort sort) {
        return new EntityQuery(List.of(), null, sort, 0, UNLIMITED);
    }

    /**
     * Entities satisfying {@code filter}.
     *
     * @param filter the test
     * @param sort   the order
     * @return the query
     */
    public static EntityQuery matching(Predicate<Object> filter, Sort sort) {
        return new EntityQuery(List.of(), filter, sort, 0, UNLIMITED);
    }

    /**
     * The same query, in another order.
     *
     * @param newSort the order
     * @return the new query
     */
    public EntityQuery withSort(Sort newSort) {
        return new EntityQuery(branches, filter, newSort, offset, limit);
    }

    /**
     * The same query, windowed.
     *
     * @param newOffset matches skipped
     * @param newLimit  matches kept at most, or {@link #UNLIMITED}
     * @return the new query
     */
    public EntityQuery window(long newOffset, int newLimit) {
        return new EntityQuery(branches, filter, sort, newOffset, newLimit);
    }

    /** {@return whether the query keeps at most a number of matches} */
    public boolean limited() {
        return limit != UNLIMITED;
    }

    /**
     * Whether every entity matches.
     *
     * @return whether it has no condition
     */
    public boolean unconditional() {
        return branches.isEmpty() && filter == null;
    }

    boolean test(Object entity) {
        if (filter != null && !filter.test(entity)) {
            return false;
        }
        if (branches.isEmpty()) {
            return true;
        }
        for (List<Condition> branch : branches) {
            boolean all = true;
            for (Condition condition : branch) {
                if (!condition.test(entity)) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }
}
