package dev.lithair.benchmarks.harness.axon;

/** The query for one product's current state, answered by {@link ProductProjection}. */
record FindProduct(String id) {
}
