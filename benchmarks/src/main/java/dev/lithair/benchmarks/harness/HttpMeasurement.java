package dev.lithair.benchmarks.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.lithair.testsupport.TestDirectories;

/**
 * HTTP: {@code GET /api/products/{id}} (random ids) under load from wrk, a separate process on
 * loopback, against the benchmark server ({@link dev.lithair.benchmarks.harness.http.HttpBenchServer})
 * backed by each system, and {@code GET /constant/products/{id}} of the same server (the web stack's
 * own cost). wrk and the server share the machine's cores.
 */
final class HttpMeasurement {

    static final String NAME = "http";
    static final int PRODUCTS = 10_000;
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+([0-9]+)");

    private final HarnessRunner runner;

    HttpMeasurement(HarnessRunner runner) {
        this.runner = runner;
    }

    void run() throws Exception {
        if (!wrkInstalled()) {
            for (String system : runner.selected(Plan.HTTP_SYSTEMS)) {
                runner.add(Measurement.notAvailable(NAME, system, "GET /api/products/{id}",
                        "wrk is not installed (apt-get install -y wrk; benchmarks/run.sh installs it when it can)"));
            }
            return;
        }
        for (String system : runner.selected(Plan.HTTP_SYSTEMS)) {
            Path dataDir = runner.newDataDir("http-" + system);
            HarnessRunner.Child server = runner.start("http-server-" + system, "http-server", system, dataDir,
                    "products=" + PRODUCTS);
            try {
                String[] line = new String[1];
                if (server.awaitLine(WorkloadProcess.LISTENING, runner.plan().childTimeout(), line) < 0) {
                    runner.problem(NAME, system, server.failure());
                    continue;
                }
                int port = Integer.parseInt(line[0].split(" ")[1]);
                for (int run = 1; run <= runner.plan().runs(); run++) {
                    load(system, port, "/api/products/", "GET /api/products/{id}", run);
                    if (system.equals(Plan.HTTP_SYSTEMS.get(0))) {
                        load("constant", port, "/constant/products/", "GET /api/products/{id}", run);
                    }
                }
            } finally {
                server.process.getOutputStream().close();
                if (!server.process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    server.process.destroyForcibly().waitFor();
                }
                TestDirectories.deleteRecursively(dataDir);
            }
        }
    }

    private void load(String system, int port, String path, String metric, int run) throws Exception {
        Path script = Files.createTempFile("wrk-", ".lua");
        try {
            Files.writeString(script, "request = function()\n  return wrk.format(\"GET\", \"" + path
                    + "p\" .. math.random(0, " + (PRODUCTS - 1) + "))\nend\n", StandardCharsets.UTF_8);
            Duration duration = runner.plan().httpDuration();
            // Warm-up, then the measured run.
            for (boolean measured : List.of(false, true)) {
                Process wrk = new ProcessBuilder("wrk", "-t1", "-c16", "-d" + (measured ? duration.toSeconds() : Math.max(1,
                        duration.toSeconds() / 2)) + "s", "--latency", "-s", script.toString(),
                        "http://127.0.0.1:" + port).redirectErrorStream(true).start();
                String output = HarnessRunner.readAll(wrk);
                wrk.waitFor();
                if (!measured) {
                    continue;
                }
                Matcher rate = RATE.matcher(output);
                Matcher errors = NON_2XX.matcher(output);
                if (!rate.find() || errors.find() || Double.parseDouble(rate.group(1)) == 0) {
                    runner.problem(NAME, system, "wrk completed no request, or got non-2xx responses: "
                            + output.replace('\n', ' '));
                    return;
                }
                System.out.printf("  %-16s run %d: %s req/s%n", system, run, rate.group(1));
                runner.add(Measurement.of(NAME, system, metric + ": req/s", Double.parseDouble(rate.group(1)), "req/s"));
                runner.add(Measurement.of(NAME, system, metric + ": p50", percentile(output, "50%"), "us"));
                runner.add(Measurement.of(NAME, system, metric + ": p99", percentile(output, "99%"), "us"));
            }
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** A latency line of wrk's {@code --latency} distribution, e.g. {@code 50%  412.00us}, in microseconds. */
    static double percentile(String output, String label) {
        Matcher matcher = Pattern.compile("\\s" + Pattern.quote(label) + "\\s+([0-9.]+)(us|ms|s)").matcher(output);
        if (!matcher.find()) {
            return Double.NaN;
        }
        double value = Double.parseDouble(matcher.group(1));
        switch (matcher.group(2)) {
            case "ms":
                return value * 1000;
            case "s":
                return value * 1_000_000;
            default:
                return value;
        }
    }

    static boolean wrkInstalled() {
        try {
            Process probe = new ProcessBuilder("wrk", "-v").redirectErrorStream(true).start();
            HarnessRunner.readAll(probe);
            probe.waitFor();
            return true;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
