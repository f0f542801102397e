package dev.lithair.index;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.lithair.event.AppliedEventListener;
import dev.lithair.event.ChangeValidator;
import dev.lithair.event.EventEnvelope;
import dev.lithair.event.ProposedChange;
import dev.lithair.exception.UniqueViolationException;
import dev.lithair.model.EntityModel;
import dev.lithair.model.EntityTypes;

/**
 * The indexes every typed entity type declares, maintained at every applied event and rebuilt from
 * snapshot + replay at start-up (they are never stored, so they cannot drift from the data):
 *
 * <ul>
 * <li>{@code @Indexed}: a hash index, value → ids. {@link #idsEqual} and {@link #countEqual} cost
 * O(1).</li>
 * <li>{@code @Indexed(sorted = true)}: the hash index plus an ordered one, for {@link #idsInRange}
 * and {@link #idsOrdered} in O(log n + k) for k ids returned. The field's type must be
 * {@link Comparable} (or a {@link Number}); otherwise constructing the indexes, that is opening the
 * store, fails naming the field.</li>
 * <li>{@code @Unique}: value → holder, checked by {@link #validate} on the single writer against the
 * whole commit, so of two concurrent writes of one value exactly one wins. The check also counts the
 * values taken and given up by commits accepted but not applied yet ({@link #pending}), which queries
 * do not see. A unique field answers {@link #idsEqual} and {@link #countEqual} too.</li>
 * </ul>
 *
 * <p><b>Values.</b> Indexes hold the Java values {@code EntityCodec.fieldValue} returns, with numbers
 * normalised to one form per mathematical value: {@code BigDecimal} {@code 1.0} and {@code 1.00} are
 * one value (as {@code TypedEntityCodec.sameValue} says), an {@code Integer 5} query finds a
 * {@code long} field holding 5, and a {@code BigDecimal 0.1} query a {@code double} field holding
 * 0.1 (doubles and floats count as the shortest decimal that prints them). Other values compare with
 * {@code equals} (strings exactly, case-sensitive). Schemaless document types have no indexes.
 *
 * <p><b>Nulls.</b> Hash and sorted indexes hold entities whose value is {@code null}, so
 * {@code idsEqual(type, field, null)} and {@code countEqual(type, field, null)} ("is null") cost
 * O(1) as well. In order, {@code null} comes before every value ({@link #idsOrdered}: first when
 * ascending, last when descending), but it lies in no range: {@link #idsInRange} never returns an
 * entity whose value is {@code null}, even with both bounds open. {@code @Unique} ignores
 * {@code null}: any number of entities may hold it.
 *
 * <p><b>Concurrency.</b> The indexes are mutated only by the store's single writer, one thread at a
 * time under its lock (or by recovery, before it starts), through {@link #applied}, {@link #restored},
 * {@link #validate} (which reads and never mutates the indexes) and {@link #pending}/{@link #settled}.
 * Queries may come from any thread and never block: the structures are {@code ConcurrentHashMap},
 * {@code ConcurrentSkipListSet} and concurrent key sets. A query reads a weakly consistent view: it may observe a commit partially applied, one index already
 * updated and another not, some of the commit's entities moved and others not, an index ahead of
 * or behind the entity table; during an update an entity may briefly be under neither its old nor
 * its new value, and an ordered walk may meet it at its old or its new place (never both: range and
 * order answers hold each id once). Callers that fetch the entities of an answer should skip ids
 * that are gone and, where it matters, re-check the value on the entity they read.
 */
public final class Indexes implements AppliedEventListener, ChangeValidator {

    private final Map<String, TypeIndexes> byType;
    private final boolean anyUnique;
    private final PendingUniqueClaims pendingClaims = new PendingUniqueClaims();

    /**
     * The indexes the models of {@code types} declare, empty.
     *
     * @param types the registered entity types
     * @throws IllegalArgumentException when a sorted field's type is not Comparable
     */
    public Indexes(EntityTypes types) {
        Map<String, TypeIndexes> map = new HashMap<>();
        boolean unique = false;
        for (EntityModel<?> model : types.models()) {
            TypeIndexes indexes = new TypeIndexes(model);
            if (!indexes.isEmpty()) {
                map.put(model.name(), indexes);
                unique |= !indexes.unique.isEmpty();
            }
        }
        this.byType = Map.copyOf(map);
        this.anyUnique = unique;
    }

    // ---- maintenance, on the writer thread -------------------------------------------------------

    @Override
    public void applied(EventEnvelope event, Object before, Object after) {
        TypeIndexes indexes = byType.get(event.entityType());
        if (indexes != null) {
            indexes.update(event.entityId(), before, after);
        }
    }

