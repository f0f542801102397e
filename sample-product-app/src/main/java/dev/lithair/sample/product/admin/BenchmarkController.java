package dev.lithair.sample.product.admin;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.lithair.sample.product.web.InvalidRequestException;

/** {@code POST /api/admin/benchmark-engine?events=N&threads=T}: admins only (see the security configuration). */
@RestController
public class BenchmarkController {

    static final int MAX_EVENTS = 1_000_000;
    static final int MAX_THREADS = 64;

    private final EngineBenchmark benchmark;

    public BenchmarkController(EngineBenchmark benchmark) {
        this.benchmark = benchmark;
    }

    @PostMapping("/api/admin/benchmark-engine")
    public BenchmarkResult run(@RequestParam(defaultValue = "10000") int events,
            @RequestParam(defaultValue = "16") int threads) throws InterruptedException {
        if (events < 1 || events > MAX_EVENTS) {
            throw new InvalidRequestException("events must be between 1 and " + MAX_EVENTS + ", was " + events);
        }
        if (threads < 1 || threads > MAX_THREADS || threads > events) {
            throw new InvalidRequestException(
                    "threads must be between 1 and " + MAX_THREADS + " and at most events, was " + threads);
        }
        return benchmark.run(events, threads);
    }
}
