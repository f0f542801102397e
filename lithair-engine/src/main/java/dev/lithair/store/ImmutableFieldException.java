package dev.lithair.store;

/** An update tried to change an {@code @Immutable} field (or the id). */
public class ImmutableFieldException extends CommitRejectedException {

    public ImmutableFieldException(String entityType, String entityId, String field, Object current, Object attempted) {
        super(entityType + " " + entityId + ": " + field + " is @Immutable; it is " + current + " and cannot become "
                + attempted, entityType, entityId, field, attempted);
    }
}
