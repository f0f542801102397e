package dev.lithair.sample.iot.web;

import java.util.List;

/**
 * The body of {@code POST /api/test-duplicates}.
 *
 * @param resent                 batches sent again, all of them already applied before
 * @param appliedAgain           of which applied a second time: 0 when idempotency holds
 * @param ignoredAsDuplicates    of which recognised as already applied, changing nothing
 * @param readingsReceivedBefore readings received before re-sending
 * @param readingsReceivedAfter  after; equal unless other writes ran meanwhile
 * @param batchIds               the batches re-sent (at most the first 10)
 */
public record DuplicateTestReport(int resent, int appliedAgain, int ignoredAsDuplicates, long readingsReceivedBefore,
        long readingsReceivedAfter, List<String> batchIds) {
}
