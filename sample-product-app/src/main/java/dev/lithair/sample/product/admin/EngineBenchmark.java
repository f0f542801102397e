package dev.lithair.sample.product.admin;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.task.TaskDecorator;
import org.springframework.security.concurrent.DelegatingSecurityContextExecutorService;
import org.springframework.stereotype.Service;

import dev.lithair.sample.product.catalog.Product;
import dev.lithair.sample.product.catalog.ProductRepository;
import dev.lithair.spring.tenancy.TenantTaskDecorator;

/**
 * Runs product events through the repository, as the application's own writes go, and measures them:
 * each of {@code threads} writers creates its own products (category {@value #CATEGORY}), then updates
 * their prices in turn, timing every save. The products are deleted afterwards (untimed), so the
 * catalogue is as before. One run at a time.
 */
@Service
public class EngineBenchmark {

    static final String CATEGORY = "benchmark";

    /** Products per writer: enough that consecutive updates of one product are rare. */
    private static final int PRODUCTS_PER_THREAD = 100;

    private final ProductRepository products;
    private final String fsync;
    /** Carries the shop the run was started in to the writers (the tenants profile); none otherwise. */
    private final TaskDecorator tenant;
    private final AtomicBoolean running = new AtomicBoolean();

    public EngineBenchmark(ProductRepository products, @Value("${lithair.storage.fsync:always}") String fsync,
            ObjectProvider<TenantTaskDecorator> tenant) {
        this.products = products;
        this.fsync = fsync;
        TaskDecorator decorator = tenant.getIfAvailable();
        this.tenant = decorator != null ? decorator : task -> task;
    }

    /**
     * @throws BenchmarkRunningException when another run is in progress
     */
    public BenchmarkResult run(int events, int threads) throws InterruptedException {
        if (!running.compareAndSet(false, true)) {
            throw new BenchmarkRunningException();
        }
        // Writers act as the caller, so the events' actor is the admin who started the run.
        ExecutorService writers = new DelegatingSecurityContextExecutorService(Executors.newFixedThreadPool(threads));
        try {
            List<Future<Writer>> started = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int share = events / threads + (t < events % threads ? 1 : 0);
                Writer writer = new Writer(t, share);
                started.add(writers.submit(tenant.decorate(writer::run), writer));
            }
            List<Writer> done = new ArrayList<>();
            for (Future<Writer> writer : started) {
                done.add(writer.get());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] latencies = done.stream().flatMapToLong(writer -> Arrays.stream(writer.latencies)).sorted()
                    .toArray();
            done.forEach(Writer::deleteProducts);
            return new BenchmarkResult(events, threads, fsync, seconds, Math.round(events / seconds),
                    percentile(latencies, 0.50), percentile(latencies, 0.99), latencies[latencies.length - 1] / 1000);
        } catch (ExecutionException e) {
            throw new IllegalStateException("A benchmark writer failed: " + e.getCause(), e.getCause());
        } finally {
            writers.shutdownNow();
            running.set(false);
        }
    }

    private static long percentile(long[] sortedNanos, double quantile) {
        int index = (int) Math.ceil(quantile * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, index)] / 1000;
    }

    /** One writer's events: creations of its products, then price updates round-robin. Confined to its thread. */
    private final class Writer {

        private final int number;
        private final long[] latencies;
        private final List<Product> owned = new ArrayList<>();

        Writer(int number, int events) {
            this.number = number;
            this.latencies = new long[events];
        }

        Writer run() {
            for (int i = 0; i < latencies.length; i++) {
                long start = System.nanoTime();
                if (i < PRODUCTS_PER_THREAD) {
                    owned.add(products.save(Product.newProduct(null, "bench-" + number + "-" + i, CATEGORY,
                            BigDecimal.valueOf(100 + i))));
                } else {
                    int slot = i % owned.size();
                    Product current = owned.get(slot);
                    owned.set(slot, products.save(current.edited(current.name(), CATEGORY,
                            current.price().add(BigDecimal.ONE), current.version())));
                }
                latencies[i] = System.nanoTime() - start;
            }
            return this;
        }

        void deleteProducts() {
            products.deleteAll(owned);
        }
    }
}
