package dev.lithair.benchmarks.harness.http.lithair;

import java.math.BigDecimal;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.annotation.Historize;
import dev.lithair.annotation.Immutable;
import dev.lithair.annotation.Indexed;
import dev.lithair.annotation.Unique;

/** The shop's item on Lithair: two fields with every change kept, an indexed one, a unique immutable one. */
public record LithairItem(
        @Id String id,
        @Historize(HistoryPolicy.FULL) String name,
        @Indexed String category,
        @Historize(HistoryPolicy.FULL) BigDecimal price,
        @Unique @Immutable String sku,
        @Version Long version) {
}
