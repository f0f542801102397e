package dev.lithair.spring.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.springframework.data.domain.Sort;
import org.springframework.data.repository.query.parser.Part;

import dev.lithair.model.EntityCodec;
import dev.lithair.model.EntityModel;
import dev.lithair.store.LithairStore;

/**
 * Runs {@link EntityQuery}s over the live entities of one {@link LithairStore}: candidates come from
 * the indexes the {@link IndexAccess} offers where the query's shape allows it (see {@link QueryPlan}),
 * from every live entity of the type otherwise; then the query's conditions, order and window apply.
 *
 * <p>The indexes know only what is committed. A query on a type the current unit of work has written
 * runs over the entities as that unit sees them, which the caller hands in. Thread-safe.
 */
final class LithairQueryEngine {

    private final LithairStore store;
    private final IndexAccess indexes;

    LithairQueryEngine(LithairStore store, IndexAccess indexes) {
        this.store = Objects.requireNonNull(store, "store");
        this.indexes = Objects.requireNonNull(indexes, "indexes");
    }

    /**
     * The entities matching {@code query}, sorted and windowed as it says.
     *
     * @param staged the entities of the type as the current unit of work sees them when it has staged
     *               writes of the type; {@code null} to read the committed state, from the indexes where
     *               they answer
     */
    <T> List<T> find(Class<T> type, EntityCodec<T> codec, EntityQuery query, Collection<T> staged) {
        String name = codec.typeName();
        Collection<T> candidates = staged;
        if (candidates == null) {
            candidates = fromIndexes(type, name, query);
        }
        if (candidates == null) {
            candidates = store.findAll(type);
        }
        List<T> matches = new ArrayList<>();
        for (T candidate : candidates) {
            if (query.test(candidate)) {
                matches.add(candidate);
            }
        }
        // candidates read in index order are sorted again: cheap for a top-N, and right even when a
        // concurrent commit moved one of them after the index was read
        Comparator<Object> order = order(query, codec.model());
        if (order != null) {
            matches.sort(order);
        }
        return window(matches, query);
    }

    /**
     * The number of entities matching {@code query}, before any window.
     *
     * @param staged as for {@link #find}
     */
    <T> long count(Class<T> type, EntityCodec<T> codec, EntityQuery query, Collection<T> staged) {
        String name = codec.typeName();
        if (staged == null && query.unconditional()) {
            return store.count(name);
        }
        if (staged == null && query.filter() == null && query.branches().size() == 1
                && query.branches().get(0).size() == 1) {
            QueryPlan.BranchAccess access = indexAccess(name, query.branches().get(0));
            if (access.access() == QueryPlan.Access.EQUAL) {
                return indexes.countEqual(name, access.condition().indexableField(), equalTo(access.condition()));
            }
        }
        return find(type, codec, query.withSort(Sort.unsorted()).window(0, EntityQuery.UNLIMITED), staged).size();
    }

    /** The candidates the indexes give for the committed state, or {@code null} when the query needs a scan. */
    private <T> List<T> fromIndexes(Class<T> type, String name, EntityQuery query) {
        if (query.filter() == null && !query.branches().isEmpty()) {
            List<T> candidates = firstPageInIdOrder(type, name, query);
            return candidates != null ? candidates : fromBranches(type, name, query);
        }
        if (query.unconditional() && query.limited()) {
            QueryPlan plan = QueryPlan.of(name, List.of(), query.sort(), true, field -> indexes.isIndexed(name, field),
                    field -> indexes.isSorted(name, field));
            if (plan.orderedBy() != null) {
                return inIndexOrder(type, name, plan.orderedBy(), query);
            }
        }
        return null;
    }

    /**
     * The order results are put in: the query's own, then the id (as the sorted indexes order ties),
     * or, for a window over an unsorted query, the id alone, so that consecutive pages neither
     * overlap nor miss entities; {@code null} for none.
     */
    private static Comparator<Object> order(EntityQuery query, EntityModel<?> model) {
        @SuppressWarnings("unchecked")
        EntityModel<Object> typed = (EntityModel<Object>) model;
        Comparator<Object> byId = Comparator.comparing(typed::idOf);
        if (query.sort().isSorted()) {
            return EntityOrder.of(query.sort()).thenComparing(byId);
        }
        return query.limited() || query.offset() > 0 ? byId : null;
    }

    private static <T> List<T> window(List<T> matches, EntityQuery query) {
        int from = (int) Math.min(query.offset(), matches.size());
        int to = query.limited() ? (int) Math.min((long) from + query.limit(), matches.size()) : matches.size();
        return from == 0 && to == matches.size() ? matches : new ArrayList<>(matches.subList(from, to));
    }

