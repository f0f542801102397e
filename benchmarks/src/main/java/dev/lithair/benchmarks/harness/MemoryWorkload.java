package dev.lithair.benchmarks.harness;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Memory: the heap a system holds for its products (used heap after full collections, after loading
 * minus before), per product, against the product's JSON size. Measured while {@link ReadsWorkload}
 * loads its largest size, for the systems that keep their state in the heap. The physical limit's
 * cell is the floor: the same product records in a {@code ConcurrentHashMap} by id (plus its lists by
 * category); {@code MemoryFootprint} measures the bare map beside the store in one JVM.
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

    static long usedHeapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
