package dev.lithair.event;

import java.time.Instant;
import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * One event as it is stored: what happened ({@link EventType}), to which entity, when, by whom,
 * at which position of the log, and the Jackson-serialised payload.
 *
 * <p>Immutable value. The {@code payload} node is shared, never modified after the envelope is built.
 *
 * @param eventType  what happened
 * @param eventId    unique id of the event; derived from the commit's idempotency key when one was given
 * @param sequence   position in the log, strictly increasing, without gaps, starting at 1
 * @param timestamp  when the single writer sequenced the event
 * @param actor      who caused it, or {@code null} when unknown
 * @param entityType the entity type's name
 * @param entityId   the entity's id, as a string
 * @param payload    fields of the event, see {@link EventType}
 */
public record EventEnvelope(EventType eventType, String eventId, long sequence, Instant timestamp, String actor,
        String entityType, String entityId, JsonNode payload) {

    /**
     * Checks that every part but the actor is given.
     *
     * @param eventType  what happened
     * @param eventId    unique id of the event; derived from the commit's idempotency key when one was given
     * @param sequence   position in the log, strictly increasing, without gaps, starting at 1
     * @param timestamp  when the single writer sequenced the event
     * @param actor      who caused it, or {@code null} when unknown
     * @param entityType the entity type's name
     * @param entityId   the entity's id, as a string
     * @param payload    fields of the event, see {@link EventType}
     */
    public EventEnvelope {
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(entityId, "entityId");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be positive, was " + sequence);
        }
    }
}
