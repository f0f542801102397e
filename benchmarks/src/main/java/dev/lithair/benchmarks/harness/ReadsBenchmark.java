package dev.lithair.benchmarks.harness;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The read workload's two JMH benchmarks, run in-process by {@link ReadsWorkload} (JMH with no
 * fork) over the system it has opened and loaded, which it hands over in {@link #system}: loading
 * 1M products into a database takes longer than the measurement, so the data is loaded once per
 * process, and the process is the unit the runner repeats.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class ReadsBenchmark {

    /** Set by {@link ReadsWorkload} before JMH starts; read-only afterwards. */
    static volatile SystemUnderTest system;
    static volatile String[] keys;

    private int cursor;

    @Benchmark
    public Product findById() {
        return system.findById(keys[cursor++ & (keys.length - 1)]);
    }

    @Benchmark
    public List<Product> findByCategory() {
        return system.findByCategory(Product.category(cursor++), 20);
    }
}
