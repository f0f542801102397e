package dev.lithair.internal.snapshot;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Where a snapshot being read goes, piece by piece as its chunks are decoded, so the state is never
 * held twice while loading. Called on one thread, in this order: {@link #begin}, then for every chunk
 * {@link EntitySection#restoreParts} of its entities' parts and {@link #entities}, then {@link #end}; or
 * {@link #abandon} after a failure at any point.
 */
public interface SnapshotTarget {

    /**
     * Replaces the state with an empty one about to receive the snapshot's.
     *
     * @param sizes entities per type in the snapshot, for sizing tables up front
     */
    void begin(long lastSequence, Map<String, Integer> sizes);

    /** Entities of one type, {@code entities[i]} under {@code ids[i]}. */
    void entities(String type, String[] ids, Object[] entities);

    /** The per-entity sections the state keeps, by name. */
    Map<String, EntitySection> entitySections();

    /** Finishes the restore with what the snapshot keeps besides entities. */
    void end(List<AppliedKey> appliedKeys, Map<String, JsonNode> sections);

    /** Forgets a restore that failed part-way, leaving the state empty, so that what comes next starts clean. */
    void abandon();
}
