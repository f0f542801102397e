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
            "eclipsestore", "axon", "physical-limit");
    static final List<String> READ_SYSTEMS = List.of("lithair-always", "jpa-h2", "jpa-postgres", "eclipsestore", "axon",
            "physical-limit");
    static final List<String> HISTORY_SYSTEMS = List.of("lithair-always", "jpa-h2", "axon");
    /** Read at the smallest size only, see {@link #smallReadsOnlyReason}. */
    static final List<String> SMALL_READS_ONLY = List.of("jpa-postgres", "axon");
    /** No heap per product measured, see {@link #notInHeapReason}. */
    static final List<String> NOT_IN_HEAP = List.of("jpa-h2", "jpa-postgres", "axon");
    /**
     * Systems whose data directory outlives the process: at the larger read sizes the first run loads
     * the products (and measures the heap they take), later runs open the same directory in a fresh
     * JVM, so that the full plan loads 1M products once per system instead of once per run (JPA on H2:
     * 88 s loading, 38 s reopening; Lithair 68 s and 43 s). EclipseStore is not among them: reopening
     * its lazily loaded map of 1M products took nearly as long as loading it.
     */
    static final List<String> REOPENABLE = List.of("lithair-always", "jpa-h2");
    static final List<String> HTTP_SYSTEMS = List.of("lithair-always", "jpa-h2");
    /**
     * Axon's history workload writes at most this many products, to keep its share of the full run near 2
     * minutes: 20 of a product's 21 writes are commands that first load the aggregate's events, in a JVM the
     * workload does not warm up; 1,000 products took over a minute a run on 2 cores, 100 about 15 s. The
     * history queries read one product's 21 events whatever the number of products.
     */
    static final int AXON_HISTORY_PRODUCTS = 50;

    static Plan fullRun() {
        return new Plan(false, 3, 100_000, Duration.ofSeconds(2), List.of(10_000, 1_000_000), 1000, Duration.ofSeconds(2),
                1_000_000, Duration.ofSeconds(10), "3g", Duration.ofMinutes(5));
    }

    static Plan quickRun() {
        return new Plan(true, 1, 200, Duration.ofMillis(200), List.of(10_000), 20, Duration.ofMillis(300), 20_000,
                Duration.ofSeconds(1), "1g", Duration.ofMinutes(2));
    }

    /** The number of products the history workload writes on a system. */
    int historyProducts(String system) {
        return system.equals("axon") ? Math.min(historyProducts, AXON_HISTORY_PRODUCTS) : historyProducts;
    }

    static String smallReadsOnlyReason(String system) {
        if (system.equals("axon")) {
            return "loading 1M products (1M creation events through Axon's JPA event store, 1,000 per transaction) "
                    + "would take about 6 minutes a run (200K took 80 s on this machine), beyond Axon's share of the "
                    + "run's time; measured at 10K only";
        }
        return "loading 1M rows takes longer than the whole workload's time budget; measured at 10K only";
    }

    static String notInHeapReason(String system) {
        if (system.equals("axon")) {
            return "its state is its events, in H2; the heap holds the harness's in-memory read projection and "
                    + "H2's caches, which would not say what Axon's storage costs";
        }
        return "keeps its state in the database, not in the application's heap";
    }

    Plan withRuns(int newRuns) {
        return new Plan(quick, newRuns, writeOps, writeCap, readSizes, historyProducts, historyDuration, restartEvents,
                httpDuration, childHeap, childTimeout);
    }
}
