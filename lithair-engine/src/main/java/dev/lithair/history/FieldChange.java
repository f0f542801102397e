package dev.lithair.history;

import java.time.Instant;

/**
 * One retained change of one field, as kept by the field's history policy.
 *
 * @param field     the field's name
 * @param oldValue  the value before; {@code null} for the change that created the entity
 * @param newValue  the value after
 * @param timestamp when the change was committed
 * @param sequence  the sequence of the event that made it
 * @param eventId   the id of that event
 * @param actor     who made it, or {@code null}
 */
public record FieldChange(String field, Object oldValue, Object newValue, Instant timestamp, long sequence,
        String eventId, String actor) {
}
