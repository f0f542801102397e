package dev.lithair.store.spi;

import java.util.Objects;

/** One change a commit asks for. */
public sealed interface Operation permits Operation.Put, Operation.Delete, Operation.Erase {

    /** {@return the entity type's name} */
    String entityType();

    /** {@return the entity's id} */
    String entityId();

    /**
     * Makes the entity's state exactly {@code entity} (a JSON object node for a schemaless type, an
     * instance of the registered class otherwise): creates it when absent, otherwise records the
     * fields that differ. A put that changes nothing produces no event. The store keeps its own copy;
     * the caller may go on using {@code entity}.
     *
     * @param entityType the entity type's name
     * @param entityId   the entity's id
     * @param entity     its new state
     */
    record Put(String entityType, String entityId, Object entity) implements Operation {
        /**
         * Checks the names and requires the entity.
         *
         * @param entityType the entity type's name
         * @param entityId   the entity's id
         * @param entity     its new state
         */
        public Put {
            requireName(entityType, "entityType");
            requireName(entityId, "entityId");
            Objects.requireNonNull(entity, "entity");
        }
    }

    /**
     * Removes the entity; deleting an absent entity produces no event.
     *
     * @param entityType the entity type's name
     * @param entityId   the entity's id
     */
    record Delete(String entityType, String entityId) implements Operation {
        /**
         * Checks the names.
         *
         * @param entityType the entity type's name
         * @param entityId   the entity's id
         */
        public Delete {
            requireName(entityType, "entityType");
            requireName(entityId, "entityId");
        }
    }

    /**
     * Removes the entity and all its retained history (a deleted entity's audit trail included), recording
     * only that it was erased; always produces an event, so the erasure itself is on record.
     *
     * @param entityType the entity type's name
     * @param entityId   the entity's id
     */
    record Erase(String entityType, String entityId) implements Operation {
        /**
         * Checks the names.
         *
         * @param entityType the entity type's name
         * @param entityId   the entity's id
         */
        public Erase {
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
