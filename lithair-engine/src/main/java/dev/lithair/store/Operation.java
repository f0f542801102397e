package dev.lithair.store;

import java.util.Objects;

import tools.jackson.databind.node.ObjectNode;

/** One change a commit asks for. */
public sealed interface Operation permits Operation.Put, Operation.Delete {

    String entityType();

    String entityId();

    /**
     * Makes the entity's state exactly {@code fields}: creates it when absent, otherwise records the
     * fields that differ (a field missing from {@code fields} is removed). A put that changes nothing
     * produces no event. The node is copied; the caller may reuse it.
     */
    record Put(String entityType, String entityId, ObjectNode fields) implements Operation {
        public Put {
            requireName(entityType, "entityType");
            requireName(entityId, "entityId");
            Objects.requireNonNull(fields, "fields");
            fields = fields.deepCopy();
        }
    }

    /** Removes the entity; deleting an absent entity produces no event. */
    record Delete(String entityType, String entityId) implements Operation {
        public Delete {
            requireName(entityType, "entityType");
            requireName(entityId, "entityId");
        }
    }

    private static void requireName(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}
