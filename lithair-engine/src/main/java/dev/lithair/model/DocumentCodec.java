package dev.lithair.model;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.DecimalNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Schemaless entities held as JSON object nodes: every property is a field, with no declared
 * lifecycle, index or constraint. Used for entity types the store was given no model for.
 */
public final class DocumentCodec implements EntityCodec<ObjectNode> {

    private final String typeName;

    public DocumentCodec(String typeName) {
        this.typeName = typeName;
    }

    @Override
    public String typeName() {
        return typeName;
    }

    @Override
    public EntityModel<ObjectNode> model() {
        return null;
    }

    @Override
    public boolean accepts(Object entity) {
        return entity instanceof ObjectNode;
    }

    @Override
    public ObjectNode toPayload(ObjectNode entity) {
        return entity;
    }

    @Override
    public ObjectNode fromPayload(ObjectNode payload) {
        return (ObjectNode) withPlainDoubles(payload);
    }

    /**
     * Payloads are parsed with exact decimals, for typed entities' sake; a document gets back the
     * doubles it was given, wherever a double holds the decimal exactly.
     */
    private static JsonNode withPlainDoubles(JsonNode node) {
        if (node instanceof DecimalNode decimal) {
            double asDouble = decimal.doubleValue();
            boolean exact = Double.isFinite(asDouble)
                    && new java.math.BigDecimal(Double.toString(asDouble)).compareTo(decimal.decimalValue()) == 0;
            return exact ? JsonNodeFactory.instance.numberNode(asDouble) : node;
        }
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                field.setValue(withPlainDoubles(field.getValue()));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, withPlainDoubles(array.get(i)));
            }
        }
        return node;
    }

    @Override
    public ObjectNode diff(ObjectNode before, ObjectNode after) {
        ObjectNode changes = null;
        for (Map.Entry<String, JsonNode> field : after.properties()) {
            JsonNode old = before.get(field.getKey());
            if (!field.getValue().equals(old)) {
                changes = add(changes, field.getKey(), old, field.getValue());
            }
        }
        for (Map.Entry<String, JsonNode> field : before.properties()) {
            if (!after.has(field.getKey())) {
                changes = add(changes, field.getKey(), field.getValue(), null);
            }
        }
        return changes;
    }

    private static ObjectNode add(ObjectNode changes, String field, JsonNode oldValue, JsonNode newValue) {
        ObjectNode target = changes == null ? JsonNodeFactory.instance.objectNode() : changes;
        ObjectNode change = target.putObject(field);
        if (oldValue != null) {
            change.set(OLD, oldValue);
        }
        if (newValue != null) {
            change.set(NEW, newValue);
        }
        return target;
    }

    @Override
    public ObjectNode applyChanges(ObjectNode before, ObjectNode changes) {
        ObjectNode next = before.deepCopy();
        for (Map.Entry<String, JsonNode> field : changes.properties()) {
            JsonNode newValue = field.getValue().get(NEW);
            if (newValue == null) {
                next.remove(field.getKey());
            } else {
                next.set(field.getKey(), withPlainDoubles(newValue.deepCopy()));
            }
        }
        return next;
    }

    @Override
    public Object fieldValue(ObjectNode entity, String field) {
        return entity.get(field);
    }

    @Override
    public ObjectNode withFieldValue(ObjectNode entity, String field, Object value) {
        ObjectNode copy = entity.deepCopy();
        copy.set(field, tools.jackson.databind.node.JsonNodeFactory.instance.pojoNode(value));
        return copy;
    }

    @Override
    public Object fieldFromJson(String field, JsonNode value) {
        return value;
    }

    @Override
    public ObjectNode exposed(ObjectNode stored) {
        return stored;
    }

    @Override
    public ObjectNode retained(ObjectNode given) {
        return given.deepCopy();
    }
}
