package dev.lithair.benchmarks.harness.lithair;

import java.math.BigDecimal;

import org.springframework.data.annotation.Id;

import dev.lithair.annotation.Indexed;

/** The harness product as a Lithair entity: no history kept (the default policy), category indexed. */
public record LithairProduct(@Id String id, String name, @Indexed String category, BigDecimal price, int stock) {
}
