package dev.lithair.benchmarks.harness.lithair;

import java.math.BigDecimal;

import org.springframework.data.annotation.Id;

import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.annotation.Historize;
import dev.lithair.annotation.Indexed;

/**
 * The harness product with every change kept, for the history workload: as Envers audits whole
 * rows, every field is {@code FULL}, so that a read as of any instant can tell every field.
 */
public record HistorizedProduct(@Id String id, @Historize(HistoryPolicy.FULL) String name,
        @Indexed @Historize(HistoryPolicy.FULL) String category, @Historize(HistoryPolicy.FULL) BigDecimal price,
        @Historize(HistoryPolicy.FULL) int stock) {
}
