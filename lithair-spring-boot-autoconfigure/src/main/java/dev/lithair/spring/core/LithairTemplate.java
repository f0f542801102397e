package dev.lithair.spring.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.auditing.AuditingHandler;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.mapping.model.BasicPersistentEntity;
import org.springframework.util.Assert;

import dev.lithair.history.AsOf;
import dev.lithair.history.FieldChange;
import dev.lithair.model.EntityCodec;
import dev.lithair.model.EntityModel;
import dev.lithair.model.FieldModel;
import dev.lithair.spring.core.mapping.LithairMappingContext;
import dev.lithair.spring.core.mapping.LithairPersistentProperty;
import dev.lithair.spring.repository.IncompleteHistoryException;
import dev.lithair.store.EntityTable;
import dev.lithair.store.LithairStore;
import dev.lithair.store.spi.CommitResult;
import dev.lithair.store.spi.ReadConsistency;

/**
 * The {@link LithairOperations} of one {@link LithairStore}: it finds the current unit of work, hands
 * queries to the {@link LithairQueryEngine} and entities to the {@link EntityAccessor}, and commits
 * and publishes through the {@link LithairCommitter}.
 *
 * <p>Writes are staged in the current Lithair transaction's {@link StagedWrites} when there is one
 * (see {@link CurrentWrites}), and otherwise in a unit of work of their own, committed before the call
 * returns. Reads see the store's committed state, with the transaction's staged writes on top; a query
 * on a type the transaction has written runs over the committed entities with the staged writes
 * applied, since the indexes know only what is committed.
 *
 * <p>Thread-safe; a unit of work is the calling thread's.
 */
public class LithairTemplate implements LithairOperations {

    private final LithairStore store;
    private final boolean replicated;
    private final LithairCommitter committer;
    private final LithairMappingContext mappingContext;
    private final LithairQueryEngine queries;
    private final ScrollWindows windows;
    private final EntityAccessor entities;
    private final Supplier<String> actor;
    /** The consistency {@link #read} asks for on this thread; {@code null}: the configured default. */
    private final ThreadLocal<ReadConsistency> readConsistency = new ThreadLocal<>();

    /**
     * The operations over a committer's store.
     *
     * @param committer      commits the units of work
     * @param mappingContext the mapping metadata of the entity types
     * @param indexes        the store's indexes
     * @param auditing       sets the auditing properties; {@code null} for none
     * @param actor          who asks for the writes, recorded in their events; may return {@code null}
     */
    public LithairTemplate(LithairCommitter committer, LithairMappingContext mappingContext, IndexAccess indexes,
            AuditingHandler auditing, Supplier<String> actor) {
        this.committer = Objects.requireNonNull(committer, "committer");
        this.store = committer.store();
        this.replicated = store.isReplicated();
        this.mappingContext = Objects.requireNonNull(mappingContext, "mappingContext");
        this.queries = new LithairQueryEngine(store, Objects.requireNonNull(indexes, "indexes"));
        this.windows = new ScrollWindows(queries);
        this.entities = new EntityAccessor(mappingContext, auditing);
        this.actor = actor == null ? () -> null : actor;
    }

    /** {@return the store the operations act on} */
    public LithairStore store() {
        return store;
    }

    @Override
    public LithairMappingContext mappingContext() {
        return mappingContext;
    }

    @Override
    public <T> EntityCodec<T> codec(Class<T> type) {
        try {
            return store.codecOf(type);
        } catch (IllegalArgumentException e) {
            throw new InvalidDataAccessApiUsageException(type.getName() + " is not an entity type of the LithairStore: "
                    + "open the store with its EntityModel (the LithairRepositoryEntityTypes bean lists the domain "
                    + "types of the Lithair repositories)", e);
        }
    }

    @Override
    public <T> EntityTable<T> table(Class<T> type) {
        codec(type); // the descriptive error when the type is not one of the store's
        return store.table(type);
    }

    // ---------------------------------------------------------------- reads

    @Override
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

    @Override
    public <T> Optional<T> findById(Class<T> type, String id) {
        awaitReadable();
        StagedWrites writes = CurrentWrites.of(store);
        // The hot path: outside a transaction a read is the store's own lookup, nothing more.
        return writes == null ? storeFind(type, id) : findStagedFirst(writes, type, codec(type), id);
    }

    @Override
    public <T> Optional<T> findById(EntityTable<T> table, String id) {
        awaitReadable();
        StagedWrites writes = CurrentWrites.of(store);
        if (writes == null) {
            return table.find(id);
        }
        EntityCodec<T> codec = table.codec();
        return findStagedFirst(writes, codec.model().type(), codec, id);
    }

