package dev.lithair.model;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Entities of a Java type (record or class) described by an {@link EntityModel}. Payloads are
 * produced by Jackson from the fields themselves (getters and setters play no part), so the log
 * holds exactly the persistent fields. Unknown properties are ignored and missing ones take their
 * defaults, so adding or removing a field between restarts works on existing data; a property under
 * a field's {@link dev.lithair.annotation.FormerlyNamed former name} is read as that field.
 *
 * @param <T> the entity type
 */
public final class TypedEntityCodec<T> implements EntityCodec<T> {

    /**
     * The mapper for entity payloads: field-based, tolerant of added and removed fields (a primitive
     * missing from a payload, in a record too, takes its default), and blind to what Jackson's
     * annotations hide from an API ({@link StoredFieldsIntrospector}).
     */
    public static final JsonMapper ENTITY_MAPPER = JsonMapper.builder()
            .annotationIntrospector(new StoredFieldsIntrospector())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .changeDefaultVisibility(visibility -> visibility.withFieldVisibility(Visibility.ANY)
                    .withGetterVisibility(Visibility.NONE).withIsGetterVisibility(Visibility.NONE)
                    .withSetterVisibility(Visibility.NONE))
            .build();

    private final EntityModel<T> model;
    private final EntityCopier<T> copier;
    private final Map<String, JavaType> fieldTypes;
    /** Builds plain records without Jackson; {@code null} for other types. */
    private final RecordFromPayload<T> direct;

    /**
     * The codec of a typed entity.
     *
     * @param model the entity type's model
     */
    public TypedEntityCodec(EntityModel<T> model) {
        this.model = model;
        this.direct = RecordFromPayload.of(model.type());
        this.copier = EntityCopier.of(model);
        this.fieldTypes = new java.util.HashMap<>();
        for (FieldModel field : model.fields()) {
            fieldTypes.put(field.name(), ENTITY_MAPPER.getTypeFactory().constructType(field.javaType()));
        }
    }

    @Override
    public String typeName() {
        return model.name();
    }

    @Override
    public EntityModel<T> model() {
        return model;
    }

    @Override
    public boolean accepts(Object entity) {
        return model.type().isInstance(entity);
    }

    @Override
    public ObjectNode toPayload(T entity) {
        return ENTITY_MAPPER.valueToTree(entity);
    }

    @Override
    public T fromPayload(ObjectNode payload) {
        ObjectNode current = withCurrentNames(payload);
        T built = direct == null ? null : direct.build(current);
        return built != null ? built : ENTITY_MAPPER.treeToValue(current, model.type());
    }

    @Override
    public T fromPayload(ObjectNode payload, String id) {
        String name = model.idField().name();
        JsonNode given = payload.get(name);
        if (given != null && given.isString() && given.stringValue() != id && given.stringValue().equals(id)) {
            payload.put(name, id);
        }
        return fromPayload(payload);
    }

    @Override
    public RowReader<T> rowReader(String[] names) {
        Map<String, String> formerNames = model.formerNames();
        if (direct == null || Arrays.stream(names).anyMatch(formerNames::containsKey)) {
            return EntityCodec.super.rowReader(names);
        }
        RecordFromPayload<T>.Rows rows = direct.rows(names, model.idField().name());
        return (values, id) -> {
            T built = rows.build(values, id);
            return built != null ? built : fromPayload(EntityCodec.payloadOf(names, values), id);
        };
    }

    /**
     * The payload with properties under former names moved to the current ones (a current name
     * present wins); the payload itself when nothing was renamed, which is the usual case.
     */
    private ObjectNode withCurrentNames(ObjectNode payload) {
        Map<String, String> formerNames = model.formerNames();
        if (formerNames.isEmpty() || formerNames.keySet().stream().noneMatch(payload::has)) {
            return payload;
        }
        ObjectNode renamed = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> property : payload.properties()) {
            String current = formerNames.get(property.getKey());
            if (current == null) {
                renamed.set(property.getKey(), property.getValue());
            } else if (!payload.has(current)) {
                renamed.set(current, property.getValue());
            }
        }
        return renamed;
    }

    /** The current name of a field named {@code name} now or formerly; {@code name} itself when unknown. */
    private String currentName(String name) {
        FieldModel field = model.resolve(name);
        return field == null ? name : field.name();
    }

    @Override
    public ObjectNode diff(T before, T after) {
        ObjectNode changes = null;
        for (FieldModel field : model.fields()) {
            Object oldValue = field.read(before);
            Object newValue = field.read(after);
            if (!sameValue(oldValue, newValue)) {
                if (changes == null) {
                    changes = JsonNodeFactory.instance.objectNode();
                }
                ObjectNode change = changes.putObject(field.name());
                change.set(OLD, ENTITY_MAPPER.valueToTree(oldValue));
                change.set(NEW, ENTITY_MAPPER.valueToTree(newValue));
            }
        }
        return changes;
    }

    /**
     * Equal values; numbers that differ only in scale ({@code 1.0} and {@code 1.00}) are the same value.
     *
     * @param a a value
     * @param b another value
     * @return whether they are the same value
     */
    public static boolean sameValue(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return Objects.equals(a, b);
    }

    @Override
    public T applyChanges(T before, ObjectNode changes) {
        ObjectNode state = toPayload(before);
        for (Map.Entry<String, JsonNode> field : changes.properties()) {
            JsonNode newValue = field.getValue().get(NEW);
            String name = currentName(field.getKey());
            if (newValue == null) {
                state.remove(name);
            } else {
                state.set(name, newValue);
            }
        }
        return fromPayload(state);
    }

    @Override
    public Object fieldValue(T entity, String field) {
        FieldModel fieldModel = model.resolve(field);
        return fieldModel == null ? null : fieldModel.read(entity);
    }

    @Override
    public T withFieldValue(T entity, String field, Object value) {
        ObjectNode state = toPayload(entity);
        state.set(field, ENTITY_MAPPER.valueToTree(value));
        return fromPayload(state);
    }

    @Override
    public Object fieldFromJson(String field, JsonNode value) {
        JavaType type = fieldTypes.get(currentName(field));
        if (value == null || value.isNull() || type == null) {
            return type == null ? value : null;
        }
        return ENTITY_MAPPER.treeToValue(value, type);
    }

    @Override
    public T exposed(T stored) {
        return copier.copy(stored);
    }

    @Override
    public T retained(T given) {
        return copier.copy(given);
    }
}
