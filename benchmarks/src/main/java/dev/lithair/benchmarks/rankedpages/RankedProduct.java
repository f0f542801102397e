package dev.lithair.benchmarks.rankedpages;

import java.math.BigDecimal;

import org.springframework.data.annotation.Id;

import dev.lithair.annotation.Indexed;

/** A catalogue product whose price has a sorted index, and whose category a hash index. */
public record RankedProduct(@Id String id, String name, @Indexed(sorted = true) BigDecimal price,
        @Indexed String category) {
}
