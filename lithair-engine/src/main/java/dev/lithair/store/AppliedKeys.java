package dev.lithair.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.lithair.internal.snapshot.AppliedKey;

/**
 * The idempotency keys already applied, with the sequence and time of the commit that applied each.
 * Bounded: the oldest keys are forgotten beyond {@code maxKeys}, and keys older than {@code maxAge}
 * relative to the newest commit's time. Eviction depends only on the applied records, never on the
 * wall clock, so replaying the same log rebuilds the same set.
 *
 * <p>Not thread-safe: owned by the single writer (and by recovery before the writer starts).
 */
final class AppliedKeys {

    private final int maxKeys;
    private final long maxAgeMillis;
    private final LinkedHashMap<String, AppliedKey> entries = new LinkedHashMap<>();

    AppliedKeys(int maxKeys, Duration maxAge) {
        this.maxKeys = maxKeys;
        this.maxAgeMillis = maxAge == null ? Long.MAX_VALUE : maxAge.toMillis();
    }

    /** The entry of an applied key, or {@code null}. */
    AppliedKey find(String key) {
        return entries.get(key);
    }

    void record(String key, long sequence, long epochMillis) {
        entries.put(key, new AppliedKey(key, sequence, epochMillis));
        evict(epochMillis);
    }

    /** Notes a commit without a key at {@code epochMillis}: keys too old relative to it are forgotten too. */
    void advanceTo(long epochMillis) {
        evict(epochMillis);
    }

    private void evict(long newestMillis) {
        Iterator<Map.Entry<String, AppliedKey>> oldestFirst = entries.entrySet().iterator();
        while (oldestFirst.hasNext()) {
            AppliedKey oldest = oldestFirst.next().getValue();
            boolean tooMany = entries.size() > maxKeys;
            boolean tooOld = maxAgeMillis != Long.MAX_VALUE && newestMillis - oldest.epochMillis() > maxAgeMillis;
            if (!tooMany && !tooOld) {
                return;
            }
            oldestFirst.remove();
        }
    }

    int size() {
        return entries.size();
    }

    List<AppliedKey> copy() {
        return new ArrayList<>(entries.values());
    }

    /**
     * Restores the keys of a snapshot under the current limits, which may be tighter than when it was
     * taken; ages are then measured from the newest restored key.
     */
    void restore(List<AppliedKey> restored) {
        entries.clear();
        long newest = Long.MIN_VALUE;
        for (AppliedKey entry : restored) {
            entries.put(entry.key(), entry);
            newest = Math.max(newest, entry.epochMillis());
        }
        evict(newest);
    }
}
