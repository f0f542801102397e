package dev.lithair.spring.repository;

import java.time.Instant;
import java.util.Set;

import org.springframework.dao.DataRetrievalFailureException;

/**
 * The state of an entity at a past instant was asked for, and its retained history cannot tell it
 * whole: some fields' values at that instant were not kept (their {@code @Historize} policy keeps
 * too few changes, or none), or whether the entity existed then cannot be told at all. Rather than
 * answer with defaults or current values in their place, the read fails and names what is unknown.
 */
public class IncompleteHistoryException extends DataRetrievalFailureException {

    /** The entity type's name. */
    private final String entityType;
    /** The entity's id, as the store keys it. */
    private final String entityId;
    /** The instant asked about. */
    private final Instant instant;
    /** The fields whose value at the instant is unknown. */
    private final Set<String> unknownFields;

    /**
     * Names the entity, the instant and what its retained history does not tell.
     *
     * @param entityType    the entity type's name
     * @param entityId      the entity's id, as the store keys it
     * @param instant       the instant asked about
     * @param unknownFields the fields whose value at the instant is unknown; empty when the entity's
     *                      very existence then is unknown
     */
    public IncompleteHistoryException(String entityType, String entityId, Instant instant, Set<String> unknownFields) {
        super(message(entityType, entityId, instant, unknownFields));
        this.entityType = entityType;
        this.entityId = entityId;
        this.instant = instant;
        this.unknownFields = Set.copyOf(unknownFields);
    }

    private static String message(String entityType, String entityId, Instant instant, Set<String> unknownFields) {
        if (unknownFields.isEmpty()) {
            return entityType + " " + entityId + " at " + instant
                    + ": its retained history cannot tell whether it existed then";
        }
        return entityType + " " + entityId + " at " + instant + ": the retained history does not tell "
                + String.join(", ", unknownFields)
                + " (historize these fields, or keep more versions, to read them as of that instant)";
    }

    /** {@return the entity type's name} */
    public String entityType() {
        return entityType;
    }

    /** {@return the entity's id, as the store keys it} */
    public String entityId() {
        return entityId;
    }

    /** {@return the instant asked about} */
    public Instant instant() {
        return instant;
    }

    /**
     * The fields whose value at the instant is unknown, in declaration order; empty when the
     * entity's very existence at the instant is unknown.
     *
     * @return the unknown fields
     */
    public Set<String> unknownFields() {
        return unknownFields;
    }
}
