package dev.lithair.benchmarks.harness;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

import dev.lithair.benchmarks.Statistics;
import org.HdrHistogram.Histogram;

/**
 * History: {@code products} products, each created then updated {@value #CHANGES} times (price
 * changes, written by 16 threads); halfway, an instant T is taken. Then, one thread, for
 * {@code duration} each: "price changes of product X" ({@link SystemUnderTest#priceHistory}) and
 * "state of X at T" ({@link SystemUnderTest#asOf}), checked against what was written.
 */
final class HistoryWorkload {

    static final String NAME = "history";
    static final int CHANGES = 20;

    private final SystemUnderTest system;
    private final int products;
    private final Duration duration;

    HistoryWorkload(SystemUnderTest system, int products, Duration duration) {
        this.system = system;
        this.products = products;
        this.duration = duration;
    }

    static BigDecimal price(int change) {
        return BigDecimal.valueOf(1000 + change, 2);
    }

    List<Measurement> run() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(16);
        try {
            forEachProduct(writers, i -> {
                Product product = Product.created("h" + i, i).withPrice(price(0));
                system.create(product);
                for (int change = 1; change <= CHANGES / 2; change++) {
                    system.update(product.withPrice(price(change)));
                }
            });
            // Envers stamps revisions in milliseconds: keep T clear of any write on either side.
            Thread.sleep(20);
            Instant instant = Instant.now();
            Thread.sleep(20);
            forEachProduct(writers, i -> {
                Product product = Product.created("h" + i, i);
                for (int change = CHANGES / 2 + 1; change <= CHANGES; change++) {
                    system.update(product.withPrice(price(change)));
                }
            });
            List<BigDecimal> history = system.priceHistory("h0");
            if (history.size() != CHANGES + 1 || history.get(CHANGES).compareTo(price(CHANGES)) != 0) {
                throw new IllegalStateException(system.name() + " returned a price history of " + history.size()
                        + " changes, expected " + (CHANGES + 1) + ": " + history);
            }
            Product then = system.asOf("h0", instant);
            if (then == null || then.price().compareTo(price(CHANGES / 2)) != 0) {
                throw new IllegalStateException(system.name() + " returned " + then + " at T, expected the price "
                        + price(CHANGES / 2));
            }
            List<Measurement> results = new ArrayList<>();
            results.addAll(timed("price changes of X", i -> system.priceHistory("h" + i % products)));
            results.addAll(timed("state of X at T", i -> system.asOf("h" + i % products, instant)));
            return results;
        } finally {
            writers.shutdownNow();
        }
    }

    private void forEachProduct(ExecutorService writers, IntConsumer write) throws Exception {
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < products; i++) {
            int product = i;
            done.add(writers.submit(() -> write.accept(product)));
        }
        for (Future<?> future : done) {
            future.get();
        }
    }

    private List<Measurement> timed(String query, IntConsumer call) {
        Histogram histogram = Statistics.latencies();
        // warm-up, then measure for the duration
        long warmEnd = System.nanoTime() + duration.toNanos() / 2;
        for (int i = 0; System.nanoTime() < warmEnd; i++) {
            call.accept(i);
        }
        long began = System.nanoTime();
        long end = began + duration.toNanos();
        int calls = 0;
        while (System.nanoTime() < end) {
            long start = System.nanoTime();
            call.accept(calls++);
            histogram.recordValue(System.nanoTime() - start);
        }
        double elapsed = System.nanoTime() - began;
        return List.of(
                Measurement.of(NAME, system.name(), query + ": ops/s", calls * 1e9 / elapsed, "ops/s"),
                Measurement.of(NAME, system.name(), query + ": p50", Statistics.micros(histogram, 50), "us"));
    }
}
