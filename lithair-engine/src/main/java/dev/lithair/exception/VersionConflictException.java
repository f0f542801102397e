package dev.lithair.exception;

/** A write carried a {@code @Version} other than the stored one: someone else changed the entity first. */
public class VersionConflictException extends CommitRejectedException {

    /** The stored version; not serialised, as it may be of any type. */
    private final transient Object stored;

    /**
     * Rejects a write whose version is stale.
     *
     * @param entityType the entity's type
     * @param entityId   the entity's id
     * @param field      the {@code @Version} field
     * @param given      the version the write carried
     * @param stored     the stored version
     */
    public VersionConflictException(String entityType, String entityId, String field, Object given, Object stored) {
        super(entityType + " " + entityId + ": " + field + " " + given + " is stale, the stored version is " + stored,
                entityType, entityId, field, given);
        this.stored = stored;
    }

    /** {@return the stored version ({@code "absent (deleted or never created)"} when there is no entity)} */
    public Object stored() {
        return stored;
    }
}
