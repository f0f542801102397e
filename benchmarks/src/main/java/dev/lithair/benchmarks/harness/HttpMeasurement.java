package dev.lithair.benchmarks.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.lithair.testsupport.TestDirectories;

/**
 * HTTP: a shop application ({@link dev.lithair.benchmarks.harness.http.ShopServer}: Spring MVC on
 * Tomcat, Spring Security, Actuator) on each system, loaded by wrk (2 threads, 64 connections, a
 * separate process on loopback sharing the machine's cores): {@code GET} by id, {@code POST} creates,
 * {@code PUT} updates (read, then written with its {@code @Version}), and a mix of 90% reads and 10%
 * updates. Beside them, on the Lithair shop, the same server's ceiling: a {@code GET} answering a
 * constant and a {@code POST} parsing the body and answering it, storing nothing. When a JDK 21 or
 * later is found, the Lithair shop again with its requests on virtual threads, beside its own ceiling.
 * Rates count 2xx answers only.
 */
final class HttpMeasurement {

    static final String NAME = "http";
    static final String CEILING = "ceiling";
    /** The Lithair shop with its requests on virtual threads, on a JDK 21+, beside its own ceiling. */
    static final String VIRTUAL = "lithair-virtual";
    static final String VIRTUAL_CEILING = "ceiling-virtual";
    static final int ITEMS = 10_000;
    static final String GET = "GET /api/items/{id}";
    static final String POST = "POST /api/items";
    static final String PUT = "PUT /api/items/{id}";
    static final String MIXED = "90% GET / 10% PUT";
    /** More non-2xx answers than this share of a load (update conflicts aside) make it a failed measurement. */
    private static final double MAX_NON_2XX = 0.01;

    private static final Pattern REQUESTS = Pattern.compile("([0-9]+) requests in ([0-9.]+)(us|ms|s|m)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+([0-9]+)");

    /** One load: its name in the report, and the Lua script that makes wrk's requests under a path prefix. */
    private record Load(String metric, String script) {
    }

    private final HarnessRunner runner;

    HttpMeasurement(HarnessRunner runner) {
        this.runner = runner;
    }

    void run() throws Exception {
        if (!wrkInstalled()) {
            for (String system : runner.selected(Plan.HTTP_SYSTEMS)) {
                runner.add(Measurement.notAvailable(NAME, system, "*",
                        "wrk is not installed (apt-get install -y wrk; benchmarks/run.sh installs it when it can)"));
            }
            return;
        }
        for (String system : runner.selected(Plan.HTTP_SYSTEMS)) {
            boolean lithair = system.equals(Plan.HTTP_SYSTEMS.get(0));
            measure(system, system, runner.java(), lithair ? CEILING : null);
            String virtualJava = Machine.javaWithVirtualThreads();
            if (lithair && virtualJava != null) {
                measure(VIRTUAL, system, virtualJava, VIRTUAL_CEILING, "spring.threads.virtual.enabled=true");
            }
        }
    }

    /**
     * Starts the shop of {@code system} on {@code java}, loads it, and stops it.
     *
     * @param name    the column its figures go to
     * @param ceiling the column of the same server's ceiling, or {@code null} to measure none
     */
    private void measure(String name, String system, String java, String ceiling, String... properties)
            throws Exception {
        Path dataDir = runner.newDataDir("http-" + name);
        List<String> options = new ArrayList<>(List.of("items=" + ITEMS));
        options.addAll(List.of(properties));
        HarnessRunner.Child server = runner.start(java, "http-server-" + name, "http-server", system, dataDir,
                options.toArray(String[]::new));
        try {
            String[] line = new String[1];
            if (server.awaitLine(WorkloadProcess.LISTENING, runner.plan().childTimeout(), line) < 0) {
                runner.problem(NAME, name, server.failure());
                return;
            }
            int port = Integer.parseInt(line[0].split(" ")[1]);
            for (int run = 1; run <= runner.plan().runs(); run++) {
                for (Load load : loads()) {
                    // The ceiling right after the system, so that both see the same machine.
                    load(name, port, "/api", load, run);
                    if (ceiling != null) {
                        load(ceiling, port, "/ceiling", load, run);
                    }
                }
            }
        } finally {
            server.process.getOutputStream().close();
            if (!server.process.waitFor(20, TimeUnit.SECONDS)) {
                server.process.destroyForcibly().waitFor();
            }
            TestDirectories.deleteRecursively(dataDir);
        }
    }

