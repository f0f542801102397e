package dev.lithair.benchmarks.harness;

import java.time.Duration;
import java.util.List;

/**
 * How much the harness measures: the full plan (about 15-20 minutes on 2 calm cores) or the quick one CI runs (under 3 minutes, so the harness cannot rot; its figures are not
 * meant to be read).
 *
 * @param writeCap each write phase stops at this duration even before {@code writeOps} calls
 */
public record Plan(boolean quick, int runs, int writeOps, Duration writeCap, List<Integer> readSizes, int historyProducts,
        Duration historyDuration, int restartEvents, Duration httpDuration, String childHeap, Duration childTimeout) {

    static final List<String> WRITE_SYSTEMS = List.of("lithair-always", "lithair-batch", "jpa-h2", "jpa-postgres",
            "eclipsestore", "physical-limit");
    static final List<String> READ_SYSTEMS = List.of("lithair-always", "jpa-h2", "jpa-postgres", "eclipsestore",
            "physical-limit");
    static final List<String> HISTORY_SYSTEMS = List.of("lithair-always", "jpa-h2");
    /** Read at the smallest size only: loading 1M rows into PostgreSQL takes minutes. */
    static final List<String> SMALL_READS_ONLY = List.of("jpa-postgres");
    static final List<String> NOT_IN_HEAP = List.of("jpa-h2", "jpa-postgres");
    /**
     * Systems whose data directory outlives the process: at the larger read sizes the first run loads
     * the products (and measures the heap they take), later runs open the same directory in a fresh
     * JVM, so that the full plan loads 1M products once per system instead of once per run (JPA on H2:
     * 88 s loading, 38 s reopening; Lithair 68 s and 43 s). EclipseStore is not among them: reopening
     * its lazily loaded map of 1M products took nearly as long as loading it.
     */
    static final List<String> REOPENABLE = List.of("lithair-always", "jpa-h2");
    static final List<String> HTTP_SYSTEMS = List.of("lithair-always", "jpa-h2");

    static Plan fullRun() {
        return new Plan(false, 3, 100_000, Duration.ofSeconds(2), List.of(10_000, 1_000_000), 1000, Duration.ofSeconds(2),
                1_000_000, Duration.ofSeconds(5), "3g", Duration.ofMinutes(5));
    }

    static Plan quickRun() {
        return new Plan(true, 1, 200, Duration.ofMillis(200), List.of(10_000), 50, Duration.ofMillis(300), 20_000,
                Duration.ofSeconds(1), "1g", Duration.ofMinutes(2));
    }

    Plan withRuns(int newRuns) {
        return new Plan(quick, newRuns, writeOps, writeCap, readSizes, historyProducts, historyDuration, restartEvents,
                httpDuration, childHeap, childTimeout);
    }
}
