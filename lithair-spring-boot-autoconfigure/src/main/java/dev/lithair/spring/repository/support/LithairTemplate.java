package dev.lithair.spring.repository.support;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.annotation.CreatedBy;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.LastModifiedBy;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.auditing.AuditingHandler;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.mapping.model.BasicPersistentEntity;
import org.springframework.data.mapping.model.ConvertingPropertyAccessor;
import org.springframework.data.repository.query.parser.Part;
import org.springframework.util.Assert;
import org.springframework.util.ReflectionUtils;

import dev.lithair.history.FieldChange;
import dev.lithair.lifecycle.AsOf;
import dev.lithair.model.EntityCodec;
import dev.lithair.model.EntityModel;
import dev.lithair.model.FieldModel;
import dev.lithair.replication.ReadConsistency;
import dev.lithair.spring.repository.IncompleteHistoryException;
import dev.lithair.spring.transaction.LithairCommitter;
import dev.lithair.spring.transaction.LithairTransactionManager;
import dev.lithair.spring.transaction.StagedWrites;
import dev.lithair.store.CommitResult;
import dev.lithair.store.EntityTable;
import dev.lithair.store.LithairStore;

/**
 * The one facade repositories work through: reads and writes of entity types of one
 * {@link LithairStore}, as the current unit of work sees them.
 *
 * <p>Writes are staged in the current Lithair transaction when there is one (committed with it, as
 * one batch), and otherwise committed at once, each call's writes as one atomic commit. Before a put
 * is staged, a missing {@code String} or {@code UUID} id is generated and the auditing properties
 * are set. Reads see the store's committed state, with the current transaction's staged writes on
 * top. Queries use the indexes the {@link IndexAccess} offers, and scan otherwise; a query on a type
 * the current transaction has written scans the committed entities with the staged writes applied,
 * since the indexes know only what is committed.
 *
 * <p>Thread-safe; a unit of work is the calling thread's.
 */
public class LithairTemplate {

    private final LithairStore store;
    private final boolean replicated;
    private final LithairCommitter committer;
    private final LithairMappingContext mappingContext;
    private final IndexAccess indexes;
    private final AuditingHandler auditing;
    private final Supplier<String> actor;
    /** The consistency {@link #read} asks for on this thread; {@code null}: the configured default. */
    private final ThreadLocal<ReadConsistency> readConsistency = new ThreadLocal<>();

    /**
     * @param auditing sets the auditing properties; {@code null} for none
     * @param actor    who asks for the writes, recorded in their events; may return {@code null}
     */
    public LithairTemplate(LithairCommitter committer, LithairMappingContext mappingContext, IndexAccess indexes,
            AuditingHandler auditing, Supplier<String> actor) {
        this.committer = Objects.requireNonNull(committer, "committer");
        this.store = committer.store();
        this.replicated = store.isReplicated();
        this.mappingContext = Objects.requireNonNull(mappingContext, "mappingContext");
        this.indexes = Objects.requireNonNull(indexes, "indexes");
        this.auditing = auditing;
        this.actor = actor == null ? () -> null : actor;
    }

    public LithairStore store() {
        return store;
    }

    public LithairMappingContext mappingContext() {
        return mappingContext;
    }

    public IndexAccess indexes() {
        return indexes;
    }

    /** The store's codec of a domain type; fails clearly when the store was not opened with it. */
    public <T> EntityCodec<T> codec(Class<T> type) {
        try {
            return store.codecOf(type);
        } catch (IllegalArgumentException e) {
            throw new InvalidDataAccessApiUsageException(type.getName() + " is not an entity type of the LithairStore: "
                    + "open the store with its EntityModel (the LithairRepositoryEntityTypes bean lists the domain "
                    + "types of the Lithair repositories)", e);
        }
    }

    /** The store's key of an id: its string form, as the store keys entities. */
    public static String key(Object id) {
        Assert.notNull(id, "The given id must not be null");
        return id instanceof String ? (String) id : id.toString();
    }

