package dev.lithair.exception;

/** A {@code @Unique} field's value is already held by another live entity of the type. */
public class UniqueViolationException extends CommitRejectedException {

    /** The id of the entity that holds the value. */
    private final String holderId;

    /**
     * Rejects a value another entity already holds.
     *
     * @param entityType the entity's type
     * @param entityId   the rejected entity's id
     * @param field      the {@code @Unique} field
     * @param value      the value already held
     * @param holderId   the id of the entity that holds it
     */
    public UniqueViolationException(String entityType, String entityId, String field, Object value, String holderId) {
        super(entityType + " " + entityId + ": " + field + " = " + value + " is already used by " + entityType + " "
                + holderId + " (@Unique)", entityType, entityId, field, value);
        this.holderId = holderId;
    }

    /** {@return the id of the entity that holds the value} */
    public String holderId() {
        return holderId;
    }
}
