package dev.lithair.benchmarks.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Writes the harness's Markdown report: the machine, the targets with PASS/MISS, then one table per
 * workload (a row per metric, a column per system: the median of the runs, its ratio to Lithair and
 * to the physical limit), the durability each system was given, and why cells are "n/a".
 */
final class ResultsReport {

    /** A target of the issue, checked on the medians. */
    record Target(String name, double measured, String goal, boolean met, String how) {
    }

    /** How the Axon peer is set up, for the notes on the peers. */
    static final String AXON_SETUP = "Axon Framework 4.13.0 (axon-bom), configured with its `DefaultConfigurer` in plain "
            + "Java (its Spring Boot starter targets Boot 3): a `ProductAggregate` event-sourced through Axon's "
            + "`EventSourcingRepository`, its events in Axon's JPA event store (`JpaEventStorageEngine`, Hibernate 7, "
            + "the same H2 file settings and pool as `jpa-h2`), serialized by Axon's `JacksonSerializer` (Jackson 2). "
            + "A write is a command sent with `CommandGateway.sendAndWait`; an update first loads the aggregate (a select "
            + "of its events and their replay). findById and findByCategory are queries on Axon's query bus answered "
            + "from an in-memory projection kept by a subscribing event processor (Axon's write side has no query by "
            + "field); bulk loads publish creation events to the event store, 1,000 per unit of work. History: the "
            + "product's event stream (`EventStore.readEvents`), its price events; as-of: the aggregate rebuilt by its "
            + "own event-sourcing handlers from its events up to T; written on " + Plan.AXON_HISTORY_PRODUCTS
            + " products (each product's stream has the same 21 events, only the writing takes longer with more)";

    private ResultsReport() {
    }

    static void write(Path file, String chartName, Plan plan, List<Measurement> measurements, List<String> problems,
            Duration took, String loadBefore, String loadAfter) throws IOException {
        ResultsTable table = new ResultsTable(measurements);
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results, ").append(Instant.now().toString(), 0, 16).append(" UTC")
                .append(plan.quick() ? " (quick mode: a smoke test, figures not meaningful)" : "").append("\n\n");
        md.append("Machine: ").append(Machine.description()).append(". Load average ").append(loadBefore)
                .append(" before, ").append(loadAfter).append(" after; the machine is shared with other work, so ")
                .append("the ratios measured in the same run say more than the absolute figures.\n\n");
        String how = took == null ? "written from the logs a run left (`HarnessRunner --from-logs`)"
                : String.format(Locale.ROOT, "%d min %d s in all", took.toMinutes(), took.toSecondsPart());
        md.append(String.format(Locale.ROOT, "Every figure is the median of %d run(s), each in a fresh JVM "
                + "(`benchmarks/run.sh%s`, %s); a cell with fewer runs says so. Ratios are system / %s (\"x L\") and "
                + "system / %s (\"x lim\") on the same metric; for rates higher is better, for latencies (us, ns, s) "
                + "and bytes lower is better.%n%n", plan.runs(), plan.quick() ? " --quick" : "", how,
                ResultsTable.LITHAIR, ResultsTable.LIMIT));
        md.append("![chart](").append(chartName).append(")\n\n");
        md.append("## Targets\n\n| target | measured | goal | |\n|---|---:|---:|---|\n");
        for (Target target : targets(table)) {
            md.append("| ").append(target.name()).append(" | ").append(Double.isNaN(target.measured()) ? "n/a"
                    : format(target.measured())).append(" | ").append(target.goal()).append(" | ")
                    .append(Double.isNaN(target.measured()) ? "n/a" : target.met() ? "met" : "**missed**")
                    .append(" |\n");
        }
        md.append("\n");
        for (String workload : table.workloads()) {
            appendWorkload(md, table, workload, plan);
        }
        md.append("## Durability as configured\n\n");
        for (String system : SystemsUnderTest.ALL) {
            md.append("- `").append(system).append("`: ").append(SystemsUnderTest.durability(system)).append("\n");
        }
        md.append("\nNotes on the peers:\n\n")
                .append("- `jpa-*`: `repository.save` of a detached entity with an assigned id (a select, then an insert "
                        + "or an update, one transaction each), Hikari pool of 64; reads through derived queries "
                        + "(`findTop20ByCategory`); bulk loads for the read workload by batched JDBC inserts.\n")
                .append("- `eclipsestore`: products in a `LazyHashMap` (a new product stores one segment; with a plain "
                        + "`HashMap` every create would store the whole map), every access under one lock (the graph is "
                        + "not thread-safe), the category index a map kept by the application. `LazyHashMap.get` walks "
                        + "its segments, which is what its findById figure shows.\n")
                .append("- `axon`: ").append(AXON_SETUP).append("\n");
        if (!problems.isEmpty()) {
            md.append("\n## Problems during the run\n\n");
            problems.forEach(p -> md.append("- ").append(p).append("\n"));
        }
        Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
    }

