package dev.lithair.spring.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.data.domain.Sort;
import org.springframework.data.repository.query.parser.Part;

import dev.lithair.model.EntityCodec;
import dev.lithair.index.OrderedIdWalk;
import dev.lithair.store.LithairStore;

/**
 * Runs {@link EntityQuery}s over the live entities of one {@link LithairStore}: candidates come from
 * the indexes the {@link IndexAccess} offers where the query's shape allows it (see {@link QueryPlan}),
 * from every live entity of the type otherwise; then the query's conditions, order and window apply.
 * A limited query ordered by one sorted field instead walks that field's index, checking each entity
 * met, and stops at the end of its window, when that is expected to cost less.
 * Results are in {@link ResultOrder}, so that pages and keyset windows never overlap.
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
        // a window over an unsorted query is in id order, so that consecutive pages neither overlap
        // nor miss entities
        boolean ordered = query.sort().isSorted() || query.limited() || query.offset() > 0;
        return select(type, codec, query, ordered ? ResultOrder.of(query.sort(), codec.model()) : null, null, false,
                staged);
    }

    /**
     * The entities matching {@code query} that come strictly after {@code position} in {@code order}
     * (all of them when it is {@code null}), in that order, windowed as the query says: a window of a
     * keyset scroll.
     *
     * @param position a position from {@link ResultOrder#readPosition}, or {@code null} for the start
     * @param staged   as for {@link #find}
     */
    <T> List<T> findAfter(Class<T> type, EntityCodec<T> codec, EntityQuery query, ResultOrder order,
            Map<String, Object> position, Collection<T> staged) {
        return select(type, codec, query, Objects.requireNonNull(order, "order"), position, true, staged);
    }

    /**
     * @param keyset whether {@code order} may be reversed or start after a position, which the reads
     *               of a first page in id order do not know
     */
    private <T> List<T> select(Class<T> type, EntityCodec<T> codec, EntityQuery query, ResultOrder order,
            Map<String, Object> position, boolean keyset, Collection<T> staged) {
        String name = codec.typeName();
        if (staged == null && order != null && query.limited()) {
            String field = order.indexedField(f -> indexes.isSorted(name, f));
            if (field != null && walkPays(name, query)) {
                return window(walk(type, name, field, order, query, position), query);
            }
        }
        Collection<T> candidates = staged;
        if (candidates == null) {
            candidates = fromIndexes(type, name, query, keyset);
        }
        if (candidates == null) {
            candidates = store.findAll(type);
        }
        List<T> matches = new ArrayList<>();
        for (T candidate : candidates) {
            if (query.test(candidate) && (position == null || order.isAfter(candidate, position))) {
                matches.add(candidate);
            }
        }
        // candidates read in index order are sorted again: right even when a concurrent commit moved
        // one of them after the index was read
        if (order != null) {
            matches.sort(order.comparator());
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
    private <T> List<T> fromIndexes(Class<T> type, String name, EntityQuery query, boolean keyset) {
        if (query.filter() != null || query.branches().isEmpty()) {
            return null;
        }
        List<T> candidates = keyset ? null : firstPageInIdOrder(type, name, query);
        return candidates != null ? candidates : fromBranches(type, name, query);
    }

    /**
     * Whether walking the sorted index of the order and checking each entity met is expected to cost
     * less than fetching the candidates the conditions' indexes give and sorting them. Without
     * conditions, or with one an index cannot answer, the walk always wins. For an equality on a hash
     * index with c holders among n entities, a walk meets about wanted * n / c entities before it has
     * its page (when the value is spread evenly along the order), the candidates cost c.
     */
    private boolean walkPays(String name, EntityQuery query) {
        if (query.filter() != null || query.branches().isEmpty()) {
            return true;
        }
        List<QueryPlan.BranchAccess> accesses = new ArrayList<>();
        for (List<Condition> branch : query.branches()) {
            QueryPlan.BranchAccess access = indexAccess(name, branch);
            if (access.access() == QueryPlan.Access.SCAN) {
                return true;
            }
            accesses.add(access);
        }
        if (accesses.size() != 1 || accesses.get(0).access() != QueryPlan.Access.EQUAL) {
            return false;
        }
        Condition condition = accesses.get(0).condition();
        double holders = indexes.countEqual(name, condition.indexableField(), equalTo(condition));
        double wanted = (double) query.offset() + query.limit();
        return holders > 0 && wanted * store.count(name) <= holders * holders;
    }

    /**
     * The first {@code offset + limit} matches in the order of a sorted index, after {@code position}
     * when there is one, reading the index from there and stopping at the last match needed: the
     * first 20 of a million products by price read 20 entities. An entity is kept only if it still
     * holds the value it was met under, so the matches come exactly in index order even while
     * commits move entities; one that moved is met at its new place, or missed when that is behind.
     */
    private <T> List<T> walk(Class<T> type, String name, String field, ResultOrder order, EntityQuery query,
            Map<String, Object> position) {
        Object afterValue = position == null ? null : position.get(field);
        String afterId = position == null ? null : String.valueOf(position.get(order.idProperty()));
        OrderedIdWalk ids = indexes.walkOrdered(name, field, order.descendingInIndex(), afterValue, afterId);
        long wanted = query.offset() + query.limit();
        List<T> matches = new ArrayList<>((int) Math.min(wanted, 1024));
        Set<String> kept = new HashSet<>();
        while (matches.size() < wanted && ids.hasNext()) {
            String id = ids.next();
            T entity = store.find(type, id).orElse(null);
            if (entity != null && ids.foundUnder(PropertyValues.read(entity, field)) && query.test(entity)
                    && kept.add(id)) {
                matches.add(entity);
            }
        }
        return matches;
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
}
