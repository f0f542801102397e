package dev.lithair.internal.snapshot;

import java.util.List;
import java.util.Map;

/**
 * The state as captured on the writer thread, between two groups: references to published (never
 * modified) entities and per-entity parts, in arrays, and the captures of the other sections. Written
 * as a snapshot on the snapshot thread while writes go on.
 *
 * @param lastSequence the last event the capture holds
 * @param sizes        live entities per type
 * @param entities     the entities, per type, of the types whose entities no section's parts carry
 * @param parts        the parts of each per-entity section, per type
 * @param appliedKeys  the idempotency keys remembered
 * @param sections     the captures of the other sections
 */
public record CapturedState(long lastSequence, Map<String, Integer> sizes, List<CapturedRows> entities, Map<EntitySection, List<CapturedRows>> parts,
        List<AppliedKey> appliedKeys, Map<SnapshotSection, Object> sections) {
}
