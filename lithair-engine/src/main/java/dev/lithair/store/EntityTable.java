package dev.lithair.store;

import java.util.Map;
import java.util.Optional;

import dev.lithair.model.EntityCodec;

/**
 * Direct read access to the live entities of one registered type: resolved once (a repository keeps
 * one), then every read is one hash lookup, without finding the type again. Thread-safe; reads never
 * block. What it returns follows {@link EntityCodec#exposed}: records as stored, mutable classes copied.
 */
public final class EntityTable<T> {

    private final EntityCodec<T> codec;
    private final Map<String, Object> entities;

    EntityTable(EntityCodec<T> codec, Map<String, Object> entities) {
        this.codec = codec;
        this.entities = entities;
    }

    /** The entity with this id, or {@code null}: the allocation-free form for hot paths. */
    @SuppressWarnings("unchecked")
    public T get(String id) {
        T stored = (T) entities.get(id);
        return stored == null ? null : codec.exposed(stored);
    }

    public Optional<T> find(String id) {
        return Optional.ofNullable(get(id));
    }

    public boolean contains(String id) {
        return entities.containsKey(id);
    }

    public int size() {
        return entities.size();
    }

    public EntityCodec<T> codec() {
        return codec;
    }
}
