package dev.lithair.exception;

/**
 * A commit broke a declared rule and was rejected whole: nothing of it reached the state, the
 * indexes or the log. Names the entity, the field and the offending value.
 */
public abstract class CommitRejectedException extends RuntimeException {

    /** The rejected entity's type. */
    private final String entityType;
    /** The rejected entity's id. */
    private final String entityId;
    /** The field that broke the rule. */
    private final String field;
    /** The offending value; not serialised, as it may be of any type. */
    private final transient Object value;

    /**
     * Rejects a commit, naming what broke the rule.
     *
     * @param message    the rule broken and how, for people
     * @param entityType the rejected entity's type
     * @param entityId   the rejected entity's id
     * @param field      the field that broke the rule
     * @param value      the offending value
     */
    protected CommitRejectedException(String message, String entityType, String entityId, String field, Object value) {
        super(message);
        this.entityType = entityType;
        this.entityId = entityId;
        this.field = field;
        this.value = value;
    }

    /** {@return the rejected entity's type} */
    public String entityType() {
        return entityType;
    }

    /** {@return the rejected entity's id} */
    public String entityId() {
        return entityId;
    }

    /** {@return the field that broke the rule} */
    public String field() {
        return field;
    }

    /** {@return the offending value, or {@code null} once the exception was serialised} */
    public Object value() {
        return value;
    }
}
