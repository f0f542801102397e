package dev.lithair.exception;

/** An update tried to change an {@code @Immutable} field (or the id). */
public class ImmutableFieldException extends CommitRejectedException {

    /** The field's stored value; not serialised, as it may be of any type. */
    private final transient Object current;

    /**
     * Rejects an update of an immutable field.
     *
     * @param entityType the entity's type
     * @param entityId   the entity's id
     * @param field      the immutable field
     * @param current    its stored value
     * @param attempted  the value the update tried to give it
     */
    public ImmutableFieldException(String entityType, String entityId, String field, Object current, Object attempted) {
        super(entityType + " " + entityId + ": " + field + " is @Immutable; it is " + current + " and cannot become "
                + attempted, entityType, entityId, field, attempted);
        this.current = current;
    }

    /** {@return the field's stored value, which the update tried to change} */
    public Object current() {
        return current;
    }
}
