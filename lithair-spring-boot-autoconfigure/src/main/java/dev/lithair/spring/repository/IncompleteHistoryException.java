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

    private final String entityType;
    private final String entityId;
    private final Instant instant;
    private final Set<String> unknownFields;

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

    /** The entity type's name. */
    public String entityType() {
        return entityType;
    }

    /** The entity's id, as the store keys it. */
    public String entityId() {
        return entityId;
    }

    /** The instant asked about. */
    public Instant instant() {
        return instant;
    }

    /**
     * The fields whose value at the instant is unknown, in declaration order; empty when the
     * entity's very existence at the instant is unknown.
     */
    public Set<String> unknownFields() {
        return unknownFields;
    }
}
