package dev.lithair.history;

import java.time.Instant;
import java.util.Objects;

/**
 * The record an erasure leaves: which entity was erased, by whom and when, and nothing of its values.
 * A right-to-erasure request must be provable afterwards without keeping what it removed.
 *
 * @param entityType the erased entity's type
 * @param entityId   the erased entity's id
 * @param actor      who asked for the erasure, or {@code null} when unknown
 * @param time       when the erasure was committed
 * @param sequence   the sequence of the erasure's event
 */
public record Erasure(String entityType, String entityId, String actor, Instant time, long sequence) {

    /**
     * Checks that the type, the id and the time are given; the actor may be unknown.
     *
     * @param entityType the erased entity's type
     * @param entityId   the erased entity's id
     * @param actor      who asked for the erasure, or {@code null} when unknown
     * @param time       when the erasure was committed
     * @param sequence   the sequence of the erasure's event
     */
    public Erasure {
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(time, "time");
    }
}
