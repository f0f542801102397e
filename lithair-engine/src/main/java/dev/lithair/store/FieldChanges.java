package dev.lithair.store;

import java.util.Iterator;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The payload of an {@code UPDATED} event: for each changed field, {@code {"old": …, "new": …}};
 * a field that was removed has no {@code "new"}, a field that was added has no {@code "old"}.
 */
final class FieldChanges {

    static final String OLD = "old";
    static final String NEW = "new";

    private FieldChanges() {
    }

    /** The changes that turn {@code before} into {@code after}, or {@code null} when they are equal. */
    static ObjectNode diff(ObjectNode before, ObjectNode after) {
        ObjectNode changes = null;
        for (Map.Entry<String, JsonNode> field : after.properties()) {
            JsonNode old = before.get(field.getKey());
            if (!field.getValue().equals(old)) {
                ObjectNode change = JsonNodeFactory.instance.objectNode();
                if (old != null) {
                    change.set(OLD, old);
                }
                change.set(NEW, field.getValue());
                changes = add(changes, field.getKey(), change);
            }
        }
        for (Map.Entry<String, JsonNode> field : before.properties()) {
            if (!after.has(field.getKey())) {
                ObjectNode change = JsonNodeFactory.instance.objectNode();
                change.set(OLD, field.getValue());
                changes = add(changes, field.getKey(), change);
            }
        }
        return changes;
    }

    private static ObjectNode add(ObjectNode changes, String field, ObjectNode change) {
        ObjectNode target = changes == null ? JsonNodeFactory.instance.objectNode() : changes;
        target.set(field, change);
        return target;
    }

    /** A new node: {@code current} with {@code changes} applied. {@code current} is left as it was. */
    static ObjectNode applyTo(ObjectNode current, ObjectNode changes) {
        ObjectNode next = current.deepCopy();
        Iterator<Map.Entry<String, JsonNode>> fields = changes.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode newValue = field.getValue().get(NEW);
            if (newValue == null) {
                next.remove(field.getKey());
            } else {
                next.set(field.getKey(), newValue);
            }
        }
        return next;
    }
}
