package dev.lithair.benchmarks.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import dev.lithair.testsupport.TestDirectories;

/**
 * Restart: time from process start to ready (the Spring Boot application started and its
 * repository answering {@code count()} with every entity) for Lithair on a data directory of
 * {@code restartEvents} creation events, without and with a snapshot; and on an empty directory,
 * the JVM's and Spring's own share. Twice: the harness's products (one index, no history), and the
 * HTTP shop (a web application) with its items, whose two fully historized fields, index, unique sku
 * and version are what a load pays for. Measured by the runner around a child process.
 */
final class RestartMeasurement {

    static final String NAME = "restart";

    private final HarnessRunner runner;

    RestartMeasurement(HarnessRunner runner) {
        this.runner = runner;
    }

    void run() throws Exception {
        if (runner.selected("lithair-always")) {
            measureLithair();
        }
        notesOnPeers();
    }

    /**
     * The harness's products (one index, no history), then the HTTP shop's items (two fully historized
     * fields, an index, a unique sku, a version), each beside the same application on an empty store.
     */
    private void measureLithair() throws Exception {
        Plan plan = runner.plan();
        int events = plan.restartEvents();
        String scale = events >= 1_000_000 ? (events / 1_000_000) + "M" : (events / 1000) + "K";
        for (String entity : List.of("product", "item")) {
            boolean items = entity.equals("item");
            for (boolean snapshot : List.of(false, true)) {
                Path dataDir = runner.newDataDir("restart-" + entity + "-" + snapshot);
                try {
                    HarnessRunner.Child prepare = runner.start("restart-prepare-" + entity + "-" + snapshot,
                            "restart-prepare", "lithair-always", dataDir, "events=" + events, "snapshot=" + snapshot,
                            "entity=" + entity);
                    prepare.await(plan.childTimeout());
                    if (prepare.failure() != null) {
                        runner.problem(NAME, "lithair-always", "preparing " + scale + " " + entity + "s "
                                + prepare.failure());
                        continue;
                    }
                    String metric = "ready, " + scale + (items ? " shop items, " : " events, ")
                            + (snapshot ? "from a snapshot" : "log replay, no snapshot");
                    timeToReady(metric, dataDir, events, entity);
                } finally {
                    TestDirectories.deleteRecursively(dataDir);
                }
            }
            Path empty = runner.newDataDir("restart-" + entity + "-empty");
            try {
                timeToReady(items ? "ready, empty shop (JVM + Spring Boot + web)" : "ready, empty (JVM + Spring Boot)",
                        empty, 0, entity);
            } finally {
                TestDirectories.deleteRecursively(empty);
            }
        }
    }

    private void notesOnPeers() {
        for (String peer : runner.selected(List.of("jpa-h2", "jpa-postgres"))) {
            runner.add(Measurement.notAvailable(NAME, peer, "ready",
                    "loads no data at start-up (the state stays in the database), so there is nothing comparable to replay"));
        }
        if (runner.selected("axon")) {
            runner.add(Measurement.notAvailable(NAME, "axon", "ready", "loads nothing at start-up: the events stay in "
                    + "H2 and a command loads its aggregate's events when it runs, so there is nothing comparable to "
                    + "replay (the harness's in-memory read projection would need a tracking processor replaying the "
                    + "whole event store, which it does not configure)"));
        }
    }

    private void timeToReady(String metric, Path dataDir, int events, String entity) throws Exception {
        for (int run = 1; run <= runner.plan().runs(); run++) {
            HarnessRunner.Child child = runner.start("restart-target-" + run, "restart-target", "lithair-always", dataDir,
                    "events=" + events, "entity=" + entity);
            String[] line = new String[1];
            long nanos = child.awaitLine(WorkloadProcess.READY, runner.plan().childTimeout(), line);
            child.await(Duration.ofMinutes(1));
            if (nanos < 0) {
                runner.problem(NAME, "lithair-always", metric + ": " + child.failure());
                return;
            }
            System.out.printf("  lithair-always   %s, run %d: %d ms%n", metric, run, nanos / 1_000_000);
            runner.add(Measurement.of(NAME, "lithair-always", metric, nanos / 1e9, "s"));
        }
    }
}
