package dev.lithair.model;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Schemaless entities held as JSON object nodes: every property is a field, with no declared
 * lifecycle, index or constraint. Used for entity types the store was given no model for.
 */
public final class DocumentCodec implements EntityCodec<ObjectNode> {

    private final String typeName;

    /**
     * A codec of schemaless documents.
     *
     * @param typeName the type's name in events
     */
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
        return (ObjectNode) normalized(payload);
    }

    /**
     * Numbers in one canonical node type per value, whatever produced them: integers in the smallest
     * of int, long, big integer; decimals as doubles where a double holds them exactly, otherwise as
     * exact decimals. Applied to what a caller stores and to what replay reads, so a document is the
     * same node before and after a restart (and re-saving it is not a change), in either format.
     */
    static JsonNode normalized(JsonNode node) {
        if (node.isIntegralNumber()) {
            return integral(node.bigIntegerValue());
        }
        if (node.isFloatingPointNumber()) {
            java.math.BigDecimal decimal = node.isFloat() ? new java.math.BigDecimal(Float.toString(node.floatValue()))
                    : node.isDouble() ? new java.math.BigDecimal(Double.toString(node.doubleValue())) : node.decimalValue();
            double asDouble = decimal.doubleValue();
            boolean exact = Double.isFinite(asDouble)
                    && new java.math.BigDecimal(Double.toString(asDouble)).compareTo(decimal) == 0;
            if (exact) {
                return JsonNodeFactory.instance.numberNode(asDouble);
            }
            // JSON writes a decimal of scale 0 without a point, and reads it back as an integer.
            return decimal.scale() == 0 ? integral(decimal.unscaledValue()) : JsonNodeFactory.instance.numberNode(decimal);
        }
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                field.setValue(normalized(field.getValue()));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, normalized(array.get(i)));
            }
        }
        return node;
    }

    private static JsonNode integral(java.math.BigInteger value) {
        if (value.bitLength() < 32) {
            return JsonNodeFactory.instance.numberNode(value.intValue());
        }
        return value.bitLength() < 64 ? JsonNodeFactory.instance.numberNode(value.longValue())
                : JsonNodeFactory.instance.numberNode(value);
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
                next.set(field.getKey(), normalized(newValue.deepCopy()));
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
        return (ObjectNode) normalized(given.deepCopy());
    }
}
