package dev.lithair.internal.snapshot;

/**
 * An idempotency key the store remembers as applied, as snapshots keep it.
 *
 * @param key         the idempotency key
 * @param sequence    last sequence of the commit that applied it
 * @param epochMillis time of that commit, from which the key's age is measured
 */
public record AppliedKey(String key, long sequence, long epochMillis) {
}
