package dev.lithair.store.spi;

import java.util.List;

import dev.lithair.event.EventEnvelope;

/**
 * The outcome of a commit, returned once it is durable under the store's fsync policy.
 *
 * @param sequence  last sequence of the commit's events; for a duplicate, that of the original commit;
 *                  for a commit that changed nothing, the store's last sequence at that time
 * @param duplicate whether the idempotency key had already been applied, so nothing was done now
 * @param events    the events this commit appended (empty for a duplicate or a commit that changed nothing)
 */
public record CommitResult(long sequence, boolean duplicate, List<EventEnvelope> events) {
}
