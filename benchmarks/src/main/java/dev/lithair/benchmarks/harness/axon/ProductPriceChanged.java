package dev.lithair.benchmarks.harness.axon;

import java.math.BigDecimal;

/** A product's price changed: the events the price history is read from. */
record ProductPriceChanged(String id, BigDecimal price) {
}