    @Override
    public void restored(String entityType, String entityId, Object entity) {
        TypeIndexes indexes = byType.get(entityType);
        if (indexes != null) {
            indexes.update(entityId, null, entity);
        }
    }

    /** Takes every live entity out of the indexes, as deleting it would. */
    @Override
    public void cleared(Map<String, ? extends Map<String, Object>> live) {
        live.forEach((entityType, entities) -> {
            TypeIndexes indexes = byType.get(entityType);
            if (indexes != null) {
                entities.forEach((entityId, entity) -> indexes.update(entityId, entity, null));
            }
        });
    }

    /**
     * Rejects a commit that would leave two live entities of a type with one value of a
     * {@code @Unique} field: a value another live entity holds, unless that entity gives it up in
     * the same commit (changed to another value, or deleted), or a value two entities of the commit
     * both take. Swapping values between entities in one commit is accepted.
     *
     * @throws UniqueViolationException naming the entity, the field, the value and its holder
     */
    @Override
    public void validate(List<ProposedChange> changes) {
        if (!anyUnique) {
            return;
        }
        Map<TypeIndexes, List<ProposedChange>> byIndexedType = null;
        for (ProposedChange change : changes) {
            TypeIndexes indexes = byType.get(change.entityType());
            if (indexes != null && !indexes.unique.isEmpty()) {
                if (byIndexedType == null) {
                    byIndexedType = new LinkedHashMap<>();
                }
                byIndexedType.computeIfAbsent(indexes, t -> new ArrayList<>()).add(change);
            }
        }
        if (byIndexedType == null) {
            return;
        }
        byIndexedType.forEach((indexes, typeChanges) -> {
            for (FieldIndexes field : indexes.unique) {
                checkUnique(field, typeChanges);
            }
        });
    }

