package dev.lithair.store;

import java.util.Map;
import java.util.Optional;

import dev.lithair.model.EntityCodec;

/**
 * Direct read access to the live entities of one registered type: resolved once (a repository keeps
 * one), then every read is one hash lookup, without finding the type again. Thread-safe; reads never
 * block. What it returns follows {@link EntityCodec#exposed}: records as stored, mutable classes copied.
 * It may be taken before its store is started; reads fail until then, rather than answer "absent".
 */
public final class EntityTable<T> {

    private final EntityCodec<T> codec;
    private final Map<String, Object> entities;
    private final StartGate gate;

    EntityTable(EntityCodec<T> codec, Map<String, Object> entities, StartGate gate) {
        this.codec = codec;
        this.entities = entities;
        this.gate = gate;
    }

    /** The entity with this id, or {@code null}: the allocation-free form for hot paths. */
    @SuppressWarnings("unchecked")
    public T get(String id) {
        gate.check();
        T stored = (T) entities.get(id);
        return stored == null ? null : codec.exposed(stored);
    }

    public Optional<T> find(String id) {
        return Optional.ofNullable(get(id));
    }

    public boolean contains(String id) {
        gate.check();
        return entities.containsKey(id);
    }

    public int size() {
        gate.check();
        return entities.size();
    }

    public EntityCodec<T> codec() {
        return codec;
    }
}
