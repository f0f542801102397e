package dev.lithair.store.spi;

import java.util.List;
import java.util.Objects;

/**
 * A set of operations committed atomically: all of their events form one log record, recovered
 * whole or not at all.
 *
 * @param idempotencyKey when not {@code null}, a commit with a key already applied changes nothing
 * @param actor          who asks, recorded in every event; may be {@code null}
 * @param operations     the changes, applied in order; at least one
 */
public record Commit(String idempotencyKey, String actor, List<Operation> operations) {

    /**
     * Checks that there is at least one operation and that a key, when given, is not blank.
     *
     * @param idempotencyKey when not {@code null}, a commit with a key already applied changes nothing
     * @param actor          who asks, recorded in every event; may be {@code null}
     * @param operations     the changes, applied in order; at least one
     */
    public Commit {
        Objects.requireNonNull(operations, "operations");
        if (operations.isEmpty()) {
            throw new IllegalArgumentException("a commit needs at least one operation");
        }
        if (idempotencyKey != null && idempotencyKey.isBlank()) {
            throw new IllegalArgumentException("an idempotency key must not be blank");
        }
        operations = List.copyOf(operations);
    }

    /**
     * A commit of operations, without key or actor.
     *
     * @param operations the changes, in order
     * @return the commit
     */
    public static Commit of(Operation... operations) {
        return new Commit(null, null, List.of(operations));
    }

    /**
     * This commit with an idempotency key.
     *
     * @param key the key, or {@code null}
     * @return the new commit
     */
    public Commit withIdempotencyKey(String key) {
        return new Commit(key, actor, operations);
    }

    /**
     * This commit with an actor.
     *
     * @param newActor who asks, or {@code null}
     * @return the new commit
     */
    public Commit withActor(String newActor) {
        return new Commit(idempotencyKey, newActor, operations);
    }
}
