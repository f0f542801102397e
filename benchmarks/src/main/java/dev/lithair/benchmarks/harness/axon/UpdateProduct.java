package dev.lithair.benchmarks.harness.axon;

import java.math.BigDecimal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The command that replaces a product's fields; the aggregate records only what changed. */
record UpdateProduct(@TargetAggregateIdentifier String id, String name, String category, BigDecimal price, int stock) {
}
