package dev.lithair.store;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.databind.node.ObjectNode;

/**
 * A commit as it travels in a replicated log entry: everything a member needs to apply it exactly as
 * every other member does. The proposer fixes the timestamp and the actor; the entities travel as
 * payloads, so each member builds its own copy.
 *
 * @param idempotencyKey the commit's key, or {@code null}; checked when the entry is applied, so a
 *                       retried write is applied once whichever node proposed it
 * @param actor          who asked, or {@code null}
 * @param timestamp      the time every event of the commit carries
 * @param operations     the changes, in order
 */
record ReplicatedCommit(String idempotencyKey, String actor, Instant timestamp, List<ReplicatedOperation> operations) {

    /**
     * One operation: a put carries the entity's payload, a delete and an erasure none.
     *
     * @param delete     whether it deletes
     * @param entityType the entity type's name
     * @param entityId   the entity's id
     * @param payload    the entity as its codec writes it, {@code null} for a delete or an erasure
     * @param erase      {@code true} when it erases; {@code null} otherwise, so that it is absent from the
     *                     entry, as in entries written before erasure existed
     */
    record ReplicatedOperation(boolean delete, String entityType, String entityId, ObjectNode payload,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean erase) {

        boolean erases() {
            return Boolean.TRUE.equals(erase);
        }
    }
}
