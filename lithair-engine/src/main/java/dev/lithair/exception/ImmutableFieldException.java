package dev.lithair.exception;

/** An update tried to change an {@code @Immutable} field (or the id). */
public class ImmutableFieldException extends CommitRejectedException {

    private final transient Object current;

    public ImmutableFieldException(String entityType, String entityId, String field, Object current, Object attempted) {
        super(entityType + " " + entityId + ": " + field + " is @Immutable; it is " + current + " and cannot become "
                + attempted, entityType, entityId, field, attempted);
        this.current = current;
    }

    /** The field's stored value, which the update tried to change. */
    public Object current() {
        return current;
    }
}
