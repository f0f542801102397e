package dev.lithair.benchmarks.harness.axon;

import java.math.BigDecimal;

/** The command that creates a {@link ProductAggregate}; handled by its constructor. */
record CreateProduct(String id, String name, String category, BigDecimal price, int stock) {
}
