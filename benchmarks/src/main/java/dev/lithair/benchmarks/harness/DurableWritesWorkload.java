package dev.lithair.benchmarks.harness;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

import dev.lithair.benchmarks.Statistics;
import org.HdrHistogram.Histogram;

/**
 * Durable writes: {@code ops} product creates, then as many updates of the same products, by 1, 16
 * and 64 client threads in turn, each call timed into an HdrHistogram. A phase also stops at
 * {@code cap}, so that slow systems fit the run's time budget; the report gives the rate of the calls
 * that completed. Each thread count writes its own products, on the same open system.
 */
final class DurableWritesWorkload {

    static final String NAME = "writes";

    private final SystemUnderTest system;
    private final int ops;
    private final Duration cap;

    DurableWritesWorkload(SystemUnderTest system, int ops, Duration cap) {
        this.system = system;
        this.ops = ops;
        this.cap = cap;
    }

    List<Measurement> run(List<Integer> threadCounts) throws InterruptedException {
        List<Measurement> results = new ArrayList<>();
        // Warm-up on products of its own: the JIT compiles the write paths before anything is timed, the update's
        // too: for an event-sourced system it is a path of its own (loading the aggregate's events), and Axon's first
        // update took 2 s on a loaded machine, which made the 1-thread update phase measure one call.
        Duration warmUp = Duration.ofMillis(Math.min(1000, cap.toMillis() / 2));
        Phase warmCreates = phase(1, Math.max(100, ops / 10), warmUp, false, i -> Product.created("warm-" + i, i));
        phase(1, warmCreates.completed, warmUp, true,
                i -> Product.created("warm-" + i, i).withPrice(BigDecimal.valueOf(555_00 + i % 1000, 2)));
        for (int threads : threadCounts) {
            String prefix = "t" + threads + "-";
            Phase creates = phase(threads, ops, cap, false, i -> Product.created(prefix + i, i));
            Phase updates = phase(threads, creates.completed, cap, true,
                    i -> Product.created(prefix + i, i).withPrice(BigDecimal.valueOf(777_00 + i % 1000, 2)));
            results.addAll(creates.measurements("create", threads));
            results.addAll(updates.measurements("update", threads));
        }
        return results;
    }

    /** What one phase measured. */
    private final class Phase {
        final int completed;
        final long elapsedNanos;
        final Histogram latencies;

        Phase(int completed, long elapsedNanos, Histogram latencies) {
            this.completed = completed;
            this.elapsedNanos = elapsedNanos;
            this.latencies = latencies;
        }

        List<Measurement> measurements(String kind, int threads) {
            String metric = kind + "s, " + threads + " thread" + (threads == 1 ? "" : "s");
            return List.of(
                    Measurement.of(NAME, system.name(), metric + ": ops/s", completed * 1e9 / elapsedNanos, "ops/s"),
                    Measurement.of(NAME, system.name(), metric + ": p50", Statistics.micros(latencies, 50), "us"),
                    Measurement.of(NAME, system.name(), metric + ": p99", Statistics.micros(latencies, 99), "us"));
        }
    }

    private Phase phase(int threads, int count, Duration limit, boolean update, IntFunction<Product> product) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Histogram> histograms = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        long[] deadline = new long[1];
        for (int t = 0; t < threads; t++) {
            Histogram histogram = Statistics.latencies();
            histograms.add(histogram);
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    for (int i = next.getAndIncrement(); i < count && System.nanoTime() < deadline[0]
                            && failure.get() == null; i = next.getAndIncrement()) {
                        Product p = product.apply(i);
                        long began = System.nanoTime();
                        if (update) {
                            system.update(p);
                        } else {
                            system.create(p);
                        }
                        histogram.recordValue(System.nanoTime() - began);
                        completed.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "writer-" + t);
            workers.add(worker);
            worker.start();
        }
        long began = System.nanoTime();
        deadline[0] = began + limit.toNanos();
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        long elapsed = System.nanoTime() - began;
        if (failure.get() != null) {
            throw new IllegalStateException(system.name() + " failed a write with " + threads + " threads", failure.get());
        }
        Histogram all = Statistics.merged(histograms);
        return new Phase(completed.get(), elapsed, all);
    }
}