    /** Candidates from the indexes, branch by branch, or {@code null} when a branch needs a scan. */
    private <T> List<T> fromBranches(Class<T> type, String name, EntityQuery query) {
        Set<String> ids = new LinkedHashSet<>();
        for (List<Condition> branch : query.branches()) {
            QueryPlan.BranchAccess access = indexAccess(name, branch);
            Condition condition = access.condition();
            switch (access.access()) {
                case EQUAL:
                    ids.addAll(indexes.idsEqual(name, condition.indexableField(), equalTo(condition)));
                    break;
                case IN:
                    if (condition.argument(0) == null) {
                        break;
                    }
                    for (Object value : (Collection<?>) condition.argument(0)) {
                        if (value != null) {
                            ids.addAll(indexes.idsEqual(name, condition.indexableField(), value));
                        }
                    }
                    break;
                case RANGE:
                    List<String> range = range(name, condition);
                    if (range == null) {
                        return null;
                    }
                    ids.addAll(range);
                    break;
                default:
                    return null;
            }
        }
        List<T> candidates = new ArrayList<>(ids.size());
        for (String id : ids) {
            store.find(type, id).ifPresent(candidates::add);
        }
        return candidates;
    }

    /**
     * The first {@code offset + limit} matches of an unsorted, windowed query with one branch answered
     * by an equality index, read in id order (the order such pages are in) and stopping there: the
     * first page of a category of 100,000 products fetches 20 of them, not all. {@code null} when
     * the query has another shape.
     */
    private <T> List<T> firstPageInIdOrder(Class<T> type, String name, EntityQuery query) {
        if (query.sort().isSorted() || !query.limited() || query.branches().size() != 1) {
            return null;
        }
        QueryPlan.BranchAccess access = indexAccess(name, query.branches().get(0));
        if (access.access() != QueryPlan.Access.EQUAL) {
            return null;
        }
        long wanted = query.offset() + query.limit();
        List<T> matches = new ArrayList<>((int) Math.min(wanted, 1024));
        Iterator<String> ids = indexes.idsEqual(name, access.condition().indexableField(), equalTo(access.condition()))
                .iterator();
        while (matches.size() < wanted && ids.hasNext()) {
            // the other conditions of the branch are checked here; an entity that moved away from
            // the value since the index was read is skipped, as find's final test would
            T entity = store.find(type, ids.next()).orElse(null);
            if (entity != null && query.test(entity)) {
                matches.add(entity);
            }
        }
        return matches;
    }

    /** How the store's indexes answer one branch of a query on {@code name}. */
    private QueryPlan.BranchAccess indexAccess(String name, List<Condition> branch) {
        return QueryPlan.choose(branch, field -> indexes.isIndexed(name, field), field -> indexes.isSorted(name, field));
    }

    /** The value an equality condition looks up. */
    private static Object equalTo(Condition condition) {
        switch (condition.type()) {
            case IS_NULL:
                return null;
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            default:
                return condition.argument(0);
        }
    }

    private List<String> range(String name, Condition condition) {
        String field = condition.indexableField();
        Object from = null;
        Object to = null;
        boolean fromInclusive = false;
        boolean toInclusive = false;
        switch (condition.type()) {
            case BETWEEN:
                from = condition.argument(0);
                to = condition.argument(1);
                fromInclusive = true;
                toInclusive = true;
                break;
            case LESS_THAN:
            case BEFORE:
                to = condition.argument(0);
                break;
            case LESS_THAN_EQUAL:
                to = condition.argument(0);
                toInclusive = true;
                break;
            case GREATER_THAN:
            case AFTER:
                from = condition.argument(0);
                break;
            case GREATER_THAN_EQUAL:
                from = condition.argument(0);
                fromInclusive = true;
                break;
            default:
                return null;
        }
        if ((condition.type() == Part.Type.BETWEEN && (from == null || to == null)) || (from == null && to == null)) {
            return null;
        }
        return indexes.idsInRange(name, field, from, fromInclusive, to, toInclusive, false, -1);
    }

    /**
     * The first {@code offset + limit} entities in the order of a sorted index, or {@code null} when
     * entities without a value (not in the index, sorted last) would be among them.
     */
    private <T> List<T> inIndexOrder(Class<T> type, String name, String field, EntityQuery query) {
        Sort.Order order = query.sort().iterator().next();
        long wanted = query.offset() + query.limit();
        int limit = wanted > Integer.MAX_VALUE ? -1 : (int) wanted;
        List<String> ids = indexes.idsOrdered(name, field, order.isDescending(), limit);
        if ((limit == -1 || ids.size() < limit) && ids.size() < store.count(name)) {
            return null;
        }
        List<T> candidates = new ArrayList<>(ids.size());
        for (String id : ids) {
            store.find(type, id).ifPresent(candidates::add);
        }
        return candidates.size() == ids.size() ? candidates : null;
    }
}
