package dev.lithair.store;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import dev.lithair.internal.history.EntityRow;
import dev.lithair.model.EntityCodec;

/**
 * Direct read access to the live entities of one registered type: resolved once (a repository keeps
 * one), then every read is one hash lookup, without finding the type again. Thread-safe; reads never
 * block. What it returns follows {@link EntityCodec#exposed}: records as stored, mutable classes copied.
 * It may be taken before its store is started; reads fail until then, rather than answer "absent". It
 * finds the type's table on its first read: a store restoring a snapshot makes a table sized for what it
 * loads when none exists yet, and a table a repository took at creation, before the store opened, would
 * grow to a million entries a dozen times over instead.
 *
 * @param <T> the entity type
 */
public final class EntityTable<T> {

    private final EntityCodec<T> codec;
    private final Supplier<Map<String, Object>> table;
    private final StartGate gate;
    /** The type's table once a read found it; the same map for the store's lifetime. */
    private volatile Map<String, Object> entities;

    EntityTable(EntityCodec<T> codec, Supplier<Map<String, Object>> table, StartGate gate) {
        this.codec = codec;
        this.table = table;
        this.gate = gate;
    }

    /** The type's table, found on the first read after the store started. */
    private Map<String, Object> entities() {
        gate.check();
        Map<String, Object> found = entities;
        if (found == null) {
            found = table.get();
            entities = found;
        }
        return found;
    }

    /**
     * The entity with this id, or {@code null}: the allocation-free form for hot paths.
     *
     * @param id the entity's id
     * @return the entity, or {@code null}
     */
    @SuppressWarnings("unchecked")
    public T get(String id) {
        T stored = (T) EntityRow.entity(entities().get(id));
        return stored == null ? null : codec.exposed(stored);
    }

    /**
     * The entity with this id.
     *
     * @param id the entity's id
     * @return the entity, or empty
     */
    public Optional<T> find(String id) {
        return Optional.ofNullable(get(id));
    }

    /**
     * Whether an entity with this id lives.
     *
     * @param id the entity's id
     * @return whether it lives
     */
    public boolean contains(String id) {
        return entities().containsKey(id);
    }

    /** {@return the number of live entities} */
    public int size() {
        return entities().size();
    }

    /** {@return the type's codec} */
    public EntityCodec<T> codec() {
        return codec;
    }
}
