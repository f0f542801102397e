package dev.lithair.exception;

/** A write carried a {@code @Version} other than the stored one: someone else changed the entity first. */
public class VersionConflictException extends CommitRejectedException {

    private final transient Object stored;

    public VersionConflictException(String entityType, String entityId, String field, Object given, Object stored) {
        super(entityType + " " + entityId + ": " + field + " " + given + " is stale, the stored version is " + stored,
                entityType, entityId, field, given);
        this.stored = stored;
    }

    /** The stored version ({@code "absent (deleted or never created)"} when there is no entity). */
    public Object stored() {
        return stored;
    }
}
