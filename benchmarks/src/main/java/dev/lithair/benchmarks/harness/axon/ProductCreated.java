package dev.lithair.benchmarks.harness.axon;

import java.math.BigDecimal;

/** A product came into being; its first price is the first entry of its price history. */
record ProductCreated(String id, String name, String category, BigDecimal price, int stock) {
}