    /**
     * The four loads. Creates carry a sku unique to the script's run ({@code tag}), thread and request,
     * since the shop refuses a second item with the same sku; updates change name and price of a random
     * stored item. On the ceiling, an update is answered as a create is (parsed and echoed).
     */
    private static List<Load> loads() {
        String common = """
                local counter = 0
                local thread_count = 0
                function setup(thread)
                  thread:set("thread_id", thread_count)
                  thread_count = thread_count + 1
                end
                -- every thread's random ids of its own: with one seed, threads update the same items in step
                function init(args)
                  math.randomseed(os.time() * 16 + thread_id)
                end
                local json = { ["Content-Type"] = "application/json" }
                local function item_path(prefix)
                  return prefix .. "/items/i" .. math.random(0, %d)
                end
                local function get(prefix)
                  return wrk.format("GET", item_path(prefix))
                end
                local function create(prefix)
                  counter = counter + 1
                  local body = '{"name":"Item ' .. counter .. '","category":"category-' .. (counter %% 50)
                    .. '","price":' .. (1000 + counter %% 9000) / 100 .. ',"sku":"%s-' .. thread_id .. '-' .. counter .. '"}'
                  return wrk.format("POST", prefix .. "/items", json, body)
                end
                local function update(prefix)
                  counter = counter + 1
                  local body = '{"name":"Item renamed ' .. counter .. '","price":' .. (1000 + counter %% 9000) / 100 .. '}'
                  if prefix == "/ceiling" then
                    return wrk.format("POST", prefix .. "/items", json, body)
                  end
                  return wrk.format("PUT", item_path(prefix), json, body)
                end
                """;
        return List.of(
                new Load(GET, common + "request = function() return get(PREFIX) end\n"),
                new Load(POST, common + "request = function() return create(PREFIX) end\n"),
                new Load(PUT, common + "request = function() return update(PREFIX) end\n"),
                new Load(MIXED, common + "request = function()\n  if math.random() < 0.9 then return get(PREFIX) end\n"
                        + "  return update(PREFIX)\nend\n"));
    }

    private void load(String system, int port, String prefix, Load load, int run) throws Exception {
        Path script = Files.createTempFile("wrk-", ".lua");
        try {
            Duration duration = runner.plan().httpDuration();
            // Warm-up, then the measured run; each with skus of its own.
            for (boolean measured : List.of(false, true)) {
                String tag = "s" + System.nanoTime();
                Files.writeString(script, String.format(Locale.ROOT, load.script().replace("PREFIX", "\"" + prefix + "\""),
                        ITEMS - 1, tag), StandardCharsets.UTF_8);
                long seconds = measured ? duration.toSeconds() : Math.max(1, duration.toSeconds() / 2);
                Process wrk = new ProcessBuilder("wrk", "-t2", "-c64", "-d" + seconds + "s", "--latency", "-s",
                        script.toString(), "http://127.0.0.1:" + port).redirectErrorStream(true).start();
                String output = HarnessRunner.readAll(wrk);
                wrk.waitFor();
                if (!measured) {
                    continue;
                }
                Matcher requests = REQUESTS.matcher(output);
                if (!requests.find() || Long.parseLong(requests.group(1)) == 0) {
                    runner.problem(NAME, system, load.metric() + ": wrk completed no request: " + output.replace('\n', ' '));
                    return;
                }
                long total = Long.parseLong(requests.group(1));
                Matcher errors = NON_2XX.matcher(output);
                long failed = errors.find() ? Long.parseLong(errors.group(1)) : 0;
                if (failed > total * MAX_NON_2XX) {
                    runner.problem(NAME, system, load.metric() + ": " + failed + " of " + total
                            + " answers were not 2xx: " + output.replace('\n', ' '));
                    return;
                }
                double rate = (total - failed) / (micros(requests.group(2), requests.group(3)) / 1_000_000);
                System.out.printf(Locale.ROOT, "  %-16s %-20s run %d: %,.0f req/s (%d not 2xx)%n", system, load.metric(),
                        run, rate, failed);
                runner.add(Measurement.of(NAME, system, load.metric() + ": req/s", rate, "req/s"));
                runner.add(Measurement.of(NAME, system, load.metric() + ": p50", percentile(output, "50%"), "us"));
                runner.add(Measurement.of(NAME, system, load.metric() + ": p99", percentile(output, "99%"), "us"));
            }
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** A latency line of wrk's {@code --latency} distribution, e.g. {@code 50%  412.00us}, in microseconds. */
    static double percentile(String output, String label) {
        Matcher matcher = Pattern.compile("\\s" + Pattern.quote(label) + "\\s+([0-9.]+)(us|ms|s|m)\\b").matcher(output);
        if (!matcher.find()) {
            return Double.NaN;
        }
        return micros(matcher.group(1), matcher.group(2));
    }

    /** A wrk duration, e.g. {@code 412.00} {@code us}, in microseconds. */
    private static double micros(String value, String unit) {
        double number = Double.parseDouble(value);
        switch (unit) {
            case "ms":
                return number * 1000;
            case "s":
                return number * 1_000_000;
            case "m":
                return number * 60_000_000;
            default:
                return number;
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
