package dev.lithair.event;

/**
 * A change a commit would make to one entity, seen by validators before any event exists.
 *
 * @param entityType the type's name
 * @param entityId   the entity's id
 * @param before     the entity now ({@code null} when it would be created)
 * @param after      the entity after the commit ({@code null} when it would be deleted)
 */
public record ProposedChange(String entityType, String entityId, Object before, Object after) {
}
