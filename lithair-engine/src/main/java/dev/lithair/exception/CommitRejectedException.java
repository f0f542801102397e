package dev.lithair.exception;

/**
 * A commit broke a declared rule and was rejected whole: nothing of it reached the state, the
 * indexes or the log. Names the entity, the field and the offending value.
 */
public abstract class CommitRejectedException extends RuntimeException {

    private final String entityType;
    private final String entityId;
    private final String field;
    private final transient Object value;

    protected CommitRejectedException(String message, String entityType, String entityId, String field, Object value) {
        super(message);
        this.entityType = entityType;
        this.entityId = entityId;
        this.field = field;
        this.value = value;
    }

    public String entityType() {
        return entityType;
    }

    public String entityId() {
        return entityId;
    }

    public String field() {
        return field;
    }

    public Object value() {
        return value;
    }
}