    // ---------------------------------------------------------------- reads

    /**
     * Runs {@code reads} with the given consistency instead of {@code lithair.cluster.read-consistency}:
     * with {@link ReadConsistency#LINEARIZABLE} this member first confirms with the leader that it has
     * applied every commit acknowledged before the call (once for all the reads inside), with
     * {@link ReadConsistency#LOCAL} the reads take this member's state as it is. On a single node every
     * read is current either way.
     *
     * <pre>{@code
     * Optional<Product> fresh = template.read(ReadConsistency.LINEARIZABLE, () -> products.findById("p1"));
     * }</pre>
     */
    public <R> R read(ReadConsistency consistency, Supplier<R> reads) {
        Objects.requireNonNull(consistency, "consistency");
        ReadConsistency outer = readConsistency.get();
        awaitReadable(consistency);
        // Confirmed once: the reads inside see at least that state without asking the leader again.
        readConsistency.set(ReadConsistency.LOCAL);
        try {
            return reads.get();
        } finally {
            if (outer == null) {
                readConsistency.remove();
            } else {
                readConsistency.set(outer);
            }
        }
    }

    /** Waits, in a cluster with linearizable reads, until this member's state is current; see {@link #read}. */
    private void awaitReadable() {
        // a store that commits through its own log is always current: no wait, no thread-local read
        if (replicated) {
            awaitReadable(readConsistency.get());
        }
    }

    /** A read that cannot be confirmed (no leader) fails as Spring's {@code TransientDataAccessResourceException}. */
    private void awaitReadable(ReadConsistency consistency) {
        try {
            store.awaitReadable(consistency);
        } catch (RuntimeException e) {
            throw committer.translate(e);
        }
    }

    /** The entity, as the current unit of work sees it. */
    public <T> Optional<T> findById(Class<T> type, String id) {
        awaitReadable();
        StagedWrites writes = currentWrites();
        // The hot path: outside a transaction a read is the store's own lookup, nothing more.
        return writes == null ? storeFind(type, id) : findStagedFirst(writes, type, id);
    }

    /** {@link #findById(Class, String)} through the type's table, for a caller that keeps it (a repository). */
    <T> Optional<T> findById(EntityTable<T> table, Class<T> type, String id) {
        awaitReadable();
        StagedWrites writes = currentWrites();
        return writes == null ? table.find(id) : findStagedFirst(writes, type, id);
    }

    /** The store's table of a registered type: the same table for the store's lifetime. */
    <T> EntityTable<T> table(Class<T> type) {
        codec(type); // the descriptive error when the type is not one of the store's
        return store.table(type);
    }

    /** Inside a transaction: what the unit of work staged for the entity, else the store's state. */
    private <T> Optional<T> findStagedFirst(StagedWrites writes, Class<T> type, String id) {
        EntityCodec<T> codec = codec(type);
        StagedWrites.Staged staged = writes.lookup(codec.typeName(), id);
        if (staged == null) {
            return storeFind(type, id);
        }
        return staged instanceof StagedWrites.Present
                ? Optional.of(codec.exposed(type.cast(((StagedWrites.Present) staged).entity())))
                : Optional.empty();
    }

    private <T> Optional<T> storeFind(Class<T> type, String id) {
        try {
            return store.find(type, id);
        } catch (IllegalArgumentException e) {
            codec(type); // throws the descriptive error when the type is not one of the store's
            throw e;
        }
    }

    public boolean existsById(Class<?> type, String id) {
        return findById(type, id).isPresent();
    }

    /** Every live entity of the type, in no particular order. */
    public <T> List<T> findAll(Class<T> type) {
        awaitReadable();
        EntityCodec<T> codec = codec(type);
        StagedWrites writes = currentWrites();
        if (writes == null || !writes.touches(codec.typeName())) {
            return store.findAll(type);
        }
        return new ArrayList<>(merged(type, codec, writes).values());
    }

