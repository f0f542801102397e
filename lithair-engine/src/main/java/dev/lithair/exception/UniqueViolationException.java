package dev.lithair.exception;

/** A {@code @Unique} field's value is already held by another live entity of the type. */
public class UniqueViolationException extends CommitRejectedException {

    private final String holderId;

    public UniqueViolationException(String entityType, String entityId, String field, Object value, String holderId) {
        super(entityType + " " + entityId + ": " + field + " = " + value + " is already used by " + entityType + " "
                + holderId + " (@Unique)", entityType, entityId, field, value);
        this.holderId = holderId;
    }

    /** The id of the entity that holds the value. */
    public String holderId() {
        return holderId;
    }
}