    /**
     * Remembers the {@code @Unique} values the accepted {@code changes} take and give up, so that the
     * next commits are checked against them before they are applied.
     */
    @Override
    public Object pending(List<ProposedChange> changes) {
        if (!anyUnique) {
            return null;
        }
        List<PendingUniqueClaims.Step> steps = null;
        for (ProposedChange change : changes) {
            TypeIndexes indexes = byType.get(change.entityType());
            if (indexes == null) {
                continue;
            }
            for (FieldIndexes field : indexes.unique) {
                Object beforeKey = change.before() == null ? null : field.keyOf(change.before());
                Object afterKey = change.after() == null ? null : field.keyOf(change.after());
                if (java.util.Objects.equals(beforeKey, afterKey)) {
                    continue;
                }
                if (steps == null) {
                    steps = PendingUniqueClaims.newSteps();
                }
                if (beforeKey != null && beforeKey != IndexKey.NULL) {
                    steps.add(new PendingUniqueClaims.Step(field, beforeKey, change.entityId(), -1));
                }
                if (afterKey != null && afterKey != IndexKey.NULL) {
                    steps.add(new PendingUniqueClaims.Step(field, afterKey, change.entityId(), 1));
                }
            }
        }
        if (steps != null) {
            steps.forEach(pendingClaims::add);
        }
        return steps;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void settled(Object remembered) {
        if (remembered != null) {
            pendingClaims.settle((List<PendingUniqueClaims.Step>) remembered);
        }
    }

    @Override
    public void discardPending() {
        pendingClaims.clear();
    }

    private void checkUnique(FieldIndexes field, List<ProposedChange> changes) {
        Map<Object, Set<String>> released = new HashMap<>();
        List<ProposedChange> claims = new ArrayList<>();
        List<Object> claimedKeys = new ArrayList<>();
        for (ProposedChange change : changes) {
            Object beforeKey = change.before() == null ? null : field.keyOf(change.before());
            Object afterKey = change.after() == null ? null : field.keyOf(change.after());
            if (beforeKey != null && beforeKey != IndexKey.NULL && !beforeKey.equals(afterKey)) {
                released.computeIfAbsent(beforeKey, k -> new HashSet<>()).add(change.entityId());
            }
            if (afterKey != null && afterKey != IndexKey.NULL && !afterKey.equals(beforeKey)) {
                claims.add(change);
                claimedKeys.add(afterKey);
            }
        }
        Map<Object, String> claimedBy = new HashMap<>();
        for (int i = 0; i < claims.size(); i++) {
            ProposedChange claim = claims.get(i);
            Object key = claimedKeys.get(i);
            String otherClaimer = claimedBy.putIfAbsent(key, claim.entityId());
            if (otherClaimer != null) {
                throw violation(field, claim, otherClaimer);
            }
            Set<String> giving = released.getOrDefault(key, Set.of());
            Set<String> applied = field.unique.holders(key);
            Map<String, Integer> pending = pendingClaims.changes(field, key);
            for (String holder : applied) {
                boolean stillHolds = pending == null || 1 + pending.getOrDefault(holder, 0) > 0;
                if (stillHolds && !holder.equals(claim.entityId()) && !giving.contains(holder)) {
                    throw violation(field, claim, holder);
                }
            }
            if (pending != null) {
                for (Map.Entry<String, Integer> change : pending.entrySet()) {
                    String holder = change.getKey();
                    boolean holds = (applied.contains(holder) ? 1 : 0) + change.getValue() > 0;
                    if (holds && !holder.equals(claim.entityId()) && !giving.contains(holder)) {
                        throw violation(field, claim, holder);
                    }
                }
            }
        }
    }

    private static UniqueViolationException violation(FieldIndexes field, ProposedChange claim, String holder) {
        return new UniqueViolationException(claim.entityType(), claim.entityId(), field.field.name(),
                field.field.read(claim.after()), holder);
    }

    // ---- queries, from any thread ----------------------------------------------------------------

    /**
     * Whether {@code field} of {@code entityType} answers equality lookups and counts
     * ({@code @Indexed}, sorted or not, or {@code @Unique}).
     *
     * @param entityType the entity type's name
     * @param field      the field's name
     * @return whether it is indexed
     */
    public boolean isIndexed(String entityType, String field) {
        FieldIndexes indexes = find(entityType, field);
        return indexes != null && (indexes.hash != null || indexes.unique != null);
    }

    /**
     * Whether {@code field} of {@code entityType} answers ranges and ordering ({@code @Indexed(sorted = true)}).
     *
     * @param entityType the entity type's name
     * @param field      the field's name
     * @return whether it is sorted
     */
    public boolean isSorted(String entityType, String field) {
        FieldIndexes indexes = find(entityType, field);
        return indexes != null && indexes.sorted != null;
    }

    /**
     * Ids of the live entities whose {@code field} equals {@code value} ({@code null}: whose field is
     * null), iterated in ascending id order ({@link String#compareTo}), so the first k of them cost
     * O(k). O(1): the result is a live, read-only view that follows later commits; copy it
     * ({@code Set.copyOf}) to keep a fixed answer. Its size is O(1) too.
     *
     * @param entityType the entity type's name
     * @param field      an indexed field
     * @param value      the value looked up, {@code null} for null
     * @return the ids, a live read-only view
     * @throws IllegalArgumentException when the field is not indexed
     */
    public Set<String> idsEqual(String entityType, String field, Object value) {
        FieldIndexes indexes = require(entityType, field);
        Object key = IndexKey.of(value);
        if (indexes.hash != null) {
            return indexes.hash.ids(key);
        }
        UniqueIndex unique = indexes.unique;
        return new LiveIds(() -> unique.holders(key));
    }

    /**
     * Number of live entities whose {@code field} equals {@code value} ({@code null}: is null), in O(1).
     *
     * @param entityType the entity type's name
     * @param field      an indexed field
     * @param value      the value counted, {@code null} for null
     * @return the number of entities
     * @throws IllegalArgumentException when the field is not indexed
     */
    public int countEqual(String entityType, String field, Object value) {
        FieldIndexes indexes = require(entityType, field);
        Object key = IndexKey.of(value);
        return indexes.hash != null ? indexes.hash.count(key) : indexes.unique.holders(key).size();
    }

    /**
     * Ids of the live entities whose {@code field} lies between {@code from} and {@code to}, ordered
     * by value then by id (both reversed when {@code descending}), at most {@code limit} of them.
     * Costs O(log n + k) for k ids returned. Entities whose value is {@code null} are in no range.
     *
     * @param entityType    the entity type's name
     * @param field         a sorted field
     * @param from          a lower bound, or {@code null} for none
     * @param fromInclusive whether {@code from} itself is in the range
     * @param to            an upper bound, or {@code null} for none
     * @param toInclusive   whether {@code to} itself is in the range
     * @param descending    whether the ids come from the largest value down
     * @param limit         the most ids returned, zero or more ({@code Integer.MAX_VALUE} for all)
     * @return the ids, in order
     * @throws IllegalArgumentException when the field is not sorted, a bound cannot be compared with
     *                                  its values, or {@code limit} is negative
     */
    public List<String> idsInRange(String entityType, String field, Object from, boolean fromInclusive, Object to,
            boolean toInclusive, boolean descending, int limit) {
        FieldIndexes indexes = requireSorted(entityType, field, limit);
        indexes.checkBound(from);
        indexes.checkBound(to);
        return indexes.sorted.range(from == null ? null : IndexKey.of(from), fromInclusive,
                to == null ? null : IndexKey.of(to), toInclusive, descending, limit);
    }

    /**
     * The first {@code limit} ids of all live entities ordered by {@code field} then id (both
     * reversed when {@code descending}); {@code null} values come first ascending, last descending.
     * Top-N costs O(log n + N), not a scan.
     *
     * @param entityType the entity type's name
     * @param field      a sorted field
     * @param descending whether the ids come from the largest value down
     * @param limit      the most ids returned, zero or more
     * @return the ids, in order
     * @throws IllegalArgumentException when the field is not sorted or {@code limit} is negative
     */
    public List<String> idsOrdered(String entityType, String field, boolean descending, int limit) {
        return requireSorted(entityType, field, limit).sorted.ordered(descending, limit);
    }

    /**
     * A lazy walk over the ids of all live entities ordered by {@code field} then id (both reversed
     * when {@code descending}), starting just after the entry of the entity {@code afterId} holding
     * {@code afterValue}, or at the first entry when {@code afterId} is {@code null}. Reaching the
     * start costs O(log n), each step O(1), so a page costs the same in a store of any size; keyset
     * scrolling resumes from the last entity of the previous page this way. {@code null} values come
     * first ascending, last descending, as in {@link #idsOrdered}.
     *
     * @param entityType the entity type's name
     * @param field      the sorted field
     * @param descending whether the walk goes from the largest value down
     * @param afterValue the value the walk starts after; ignored when {@code afterId} is {@code null}
     * @param afterId    the id the walk starts after, or {@code null} to start at the first entry
     * @return the walk
     * @throws IllegalArgumentException when the field is not sorted or {@code afterValue} cannot be
     *                                  compared with its values
     */
    public OrderedIdWalk walkOrdered(String entityType, String field, boolean descending, Object afterValue,
            String afterId) {
        FieldIndexes indexes = requireSorted(entityType, field, 0);
        indexes.checkBound(afterValue);
        return indexes.sorted.walk(descending, IndexKey.of(afterValue), afterId);
    }

    /**
     * The id of the live entity holding {@code value} in a {@code @Unique} field; empty for
     * {@code null}, which is never unique. While a commit that swaps values is being applied, either
     * entity may be answered; where data written before the constraint holds a value several times,
     * the smallest id is.
     *
     * @param entityType the entity type's name
     * @param field      a {@code @Unique} field
     * @param value      the value looked up
     * @return the id of the entity holding it, or empty
     * @throws IllegalArgumentException when the field is not {@code @Unique}
     */
    public Optional<String> uniqueHolder(String entityType, String field, Object value) {
        FieldIndexes indexes = require(entityType, field);
        if (indexes.unique == null) {
            throw new IllegalArgumentException(indexes.description + " is not @Unique");
        }
        return value == null ? Optional.empty() : Optional.ofNullable(indexes.unique.holder(IndexKey.of(value)));
    }

    /**
     * For monitoring: each indexed field of the type with the number of distinct values its index
     * holds ({@code null} counting as one value when some entity holds it); empty for a type
     * without indexes.
     *
     * @param entityType the entity type's name
     * @return the number of distinct values per indexed field
     */
    public Map<String, Integer> sizes(String entityType) {
        TypeIndexes indexes = byType.get(entityType);
        if (indexes == null) {
            return Map.of();
        }
        Map<String, Integer> sizes = new LinkedHashMap<>();
        indexes.byField.forEach((name, field) -> sizes.put(name,
                field.hash != null ? field.hash.distinctKeys() : field.unique.distinctKeys()));
        return Collections.unmodifiableMap(sizes);
    }

    private FieldIndexes find(String entityType, String field) {
        TypeIndexes indexes = byType.get(entityType);
        return indexes == null ? null : indexes.byField.get(field);
    }

    private FieldIndexes require(String entityType, String field) {
        FieldIndexes indexes = find(entityType, field);
        if (indexes == null) {
            throw new IllegalArgumentException(entityType + "." + field
                    + " is not indexed: declare it @Indexed, @Indexed(sorted = true) or @Unique");
        }
        return indexes;
    }

    private FieldIndexes requireSorted(String entityType, String field, int limit) {
        FieldIndexes indexes = require(entityType, field);
        if (indexes.sorted == null) {
            throw new IllegalArgumentException(entityType + "." + field
                    + " has no ordered index: declare it @Indexed(sorted = true)");
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be zero or more, was " + limit);
        }
        return indexes;
    }
}
