package dev.lithair.store;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Negative zeros in a typed entity's document. JSON records are read with decimals exact, and a
 * decimal has no negative zero: a {@code double} stored as {@code -0.0} would come back {@code 0.0}
 * after a restart. The store therefore keeps {@code 0.0} from the start (as schemaless documents do),
 * so that what a reader sees never changes across a restart. Thread-safe: stateless.
 */
final class NegativeZeros {

    private NegativeZeros() {
    }

    /** Whether a floating-point {@code -0.0} appears anywhere in {@code node}. */
    static boolean presentIn(JsonNode node) {
        if (node == null) {
            return false;
        }
        if (node.isFloatingPointNumber() && !node.isBigDecimal()) {
            return isNegativeZero(node.doubleValue());
        }
        if (node.isContainer()) {
            for (JsonNode child : node.values()) {
                if (presentIn(child)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Replaces every floating-point {@code -0.0} in {@code node} with {@code 0.0}, in place; returns whether it found one. */
    static boolean clear(JsonNode node) {
        boolean found = false;
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> property : object.properties()) {
                if (negativeZero(property.getValue())) {
                    property.setValue(zeroLike(property.getValue()));
                    found = true;
                } else {
                    found |= clear(property.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (negativeZero(array.get(i))) {
                    array.set(i, zeroLike(array.get(i)));
                    found = true;
                } else {
                    found |= clear(array.get(i));
                }
            }
        }
        return found;
    }

    private static boolean negativeZero(JsonNode node) {
        return node.isFloatingPointNumber() && !node.isBigDecimal() && isNegativeZero(node.doubleValue());
    }

    private static JsonNode zeroLike(JsonNode node) {
        return node.isFloat() ? JsonNodeFactory.instance.numberNode(0.0f) : JsonNodeFactory.instance.numberNode(0.0);
    }

    private static boolean isNegativeZero(double value) {
        return Double.doubleToRawLongBits(value) == Double.doubleToRawLongBits(-0.0);
    }
}