    private static void appendWorkload(StringBuilder md, ResultsTable table, String workload, Plan plan) {
        List<String> systems = table.systems(workload);
        md.append("## ").append(title(workload, plan)).append("\n\n| metric |");
        systems.forEach(s -> md.append(" ").append(s).append(" |"));
        md.append("\n|---|");
        systems.forEach(s -> md.append("---:|"));
        md.append("\n");
        for (String metric : table.metrics(workload)) {
            String unit = table.unit(workload, metric);
            md.append("| ").append(metric).append(unit.isEmpty() || metric.endsWith(unit) ? "" : " (" + unit + ")")
                    .append(" |");
            double lithair = table.median(workload, metric, ResultsTable.LITHAIR);
            double limit = table.median(workload, metric, ResultsTable.LIMIT);
            for (String system : systems) {
                double value = table.median(workload, metric, system);
                if (Double.isNaN(value)) {
                    md.append(" n/a |");
                    continue;
                }
                md.append(" ").append(format(value));
                int samples = table.samples(workload, metric, system);
                if (samples < plan.runs()) {
                    md.append(" (").append(samples).append(samples == 1 ? " run" : " runs").append(")");
                }
                StringBuilder ratios = new StringBuilder();
                if (!system.equals(ResultsTable.LITHAIR) && !Double.isNaN(lithair) && lithair != 0) {
                    ratios.append(String.format(Locale.ROOT, "%.2fx L", value / lithair));
                }
                if (!system.equals(ResultsTable.LIMIT) && !Double.isNaN(limit) && limit != 0) {
                    ratios.append(ratios.length() > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.2fx lim", value / limit));
                }
                if (ratios.length() > 0) {
                    md.append("<br>").append(ratios);
                }
                md.append(" |");
            }
            md.append("\n");
        }
        boolean header = false;
        for (String system : systems) {
            String reason = table.missing(workload, system);
            if (reason != null) {
                if (!header) {
                    md.append("\nn/a:\n");
                    header = true;
                }
                md.append("- `").append(system).append("`: ").append(reason).append("\n");
            }
        }
        md.append("\n");
    }

    private static String title(String workload, Plan plan) {
        switch (workload) {
            case "writes":
                return String.format(Locale.ROOT, "Durable writes: %,d creates then %,d updates per thread count, "
                        + "or %.1f s a phase, whichever comes first", plan.writeOps(), plan.writeOps(),
                        plan.writeCap().toMillis() / 1000.0);
            case "reads":
                return "Reads by id and by the indexed category (first page of 20), one thread; ops/s from JMH, "
                        + "p50 from single timed calls";
            case "history":
                return String.format(Locale.ROOT, "History: %,d products (Axon: %,d) x %d price changes; Lithair's "
                        + "history and as-of read vs Hibernate Envers on H2 and Axon's event streams",
                        plan.historyProducts(), plan.historyProducts("axon"), HistoryWorkload.CHANGES);
            case "restart":
                return "Restart: process start to ready (Spring Boot started, repository answering), in a child process";
            case "memory":
                return "Memory: heap the system holds for the products loaded for the reads (JOL: objects reachable "
                        + "from the system, after loading minus before), per product, vs their JSON";
            case "http":
                return String.format(Locale.ROOT, "HTTP: a shop application (Spring MVC on Tomcat, Spring Security with "
                        + "its own chain, Actuator; an item with two fields' history kept, an indexed field, a unique "
                        + "immutable one and `@Version`) on each system, %,d items stored, loaded by wrk (2 threads, 64 "
                        + "connections, %d s after a warm-up) on loopback: GET by random id, POST creates, PUT updates "
                        + "(read, then written with its version; 409 on a conflict), 90%% GET / 10%% PUT. `ceiling` is "
                        + "the same Lithair server answering a constant (GET) or parsing and echoing the body (POST, "
                        + "PUT), storing nothing; `lithair-virtual` and `ceiling-virtual` the same on a JDK 21+ with "
                        + "virtual threads. Rates count 2xx answers; p50/p99 from wrk's latency distribution",
                        HttpMeasurement.ITEMS, plan.httpDuration().toSeconds());
            default:
                return workload;
        }
    }

    static List<Target> targets(ResultsTable table) {
        double writes64 = table.median("writes", "creates, 64 threads: ops/s", ResultsTable.LITHAIR);
        double writes64H2 = table.median("writes", "creates, 64 threads: ops/s", "jpa-h2");
        double byId10k = table.median("reads", "findById 10K: ops/s", ResultsTable.LITHAIR);
        double byId10kMap = table.median("reads", "findById 10K: ops/s", ResultsTable.LIMIT);
        double byId1m = table.median("reads", "findById 1M: ops/s", ResultsTable.LITHAIR);
        double byId1mMap = table.median("reads", "findById 1M: ops/s", ResultsTable.LIMIT);
        double restart = table.median("restart", "ready, 1M events, log replay, no snapshot", ResultsTable.LITHAIR);
        double restartSnapshot = table.median("restart", "ready, 1M events, from a snapshot", ResultsTable.LITHAIR);
        double heap = table.median("memory", "heap / JSON, 1M", ResultsTable.LITHAIR);
        double post = table.median("http", HttpMeasurement.POST + ": req/s", ResultsTable.LITHAIR);
        double postCeiling = table.median("http", HttpMeasurement.POST + ": req/s", HttpMeasurement.CEILING);
        double postH2 = table.median("http", HttpMeasurement.POST + ": req/s", "jpa-h2");
        double postP99 = table.median("http", HttpMeasurement.POST + ": p99", ResultsTable.LITHAIR);
        double postP99H2 = table.median("http", HttpMeasurement.POST + ": p99", "jpa-h2");
        double get = table.median("http", HttpMeasurement.GET + ": req/s", ResultsTable.LITHAIR);
        double getCeiling = table.median("http", HttpMeasurement.GET + ": req/s", HttpMeasurement.CEILING);
        double postVirtual = table.median("http", HttpMeasurement.POST + ": req/s", HttpMeasurement.VIRTUAL);
        double postVirtualCeiling = table.median("http", HttpMeasurement.POST + ": req/s",
                HttpMeasurement.VIRTUAL_CEILING);
        double put = table.median("http", HttpMeasurement.PUT + ": req/s", ResultsTable.LITHAIR);
        double putCeiling = table.median("http", HttpMeasurement.PUT + ": req/s", HttpMeasurement.CEILING);
        return List.of(
                new Target("durable creates/s, 64 threads, fsync always", writes64, ">= 200,000", writes64 >= 200_000, ""),
                new Target("same, Lithair / JPA+H2", writes64 / writes64H2, ">= 10x", writes64 / writes64H2 >= 10, ""),
                new Target("findById time, Lithair repository / ConcurrentHashMap, 10K", byId10kMap / byId10k, "<= 2x",
                        byId10kMap / byId10k <= 2, ""),
                new Target("findById time, Lithair repository / ConcurrentHashMap, 1M", byId1mMap / byId1m, "<= 2x",
                        byId1mMap / byId1m <= 2, ""),
                new Target("restart with 1M events, no snapshot (s)", restart, "<= 2 s", restart <= 2, ""),
                new Target("restart with 1M events, from a snapshot (s)", restartSnapshot, "<= 2 s", restartSnapshot <= 2, ""),
                new Target("heap per product / JSON, 1M products", heap, "<= 1.2x", heap <= 1.2, ""),
                new Target("HTTP POST create / echo ceiling of the same server", post / postCeiling, ">= 0.8x",
                        post / postCeiling >= 0.8, ""),
                new Target("same, virtual threads (JDK 21+) / their echo ceiling", postVirtual / postVirtualCeiling,
                        ">= 0.8x", postVirtual / postVirtualCeiling >= 0.8, ""),
                new Target("HTTP POST create, Lithair / JPA+H2", post / postH2, ">= 1.2x", post / postH2 >= 1.2, ""),
                new Target("HTTP POST p99 latency, Lithair / JPA+H2", postP99 / postP99H2, "<= 1x", postP99 / postP99H2 <= 1,
                        ""),
                new Target("HTTP GET by id / constant ceiling", get / getCeiling, ">= 0.8x", get / getCeiling >= 0.8, ""),
                new Target("HTTP PUT update / echo ceiling", put / putCeiling, ">= 0.5x", put / putCeiling >= 0.5, ""));
    }

    static String format(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (magnitude >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
