package dev.lithair.benchmarks.harness;

import java.util.List;

import dev.lithair.benchmarks.HeapSize;

/**
 * Memory: the heap a system holds for its products (what JOL finds reachable from the system's object,
 * after loading minus before: {@link HeapSize}), per product, against the product's JSON size.
 * Measured while {@link ReadsWorkload} loads its largest size, for the systems that keep their state
 * in the heap. The physical limit's cell is the floor: the same product records in a
 * {@code ConcurrentHashMap} by id (plus its lists by category); {@code MemoryFootprint} measures the
 * bare map beside the store in one JVM.
 */
final class MemoryWorkload {

    static final String NAME = "memory";

    private MemoryWorkload() {
    }

    static List<Measurement> measurements(String system, int size, long heapBytes, long jsonBytes) {
        String scale = size >= 1_000_000 ? (size / 1_000_000) + "M" : (size / 1000) + "K";
        double perProduct = heapBytes / (double) size;
        double jsonPerProduct = jsonBytes / (double) size;
        return List.of(
                Measurement.of(NAME, system, "heap per product, " + scale, perProduct, "bytes"),
                Measurement.of(NAME, system, "JSON per product, " + scale, jsonPerProduct, "bytes"),
                Measurement.of(NAME, system, "heap / JSON, " + scale, perProduct / jsonPerProduct, "x"));
    }

    /** The bytes reachable from {@code system}: its context, store, maps, and the products once loaded. */
    static long heldBytes(SystemUnderTest system) {
        return HeapSize.reachableBytes(system);
    }
}
