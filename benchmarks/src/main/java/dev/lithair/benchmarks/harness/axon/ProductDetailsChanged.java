package dev.lithair.benchmarks.harness.axon;

/** A product's name, category or stock changed (anything but its price). */
record ProductDetailsChanged(String id, String name, String category, int stock) {
}
