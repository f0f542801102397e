package dev.lithair.benchmarks.harness.axon;

/** The query for a first page of a category's products, answered by {@link ProductProjection}. */
record FindProductsByCategory(String category, int limit) {
}
