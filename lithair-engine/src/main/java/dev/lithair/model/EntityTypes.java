package dev.lithair.model;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.node.ObjectNode;

/**
 * The entity types a store knows: a typed codec for each registered model, and a schemaless
 * document codec for any other type name. Thread-safe.
 */
public final class EntityTypes {

    private final Map<String, EntityCodec<?>> byName = new ConcurrentHashMap<>();
    private final Map<Class<?>, EntityCodec<?>> byClass = new ConcurrentHashMap<>();

    public EntityTypes(Collection<? extends EntityModel<?>> models) {
        for (EntityModel<?> model : models) {
            EntityCodec<?> codec = new TypedEntityCodec<>(model);
            if (byName.putIfAbsent(model.name(), codec) != null) {
                throw new IllegalArgumentException("two entity types are named " + model.name()
                        + ": give one of them another name");
            }
            byClass.put(model.type(), codec);
        }
    }

    public static EntityTypes none() {
        return new EntityTypes(List.of());
    }

    /** The codec of a type name: its model's, or a document codec when no model is registered. */
    @SuppressWarnings("unchecked")
    public <T> EntityCodec<T> codec(String typeName) {
        return (EntityCodec<T>) byName.computeIfAbsent(typeName, DocumentCodec::new);
    }

    /** The codec of a registered Java type, or {@code null}. */
    @SuppressWarnings("unchecked")
    public <T> EntityCodec<T> codec(Class<T> type) {
        return (EntityCodec<T>) byClass.get(type);
    }

    /** The typed models registered. */
    public List<EntityModel<?>> models() {
        return byClass.values().stream().<EntityModel<?>>map(EntityCodec::model).toList();
    }

    /** Whether {@code entity} may be stored under {@code typeName}. */
    public boolean accepts(String typeName, Object entity) {
        EntityCodec<?> codec = codec(typeName);
        return codec.accepts(entity) || (codec.model() == null && entity instanceof ObjectNode);
    }
}
