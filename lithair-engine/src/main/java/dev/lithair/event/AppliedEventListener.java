package dev.lithair.event;

import java.util.Map;

/**
 * Notified of every event as the store applies it, with the entity before and after, so that derived
 * structures (indexes, retained history, projections) follow the state exactly. Called on the one
 * thread that applies events (the writer, or recovery before it starts), in sequence order.
 * Implementations must not throw: validation happens before an event exists.
 */
public interface AppliedEventListener {

    /**
     * Told of an event once it is applied.
     *
     * @param event  the event applied
     * @param before the entity before it ({@code null} for a creation)
     * @param after  the entity after it ({@code null} for a deletion)
     */
    void applied(EventEnvelope event, Object before, Object after);

    /**
     * An entity loaded from a snapshot, before any event is replayed.
     *
     * @param entityType the entity type's name
     * @param entityId   the entity's id
     * @param entity     the entity as the snapshot holds it
     */
    void restored(String entityType, String entityId, Object entity);

    /**
     * The state is about to be replaced by a snapshot's while the store runs (a cluster member catching up
     * from its leader's snapshot): forget everything derived so far. {@link #restored} follows for every
     * entity of the snapshot.
     *
     * @param live the entities held until now, by type and id
     */
    void cleared(Map<String, ? extends Map<String, Object>> live);
}
