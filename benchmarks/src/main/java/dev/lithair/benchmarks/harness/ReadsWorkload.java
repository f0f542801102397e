package dev.lithair.benchmarks.harness;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.lithair.benchmarks.Statistics;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import tools.jackson.databind.json.JsonMapper;

/**
 * Reads by id and by the indexed category (a first page of 20), one thread, on {@code size} products
 * loaded beforehand (for a system that keeps them in the heap, the heap they take is measured on the
 * way, see {@link MemoryWorkload}): JMH's average time per call gives ops/s; then up to {@value #SAMPLES} calls (or one
 * second's worth, 0.2 s in quick mode) timed one by one give the p50 (which includes the ~20 ns of reading the clock
 * twice).
 */
final class ReadsWorkload {

    static final String NAME = "reads";
    private static final int SAMPLES = 100_000;
    private static final int KEYS = 1 << 16;

    private final SystemUnderTest system;
    private final int size;
    private final boolean quick;
    private final boolean prepared;

    /**
     * @param prepared whether the system was opened on a directory an earlier run loaded with the
     *                 same {@code size} products: nothing is loaded, and the heap is not measured
     *                 (the loading run measured it)
     */
    ReadsWorkload(SystemUnderTest system, int size, boolean quick, boolean prepared) {
        this.system = system;
        this.size = size;
        this.quick = quick;
        this.prepared = prepared;
    }

    List<Measurement> run() throws RunnerException, InterruptedException {
        List<Measurement> measurements = prepared ? new ArrayList<>() : load();
        Random random = new Random(42);
        String[] keys = new String[KEYS];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "p" + random.nextInt(size);
        }
        if (system.findById(keys[0]) == null || system.findByCategory(Product.category(0), 20).size() != 20) {
            throw new IllegalStateException(system.name() + " does not hold the products just loaded");
        }
        ReadsBenchmark.system = system;
        ReadsBenchmark.keys = keys;
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(ReadsBenchmark.class.getName() + "\\.")
                .forks(0)
                // quick: CI's smoke test, whose figures are not read, keeps its 3 minutes with one short iteration
                .warmupIterations(quick ? 0 : 2).warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 1 : 3).measurementTime(quick ? TimeValue.milliseconds(500) : TimeValue.seconds(1))
                .timeUnit(TimeUnit.NANOSECONDS)
                .shouldFailOnError(true)
                .build()).run();
        String scale = size >= 1_000_000 ? (size / 1_000_000) + "M" : (size / 1000) + "K";
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            double nanos = result.getPrimaryResult().getScore();
            measurements.add(Measurement.of(NAME, system.name(), method + " " + scale + ": ops/s", 1e9 / nanos, "ops/s"));
        }
        int[] cursor = new int[1];
        long samplingNanos = quick ? 200_000_000L : 1_000_000_000L;
        measurements.add(Measurement.of(NAME, system.name(), "findById " + scale + ": p50",
                p50(id -> system.findById(keys[cursor[0]++ & (KEYS - 1)]), samplingNanos), "ns"));
        measurements.add(Measurement.of(NAME, system.name(), "findByCategory " + scale + ": p50",
                p50(id -> system.findByCategory(Product.category(cursor[0]++), 20), samplingNanos), "ns"));
        return measurements;
    }

    /** Loads the products, measuring on the way the heap they take where the system keeps them there. */
    private List<Measurement> load() {
        List<Measurement> measurements = new ArrayList<>();
        boolean inHeap = !Plan.NOT_IN_HEAP.contains(system.name());
        long before = inHeap ? MemoryWorkload.heldBytes(system) : 0;
        long jsonBytes = 0;
        JsonMapper json = JsonMapper.builder().build();
        int batch = 10_000;
        for (int from = 0; from < size; from += batch) {
            List<Product> products = new ArrayList<>(batch);
            for (int i = from; i < Math.min(size, from + batch); i++) {
                // Fresh objects, as they would arrive from request bodies.
                Product product = Product.created("p" + i, i);
                if (inHeap) {
                    jsonBytes += json.writeValueAsBytes(product).length;
                }
                products.add(product);
            }
            system.loadAll(products);
        }
        if (inHeap) {
            long heldBytes = MemoryWorkload.heldBytes(system) - before;
            measurements.addAll(MemoryWorkload.measurements(system.name(), size, heldBytes, jsonBytes));
        }
        return measurements;
    }

    /** The median of up to {@value #SAMPLES} single timed calls, or of those {@code samplingNanos} allow. */
    private static double p50(Consumer<Integer> call, long samplingNanos) {
        Histogram histogram = Statistics.latencies();
        long deadline = System.nanoTime() + samplingNanos;
        for (int i = 0; i < SAMPLES && System.nanoTime() < deadline; i++) {
            long began = System.nanoTime();
            call.accept(i);
            histogram.recordValue(System.nanoTime() - began);
        }
        return histogram.getValueAtPercentile(50);
    }
}