    /** Inside a transaction: what the unit of work staged for the entity, else the store's state. */
    private <T> Optional<T> findStagedFirst(StagedWrites writes, Class<T> type, EntityCodec<T> codec, String id) {
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

    @Override
    public boolean existsById(Class<?> type, String id) {
        return findById(type, id).isPresent();
    }

    @Override
    public <T> List<T> findAll(Class<T> type) {
        awaitReadable();
        EntityCodec<T> codec = codec(type);
        Collection<T> staged = withStagedWrites(type, codec);
        return staged == null ? store.findAll(type) : new ArrayList<>(staged);
    }

    @Override
    public long count(Class<?> type) {
        awaitReadable();
        EntityCodec<?> codec = codec(type);
        StagedWrites writes = CurrentWrites.of(store);
        if (writes == null || !writes.touches(codec.typeName())) {
            return store.count(codec.typeName());
        }
        return findAll(type).size();
    }

    @Override
    public <T> List<T> find(Class<T> type, EntityQuery query) {
        awaitReadable();
        EntityCodec<T> codec = codec(type);
        return queries.find(type, codec, query, withStagedWrites(type, codec));
    }

    @Override
    public <T> Window<T> scroll(Class<T> type, EntityQuery query, ScrollPosition position) {
        awaitReadable();
        EntityCodec<T> codec = codec(type);
        return windows.scroll(type, codec, query, position, withStagedWrites(type, codec));
    }

    @Override
    @SuppressWarnings("unchecked")
    public long count(Class<?> type, EntityQuery query) {
        awaitReadable();
        Class<Object> typed = (Class<Object>) type;
        EntityCodec<Object> codec = codec(typed);
        return queries.count(typed, codec, query, withStagedWrites(typed, codec));
    }

    @Override
    public boolean exists(Class<?> type, EntityQuery query) {
        return !find(type, query.withSort(Sort.unsorted()).window(0, 1)).isEmpty();
    }

    /**
     * The live entities of the type with the current transaction's staged writes applied, or
     * {@code null} when it has staged none of the type (the store's state is then the answer).
     */
    private <T> Collection<T> withStagedWrites(Class<T> type, EntityCodec<T> codec) {
        StagedWrites writes = CurrentWrites.of(store);
        if (writes == null || !writes.touches(codec.typeName())) {
            return null;
        }
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
        return all.values();
    }

    // ---------------------------------------------------------------- history

    @Override
    public List<FieldChange> history(Class<?> type, String id) {
        awaitReadable();
        return store.history(codec(type).typeName(), id);
    }

    @Override
    public List<FieldChange> history(Class<?> type, String id, String field) {
        awaitReadable();
        EntityCodec<?> codec = codec(type);
        if (codec.model().resolve(field) == null) {
            throw new InvalidDataAccessApiUsageException(codec.typeName() + " has no field " + field);
        }
        return store.history(codec.typeName(), id, field);
    }

    @Override
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

    @Override
    public <T> T save(T entity, String idempotencyKey) {
        return saveAll(List.of(entity), idempotencyKey).get(0);
    }

    @Override
    public <T> List<T> saveAll(Iterable<T> entities, String idempotencyKey) {
        Assert.notNull(entities, "Entities must not be null");
        StagedWrites transaction = CurrentWrites.of(store);
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
                this.entities.writeBack(given.get(i), exposed);
                result.add(exposed);
            }
            return result;
        }
        commit(writes);
        List<T> result = new ArrayList<>(staged.size());
        for (int i = 0; i < staged.size(); i++) {
            T expected = staged.get(i);
            @SuppressWarnings("unchecked")
            Class<T> type = (Class<T>) expected.getClass();
            T stored = store.find(type, codec(type).model().idOf(expected)).orElseGet(() -> exposed(expected));
            this.entities.writeBack(given.get(i), stored);
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
        BasicPersistentEntity<?, LithairPersistentProperty> persistent = entities.persistentEntity(type);
        T entity = entities.withId(given, model, persistent, writes.idempotencyKey(), writes.size());
        String id = model.idOf(entity);
        T current = currentState(writes, type, codec, id);
        entity = entities.audited(entity, current, persistent);
        T copy = codec.retained(entity);
        T after = entities.afterPut(codec, persistent, codec.retained(copy), current);
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

    @Override
    public void deleteById(Class<?> type, String id) {
        deleteAllById(type, List.of(id));
    }

    @Override
    public void deleteAllById(Class<?> domainType, Collection<String> ids) {
        @SuppressWarnings("unchecked")
        Class<Object> type = (Class<Object>) domainType;
        EntityCodec<Object> codec = codec(type);
        StagedWrites transaction = CurrentWrites.of(store);
        StagedWrites writes = transaction != null ? transaction : new StagedWrites();
        writes.actor(actor.get());
        for (String id : ids) {
            if (currentState(writes, type, codec, id) != null) {
                writes.delete(type, codec.typeName(), id);
            }
        }
        if (transaction == null) {
            commit(writes);
        }
    }

    @Override
    public void eraseById(Class<?> domainType, String id) {
        String typeName = codec(domainType).typeName();
        StagedWrites transaction = CurrentWrites.of(store);
        StagedWrites writes = transaction != null ? transaction : new StagedWrites();
        writes.actor(actor.get());
        writes.erase(domainType, typeName, id);
        if (transaction == null) {
            commit(writes);
        }
    }

    @Override
    public void deleteAll(Iterable<?> entities) {
        StagedWrites transaction = CurrentWrites.of(store);
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
        if (transaction == null) {
            commit(writes);
        }
    }

    private static Long asLong(Object number) {
        return number == null ? null : ((Number) number).longValue();
    }

    /** Commits a unit of work of its own (outside a transaction) and publishes what it changed. */
    private void commit(StagedWrites writes) {
        if (!writes.isEmpty()) {
            CommitResult result = committer.commit(writes);
            committer.publish(writes, result);
        }
    }
}
