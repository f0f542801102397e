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

    /**
     * The given typed models, each under its name.
     *
     * @param models the models
     * @throws IllegalArgumentException when two models have the same name
     */
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

    /** {@return no typed model: every type is stored as schemaless documents} */
    public static EntityTypes none() {
        return new EntityTypes(List.of());
    }

    /**
     * The codec of a type name: its model's, or a document codec when no model is registered.
     *
     * @param typeName the type's name
     * @param <T>      the entity type
     * @return the codec
     */
    @SuppressWarnings("unchecked")
    public <T> EntityCodec<T> codec(String typeName) {
        return (EntityCodec<T>) byName.computeIfAbsent(typeName, DocumentCodec::new);
    }

    /**
     * The codec of a registered Java type, or {@code null}.
     *
     * @param type a Java type
     * @param <T>  the entity type
     * @return the codec, or {@code null}
     */
    @SuppressWarnings("unchecked")
    public <T> EntityCodec<T> codec(Class<T> type) {
        return (EntityCodec<T>) byClass.get(type);
    }

    /**
     * The typed models registered.
     *
     * @return the models
     */
    public List<EntityModel<?>> models() {
        return byClass.values().stream().<EntityModel<?>>map(EntityCodec::model).toList();
    }

    /**
     * Whether {@code entity} may be stored under {@code typeName}.
     *
     * @param typeName a type's name
     * @param entity   any object
     * @return whether it may be stored under that name
     */
    public boolean accepts(String typeName, Object entity) {
        EntityCodec<?> codec = codec(typeName);
        return codec.accepts(entity) || (codec.model() == null && entity instanceof ObjectNode);
    }
}