    /** The committed entities by id, with the staged writes of the type applied. */
    private <T> Map<String, T> merged(Class<T> type, EntityCodec<T> codec, StagedWrites writes) {
        EntityModel<T> model = codec.model();
        Map<String, T> all = new LinkedHashMap<>();
        for (T entity : store.findAll(type)) {
            all.put(model.idOf(entity), entity);
        }
        writes.stagedOf(codec.typeName()).forEach((id, staged) -> {
            if (staged instanceof StagedWrites.Present) {
                all.put(id, codec.exposed(type.cast(((StagedWrites.Present) staged).entity())));
            } else {
                all.remove(id);
            }
        });
        return all;
    }

    public long count(Class<?> type) {
        awaitReadable();
        EntityCodec<?> codec = codec(type);
        StagedWrites writes = currentWrites();
        if (writes == null || !writes.touches(codec.typeName())) {
            return store.count(codec.typeName());
        }
        return findAll(type).size();
    }

    /** The entities matching {@code query}, sorted and windowed as it says. */
    public <T> List<T> find(Class<T> type, EntityQuery query) {
        awaitReadable();
        EntityCodec<T> codec = codec(type);
        String name = codec.typeName();
        StagedWrites writes = currentWrites();
        boolean pending = writes != null && writes.touches(name);
        List<T> candidates = null;
        if (!pending) {
            if (query.filter() == null && !query.branches().isEmpty()) {
                candidates = firstPageInIdOrder(type, name, query);
                if (candidates == null) {
                    candidates = fromIndexes(type, name, query);
                }
            } else if (query.unconditional() && query.limited()) {
                QueryPlan plan = QueryPlan.of(name, List.of(), query.sort(), true, field -> indexes.isIndexed(name, field),
                        field -> indexes.isSorted(name, field));
                if (plan.orderedBy() != null) {
                    candidates = inIndexOrder(type, name, plan.orderedBy(), query);
                }
            }
        }
        if (candidates == null) {
            candidates = pending ? new ArrayList<>(merged(type, codec, writes).values()) : store.findAll(type);
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

    /** The number of entities matching {@code query}, before any window. */
    public long count(Class<?> type, EntityQuery query) {
        awaitReadable();
        EntityCodec<?> codec = codec(type);
        String name = codec.typeName();
        StagedWrites writes = currentWrites();
        boolean pending = writes != null && writes.touches(name);
        if (!pending && query.unconditional()) {
            return store.count(name);
        }
        if (!pending && query.filter() == null && query.branches().size() == 1 && query.branches().get(0).size() == 1) {
            QueryPlan.BranchAccess access = indexAccess(name, query.branches().get(0));
            if (access.access() == QueryPlan.Access.EQUAL) {
                return indexes.countEqual(name, access.condition().indexableField(), equalTo(access.condition()));
            }
        }
        return find(type, query.withSort(Sort.unsorted()).window(0, EntityQuery.UNLIMITED)).size();
    }

    public boolean exists(Class<?> type, EntityQuery query) {
        return !find(type, query.withSort(Sort.unsorted()).window(0, 1)).isEmpty();
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

    private <T> List<T> window(List<T> matches, EntityQuery query) {
        int from = (int) Math.min(query.offset(), matches.size());
        int to = query.limited() ? (int) Math.min((long) from + query.limit(), matches.size()) : matches.size();
        return from == 0 && to == matches.size() ? matches : new ArrayList<>(matches.subList(from, to));
    }

    /** Candidates from the indexes, or {@code null} when a branch needs a scan. */
    private <T> List<T> fromIndexes(Class<T> type, String name, EntityQuery query) {
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

    // ---------------------------------------------------------------- history

    public List<FieldChange> history(Class<?> type, String id) {
        awaitReadable();
        return store.history(codec(type).typeName(), id);
    }

    public List<FieldChange> history(Class<?> type, String id, String field) {
        awaitReadable();
        EntityCodec<?> codec = codec(type);
        if (codec.model().resolve(field) == null) {
            throw new InvalidDataAccessApiUsageException(codec.typeName() + " has no field " + field);
        }
        return store.history(codec.typeName(), id, field);
    }

    /**
     * The entity as it was at {@code instant}: empty when it did not exist then.
     *
     * @throws IncompleteHistoryException when the retained history cannot tell every field's value at
     *         the instant, or whether the entity existed
     */
    public <T> Optional<T> findAsOf(Class<T> type, String id, Instant instant) {
        awaitReadable();
        EntityCodec<T> codec = codec(type);
        AsOf<T> asOf = store.findAsOf(type, id, instant);
        switch (asOf.existence()) {
            case DID_NOT_EXIST:
                return Optional.empty();
            case UNKNOWN:
                throw new IncompleteHistoryException(codec.typeName(), id, instant, Set.of());
            default:
                if (!asOf.unknownFields().isEmpty()) {
                    throw new IncompleteHistoryException(codec.typeName(), id, instant, asOf.unknownFields());
                }
                return asOf.state();
        }
    }

    // ---------------------------------------------------------------- writes

    /** Saves one entity; see {@link #saveAll}. */
    public <T> T save(T entity, String idempotencyKey) {
        return saveAll(List.of(entity), idempotencyKey).get(0);
    }

    /**
     * Saves entities, all in one commit: staged in the current transaction, or committed at once.
     *
     * @param idempotencyKey the commit's key, or {@code null}; a key already applied changes nothing
     * @return the entities as stored (as they will be, inside a transaction); a mutable entity given
     *         also receives its id, version and auditing values
     */
    public <T> List<T> saveAll(Iterable<T> entities, String idempotencyKey) {
        Assert.notNull(entities, "Entities must not be null");
        StagedWrites transaction = currentWrites();
        StagedWrites writes = transaction != null ? transaction : new StagedWrites();
        if (idempotencyKey != null) {
            writes.useIdempotencyKey(idempotencyKey);
        }
        writes.actor(actor.get());
        List<T> given = new ArrayList<>();
        List<T> staged = new ArrayList<>();
        for (T entity : entities) {
            Assert.notNull(entity, "Entity must not be null");
            given.add(entity);
            staged.add(stage(writes, entity));
        }
        if (transaction != null) {
            List<T> result = new ArrayList<>(staged.size());
            for (int i = 0; i < staged.size(); i++) {
                T exposed = exposed(staged.get(i));
                writeBack(given.get(i), exposed);
                result.add(exposed);
            }
            return result;
        }
        if (!writes.isEmpty()) {
            CommitResult result = committer.commit(writes);
            committer.publish(writes, result);
        }
        List<T> result = new ArrayList<>(staged.size());
        for (int i = 0; i < staged.size(); i++) {
            T expected = staged.get(i);
            @SuppressWarnings("unchecked")
            Class<T> type = (Class<T>) expected.getClass();
            T stored = store.find(type, codec(type).model().idOf(expected)).orElseGet(() -> exposed(expected));
            writeBack(given.get(i), stored);
            result.add(stored);
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private <T> T exposed(T entity) {
        return codec((Class<T>) entity.getClass()).exposed(entity);
    }

    /**
     * Stages a put of {@code given}: id generated when missing, auditing applied against the entity
     * as the unit of work sees it, and the state after the put (version advanced) recorded for reads.
     *
     * @return the entity as the put leaves it
     */
    @SuppressWarnings("unchecked")
    private <T> T stage(StagedWrites writes, T given) {
        Class<T> type = (Class<T>) given.getClass();
        EntityCodec<T> codec = codec(type);
        EntityModel<T> model = codec.model();
        BasicPersistentEntity<?, LithairPersistentProperty> persistent = mappingContext.getRequiredPersistentEntity(type);
        T entity = withId(given, model, persistent, writes);
        String id = model.idOf(entity);
        T current = currentState(writes, type, codec, id);
        if (auditing != null) {
            entity = current == null ? auditing.markCreated(entity) : auditing.markModified(keepCreation(entity, current,
                    persistent));
        }
        T copy = codec.retained(entity);
        T after = afterPut(codec, persistent, codec.retained(copy), current);
        writes.put(type, codec.typeName(), id, copy, after);
        return after;
    }

    /** The entity as the unit of work sees it now (not a copy: never to be modified or handed out). */
    private <T> T currentState(StagedWrites writes, Class<T> type, EntityCodec<T> codec, String id) {
        StagedWrites.Staged staged = writes.lookup(codec.typeName(), id);
        if (staged == null) {
            return store.find(type, id).orElse(null);
        }
        return staged instanceof StagedWrites.Present ? type.cast(((StagedWrites.Present) staged).entity()) : null;
    }

    /**
     * The entity with a generated id when it has none and its id is a {@code String} or a {@code UUID}.
     * Under an idempotency key the id is derived from the key and the write's position in the unit of
     * work, so that a retried call creates (or, as a duplicate, returns) the same entity instead of
     * answering with an id that was never stored.
     */
    private <T> T withId(T entity, EntityModel<T> model, BasicPersistentEntity<?, LithairPersistentProperty> persistent,
            StagedWrites writes) {
        FieldModel idField = model.idField();
        if (idField.read(entity) != null) {
            return entity;
        }
        String key = writes.idempotencyKey();
        UUID uuid = key == null ? UUID.randomUUID()
                : UUID.nameUUIDFromBytes((key + "#" + writes.operations().size()).getBytes(StandardCharsets.UTF_8));
        Object generated;
        if (idField.javaType() == String.class) {
            generated = uuid.toString();
        } else if (idField.javaType() == UUID.class) {
            generated = uuid;
        } else {
            throw new InvalidDataAccessApiUsageException(model.name() + " has no " + idField.name()
                    + ": only String and UUID ids are generated, assign a " + idField.javaType().getTypeName()
                    + " id before saving");
        }
        return set(entity, persistent, persistent.getRequiredPersistentProperty(idField.name()), generated);
    }

    /** On an update, the creation auditing values the caller left empty are the stored ones. */
    private <T> T keepCreation(T entity, T current, BasicPersistentEntity<?, LithairPersistentProperty> persistent) {
        T result = entity;
        for (Class<? extends Annotation> annotation : List.of(
                CreatedDate.class,
                CreatedBy.class)) {
            LithairPersistentProperty property = persistent.getPersistentProperty(annotation);
            if (property == null) {
                continue;
            }
            Object stored = persistent.getPropertyAccessor(current).getProperty(property);
            if (stored != null && persistent.getPropertyAccessor(result).getProperty(property) == null) {
                result = set(result, persistent, property, stored);
            }
        }
        return result;
    }

    /**
     * The entity a put leaves, as the store will compute it: the {@code @Version} starts at 0 and
     * advances by one on every put that changes something. A stale version is left as given: the
     * store rejects it when committing.
     */
    private <T> T afterPut(EntityCodec<T> codec, BasicPersistentEntity<?, LithairPersistentProperty> persistent,
            T entity, T current) {
        FieldModel version = codec.model().versionField();
        if (version == null) {
            return entity;
        }
        LithairPersistentProperty property = persistent.getRequiredPersistentProperty(version.name());
        Number given = (Number) version.read(entity);
        if (current == null) {
            return given == null || given.longValue() == 0 ? set(entity, persistent, property, 0L) : entity;
        }
        Number stored = (Number) version.read(current);
        if (given == null || given.longValue() != stored.longValue()) {
            return entity;
        }
        return codec.diff(current, entity) == null ? entity : set(entity, persistent, property, stored.longValue() + 1);
    }

    private static <T> T set(T entity, BasicPersistentEntity<?, LithairPersistentProperty> persistent,
            LithairPersistentProperty property, Object value) {
        PersistentPropertyAccessor<T> accessor = new ConvertingPropertyAccessor<>(persistent.getPropertyAccessor(entity),
                DefaultConversionService.getSharedInstance());
        accessor.setProperty(property, value);
        return accessor.getBean();
    }

    /**
     * Gives a mutable entity the id, version and auditing values it was stored with, so that saving
     * it again is not taken for a stale version. Records are left alone: they are returned anew.
     */
    private <T> void writeBack(T given, T stored) {
        if (given == stored || given.getClass().isRecord() || given.getClass() != stored.getClass()) {
            return;
        }
        BasicPersistentEntity<?, LithairPersistentProperty> persistent = mappingContext
                .getRequiredPersistentEntity(given.getClass());
        PersistentPropertyAccessor<T> from = persistent.getPropertyAccessor(stored);
        persistent.doWithProperties((LithairPersistentProperty property) -> {
            boolean managed = property.isIdProperty() || property.isVersionProperty()
                    || property.isAnnotationPresent(CreatedDate.class)
                    || property.isAnnotationPresent(CreatedBy.class)
                    || property.isAnnotationPresent(LastModifiedDate.class)
                    || property.isAnnotationPresent(LastModifiedBy.class);
            Field field = property.getField();
            if (managed && field != null && !Modifier.isFinal(field.getModifiers())) {
                ReflectionUtils.makeAccessible(field);
                ReflectionUtils.setField(field, given, from.getProperty(property));
            }
        });
    }

    /** Deletes the entity with {@code id}; nothing when it does not exist. */
    public void deleteById(Class<?> type, String id) {
        deleteAllById(type, List.of(id));
    }

    /** Deletes entities by id, all in one commit; absent ones are ignored. */
    public void deleteAllById(Class<?> domainType, Collection<String> ids) {
        @SuppressWarnings("unchecked")
        Class<Object> type = (Class<Object>) domainType;
        EntityCodec<Object> codec = codec(type);
        StagedWrites transaction = currentWrites();
        StagedWrites writes = transaction != null ? transaction : new StagedWrites();
        writes.actor(actor.get());
        for (String id : ids) {
            if (currentState(writes, type, codec, id) != null) {
                writes.delete(type, codec.typeName(), id);
            }
        }
        commitUnlessInTransaction(transaction, writes);
    }

    /**
     * Deletes entities, all in one commit; absent ones are ignored.
     *
     * @throws OptimisticLockingFailureException when an entity's {@code @Version} is not the stored one
     */
    public void deleteAll(Iterable<?> entities) {
        StagedWrites transaction = currentWrites();
        StagedWrites writes = transaction != null ? transaction : new StagedWrites();
        writes.actor(actor.get());
        for (Object entity : entities) {
            Assert.notNull(entity, "Entity must not be null");
            @SuppressWarnings("unchecked")
            Class<Object> type = (Class<Object>) entity.getClass();
            EntityCodec<Object> codec = codec(type);
            String id = codec.model().idOf(entity);
            if (id == null) {
                continue;
            }
            Object current = currentState(writes, type, codec, id);
            if (current == null) {
                continue;
            }
            FieldModel version = codec.model().versionField();
            if (version != null && !Objects.equals(asLong(version.read(entity)), asLong(version.read(current)))) {
                throw new OptimisticLockingFailureException(codec.typeName() + " " + id + ": " + version.name() + " "
                        + version.read(entity) + " is stale, the stored version is " + version.read(current));
            }
            writes.delete(type, codec.typeName(), id);
        }
        commitUnlessInTransaction(transaction, writes);
    }

    private static Long asLong(Object number) {
        return number == null ? null : ((Number) number).longValue();
    }

    private void commitUnlessInTransaction(StagedWrites transaction, StagedWrites writes) {
        if (transaction == null && !writes.isEmpty()) {
            CommitResult result = committer.commit(writes);
            committer.publish(writes, result);
        }
    }

    /** The current thread's Lithair transaction's staged writes, or {@code null}. */
    private StagedWrites currentWrites() {
        return LithairTransactionManager.currentWrites(store);
    }
}
