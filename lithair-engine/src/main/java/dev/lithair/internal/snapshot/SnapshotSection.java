package dev.lithair.internal.snapshot;

import tools.jackson.databind.JsonNode;

/**
 * State kept beside the entities that must survive snapshots and compaction (retained history,
 * for one), saved as a named section of each snapshot.
 */
public interface SnapshotSection {

    /** The section's name in the snapshot; stable across releases. */
    String name();

    /** Captures the section on the writer thread, between two groups: fast, and immutable afterwards. */
    Object capture();

    /** Serialises a capture, on the snapshot thread, while writes go on. */
    JsonNode serialize(Object captured);

    /** Restores the section from a snapshot, before the log is replayed; {@code null} when the snapshot has none. */
    void restore(JsonNode data);
}
