package dev.lithair.store;

import java.util.Map;
import java.util.Optional;

import dev.lithair.internal.history.EntityRow;
import dev.lithair.model.EntityCodec;

/**
 * Direct read access to the live entities of one registered type: resolved once (a repository keeps
 * one), then every read is one hash lookup, without finding the type again. Thread-safe; reads never
 * block. What it returns follows {@link EntityCodec#exposed}: records as stored, mutable classes copied.
 * It may be taken before its store is started; reads fail until then, rather than answer "absent". Its
 * map is given once the store has recovered, so that a snapshot's restore makes the map to size.
 *
 * @param <T> the entity type
 */
public final class EntityTable<T> {

    private final EntityCodec<T> codec;
    private final StartGate gate;
    /**
     * The type's map, the same for the store's lifetime: given once the state is recovered, before any
     * read passes the gate (whose opening publishes it).
     */
    private Map<String, Object> entities;

    EntityTable(EntityCodec<T> codec, StartGate gate) {
        this.codec = codec;
        this.gate = gate;
    }

    void bind(Map<String, Object> map) {
        entities = map;
    }

    /**
     * The entity with this id, or {@code null}: the allocation-free form for hot paths.
     *
     * @param id the entity's id
     * @return the entity, or {@code null}
     */
    @SuppressWarnings("unchecked")
    public T get(String id) {
        gate.check();
        T stored = (T) EntityRow.entity(entities.get(id));
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
        gate.check();
        return entities.containsKey(id);
    }

    /** {@return the number of live entities} */
    public int size() {
        gate.check();
        return entities.size();
    }

    /** {@return the type's codec} */
    public EntityCodec<T> codec() {
        return codec;
    }
}
