package dev.lithair.spring.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.dao.InvalidDataAccessApiUsageException;

import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;

/**
 * The writes of one future commit, in the order they were asked for, and what they make of each
 * entity they touch, so that reads in the same unit of work see them (read-your-writes).
 *
 * <p>A Lithair transaction binds one to its {@code LithairStore} for the transaction's duration
 * ({@link CurrentWrites}); outside a transaction, each repository call builds one and commits it at once. Not thread-safe:
 * a unit of work belongs to the thread that runs it.
 */
public final class StagedWrites {

    /** What the staged writes make of one entity. */
    public sealed interface Staged permits Present, Deleted {
    }

    /**
     * The entity as the staged writes leave it.
     *
     * @param entity the entity; a private copy, never handed out
     */
    public record Present(Object entity) implements Staged {
    }

    /** The entity is deleted by the staged writes. */
    public enum Deleted implements Staged {
        /** The one instance. */
        INSTANCE
    }

    private final List<Operation> operations = new ArrayList<>();
    private final List<Class<?>> domainTypes = new ArrayList<>();
    private final List<Object> results = new ArrayList<>();
    private final Map<String, Map<String, Staged>> byType = new HashMap<>();
    private final boolean readOnly;
    private String idempotencyKey;
    private String actor;
    private boolean rollbackOnly;
    private boolean completed;

    /** An empty unit of work that may write. */
    public StagedWrites() {
        this(false);
    }

    /**
     * An empty unit of work.
     *
     * @param readOnly whether writes are refused (the unit of work of a read-only transaction)
     */
    public StagedWrites(boolean readOnly) {
        this.readOnly = readOnly;
    }

    /**
     * Stages a put.
     *
     * @param entity the entity the commit will carry (a copy the caller can no longer change), with
     *               the version the caller gave, which the store checks
     * @param after  the entity as the put will leave it (its version advanced), what reads see
     * @param domainType the entity's domain class
     * @param entityType the entity type's name
     * @param id         the entity's id
     */
    public void put(Class<?> domainType, String entityType, String id, Object entity, Object after) {
        checkWritable();
        operations.add(new Operation.Put(entityType, id, entity));
        domainTypes.add(domainType);
        results.add(after);
        byType.computeIfAbsent(entityType, type -> new LinkedHashMap<>()).put(id, new Present(after));
    }

    /**
     * Stages a deletion.
     *
     * @param domainType the entity's domain class
     * @param entityType the entity type's name
     * @param id         the entity's id
     */
    public void delete(Class<?> domainType, String entityType, String id) {
        checkWritable();
        operations.add(new Operation.Delete(entityType, id));
        domainTypes.add(domainType);
        results.add(null);
        byType.computeIfAbsent(entityType, type -> new LinkedHashMap<>()).put(id, Deleted.INSTANCE);
    }

    /**
     * Stages an erasure: the entity and all its retained history go, whether it exists or not.
     *
     * @param domainType the entity's domain class
     * @param entityType the entity type's name
     * @param id         the entity's id
     */
    public void erase(Class<?> domainType, String entityType, String id) {
        checkWritable();
        operations.add(new Operation.Erase(entityType, id));
        domainTypes.add(domainType);
        results.add(null);
        byType.computeIfAbsent(entityType, type -> new LinkedHashMap<>()).put(id, Deleted.INSTANCE);
    }

    private void checkWritable() {
        if (completed) {
            throw new IllegalStateException("this unit of work has already completed");
        }
        if (readOnly) {
            throw new InvalidDataAccessApiUsageException("a read-only transaction cannot save or delete");
        }
    }

    /**
     * Makes {@code key} the idempotency key of the commit: the whole unit of work is then applied
     * once. A unit of work has at most one key; asking for another is refused.
     *
     * @param key the key
     */
    public void useIdempotencyKey(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isBlank()) {
            throw new InvalidDataAccessApiUsageException("an idempotency key must not be blank");
        }
        if (idempotencyKey != null && !idempotencyKey.equals(key)) {
            throw new InvalidDataAccessApiUsageException("a transaction commits as one batch with one idempotency key: "
                    + "it already uses '" + idempotencyKey + "' and cannot also use '" + key + "'");
        }
        idempotencyKey = key;
    }

    /**
     * Records who asks for the writes (the first actor known wins).
     *
     * @param who the actor
     */
    public void actor(String who) {
        if (actor == null) {
            actor = who;
        }
    }

    /**
     * What the staged writes make of an entity, or {@code null} when they do not touch it.
     *
     * @param entityType the entity type's name
     * @param id         the entity's id
     * @return what they make of it, or {@code null}
     */
    public Staged lookup(String entityType, String id) {
        Map<String, Staged> staged = byType.get(entityType);
        return staged == null ? null : staged.get(id);
    }

    /**
     * The entities of a type the staged writes touch, by id, in the order first touched.
     *
     * @param entityType the entity type's name
     * @return the staged entities by id
     */
    public Map<String, Staged> stagedOf(String entityType) {
        Map<String, Staged> staged = byType.get(entityType);
        return staged == null ? Map.of() : Collections.unmodifiableMap(staged);
    }

    /**
     * Whether any write of the type is staged.
     *
     * @param entityType the entity type's name
     * @return whether one is staged
     */
    public boolean touches(String entityType) {
        Map<String, Staged> staged = byType.get(entityType);
        return staged != null && !staged.isEmpty();
    }

    /** {@return whether nothing is staged} */
    public boolean isEmpty() {
        return operations.isEmpty();
    }

    /**
     * The number of operations staged.
     *
     * @return the number
     */
    public int size() {
        return operations.size();
    }

    /**
     * The operations staged, in order.
     *
     * @return the operations
     */
    public List<Operation> operations() {
        return Collections.unmodifiableList(operations);
    }

    /**
     * The domain class of each staged operation, index for index.
     *
     * @return the domain classes
     */
    public List<Class<?>> domainTypes() {
        return Collections.unmodifiableList(domainTypes);
    }

    /**
     * The entity each staged operation leaves, index for index ({@code null} for a deletion): a
     * private copy, never handed out while the unit of work can still read it.
     *
     * @return the entities
     */
    public List<Object> results() {
        return Collections.unmodifiableList(results);
    }

    /** {@return the commit's idempotency key, or {@code null}} */
    public String idempotencyKey() {
        return idempotencyKey;
    }

    /** {@return who asks for the writes, or {@code null}} */
    public String actor() {
        return actor;
    }

    /**
     * The commit of everything staged; there must be at least one write.
     *
     * @return the commit
     */
    public Commit toCommit() {
        return new Commit(idempotencyKey, actor, operations);
    }

    /**
     * Whether this unit of work is read-only.
     *
     * @return whether it is read-only
     */
    public boolean isReadOnly() {
        return readOnly;
    }

    /** Marks the transaction that owns this unit of work as to be rolled back. */
    public void markRollbackOnly() {
        rollbackOnly = true;
    }

    /** {@return whether the owning transaction is to be rolled back} */
    public boolean isRollbackOnly() {
        return rollbackOnly;
    }

    /** Ends the unit of work: nothing more may be staged. */
    public void complete() {
        completed = true;
    }
}
