package dev.lithair.store;

/** A write carried a {@code @Version} other than the stored one: someone else changed the entity first. */
public class VersionConflictException extends CommitRejectedException {

    public VersionConflictException(String entityType, String entityId, String field, Object given, Object stored) {
        super(entityType + " " + entityId + ": " + field + " " + given + " is stale, the stored version is " + stored,
                entityType, entityId, field, given);
    }
}
