package dev.lithair.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the JMH JSON results of one or more {@link DurableAppendBenchmark} runs and prints durable
 * appends/s per implementation and thread count (the median of every measurement iteration of every
 * fork of every run), the ratios the targets are about, and PASS/MISS for each target.
 *
 * <p>Usage: {@code DurableAppendReport [--quick] result.json...}. With {@code --quick} the targets are
 * shown but not enforced: the exit status only says whether all nine results are present. Without
 * it, the exit status is 1 when a result is missing or a target is missed.
 */
public final class DurableAppendReport {

    static final String LITHAIR = "lithairCommit";
    static final String NAIVE = "naiveGroupCommit";
    static final String RAW = "rawForce";
    static final List<String> IMPLEMENTATIONS = List.of(LITHAIR, NAIVE, RAW);
    static final List<Integer> THREADS = List.of(1, 16, 64);

    /** One target: a measured value (a rate or a ratio of two medians) against a floor. */
    record Target(String name, double measured, double floor, boolean ratio) {
        boolean met() {
            return measured >= floor;
        }
    }

    private DurableAppendReport() {
    }

    public static void main(String[] args) throws IOException {
        ReportArguments arguments = ReportArguments.parse(args, "DurableAppendReport");
        boolean quick = arguments.quick();
        List<Path> files = arguments.files();
        // implementation -> threads -> samples (ops/s), pooled over files; and per file, for the per-run ratios
        Map<String, Map<Integer, List<Double>>> pooled = new TreeMap<>();
        List<Map<String, Map<Integer, List<Double>>>> perRun = new ArrayList<>();
        for (Path file : files) {
            Map<String, Map<Integer, List<Double>>> run = read(file);
            perRun.add(run);
            run.forEach((impl, byThreads) -> byThreads.forEach((threads, samples) -> pooled
                    .computeIfAbsent(impl, k -> new TreeMap<>()).computeIfAbsent(threads, k -> new ArrayList<>())
                    .addAll(samples)));
        }
        boolean complete = print(System.out, pooled, perRun, quick);
        List<Target> targets = targets(pooled);
        boolean allMet = targets.stream().allMatch(Target::met);
        if (quick) {
            System.out.println(complete ? "Quick mode: the harness ran all nine benchmarks; targets not enforced."
                    : "Quick mode: some results are missing.");
            System.exit(complete ? 0 : 1);
        }
        System.exit(complete && allMet ? 0 : 1);
    }

    /** Samples of one JMH result file: every measurement iteration of every fork, in ops/s. */
    static Map<String, Map<Integer, List<Double>>> read(Path file) throws IOException {
        Map<String, Map<Integer, List<Double>>> results = new TreeMap<>();
        JsonNode root = JsonMapper.builder().build().readTree(Files.readString(file));
        for (JsonNode result : root) {
            String benchmark = result.get("benchmark").asString();
            String impl = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            int threads = result.get("threads").asInt();
            String unit = result.get("primaryMetric").get("scoreUnit").asString();
            if (!unit.equals("ops/s")) {
                throw new IllegalArgumentException(benchmark + " is in " + unit + ", expected ops/s");
            }
            List<Double> samples = results.computeIfAbsent(impl, k -> new TreeMap<>())
                    .computeIfAbsent(threads, k -> new ArrayList<>());
            for (JsonNode fork : result.get("primaryMetric").get("rawData")) {
                for (JsonNode iteration : fork) {
                    samples.add(iteration.asDouble());
                }
            }
        }
        return results;
    }

    static double medianOf(Map<String, Map<Integer, List<Double>>> results, String impl, int threads) {
        Map<Integer, List<Double>> byThreads = results.get(impl);
        return byThreads == null ? Double.NaN : Statistics.median(byThreads.get(threads));
    }

    static List<Target> targets(Map<String, Map<Integer, List<Double>>> results) {
        double lithair1 = medianOf(results, LITHAIR, 1);
        double lithair16 = medianOf(results, LITHAIR, 16);
        double lithair64 = medianOf(results, LITHAIR, 64);
        return List.of(
                new Target("lithair / rawForce, 1 thread", lithair1 / medianOf(results, RAW, 1), 0.7, true),
                new Target("lithair / naiveGroupCommit, 16 threads", lithair16 / medianOf(results, NAIVE, 16), 1.2, true),
                new Target("lithair / naiveGroupCommit, 64 threads", lithair64 / medianOf(results, NAIVE, 64), 1.2, true),
                new Target("lithair ops/s, 64 threads", lithair64, 200_000, false));
    }

    private static boolean print(PrintStream out, Map<String, Map<Integer, List<Double>>> pooled,
            List<Map<String, Map<Integer, List<Double>>>> perRun, boolean quick) {
        boolean complete = true;
        out.println();
        out.printf(Locale.ROOT, "Durable appends/s (fsync before each acknowledgement): median of all measurement "
                + "iterations of %d run(s)%n%n", perRun.size());
        out.printf(Locale.ROOT, "%-8s", "threads");
        for (String impl : IMPLEMENTATIONS) {
            out.printf(Locale.ROOT, "%20s", impl);
        }
        out.printf(Locale.ROOT, "%12s%n", "samples");
        for (int threads : THREADS) {
            out.printf(Locale.ROOT, "%-8d", threads);
            int samples = Integer.MAX_VALUE;
            for (String impl : IMPLEMENTATIONS) {
                double median = medianOf(pooled, impl, threads);
                complete &= !Double.isNaN(median);
                out.printf(Locale.ROOT, "%20s", Double.isNaN(median) ? "missing" : String.format(Locale.ROOT, "%,.0f", median));
                List<Double> list = pooled.getOrDefault(impl, Map.of()).get(threads);
                samples = Math.min(samples, list == null ? 0 : list.size());
            }
            out.printf(Locale.ROOT, "%12d%n", samples);
        }
        out.println();
        out.printf(Locale.ROOT, "%-42s%14s%14s  %s%n", "target", "measured", "goal", quick ? "(not enforced)" : "");
        for (Target target : targets(pooled)) {
            out.printf(Locale.ROOT, "%-42s%14s%14s  %s%n", target.name(), format(target, target.measured()),
                    ">= " + format(target, target.floor()), target.met() ? "PASS" : "MISS");
        }
        if (perRun.size() > 1) {
            out.println();
            out.println("Per run (each run's own medians):");
            for (int i = 0; i < perRun.size(); i++) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  run %d:", i + 1));
                for (Target target : targets(perRun.get(i))) {
                    line.append(String.format(Locale.ROOT, "  %s", format(target, target.measured())));
                }
                out.println(line);
            }
            out.println("  (columns: the four targets above, in order)");
            StringBuilder medians = new StringBuilder("  median of the runs:");
            List<Target> pooledTargets = targets(pooled);
            for (int t = 0; t < pooledTargets.size(); t++) {
                List<Double> values = new ArrayList<>();
                for (Map<String, Map<Integer, List<Double>>> run : perRun) {
                    double value = targets(run).get(t).measured();
                    if (!Double.isNaN(value)) {
                        values.add(value);
                    }
                }
                Target target = pooledTargets.get(t);
                medians.append(String.format(Locale.ROOT, "  %s", format(target, Statistics.median(values))));
            }
            out.println(medians);
            out.println("  (on a noisy machine the median of the runs' ratios, each from one run, is steadier than the");
            out.println("  ratio of the pooled medians above, which mixes runs taken under different conditions)");
        }
        out.println();
        return complete;
    }

    private static String format(Target target, double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return target.ratio() ? String.format(Locale.ROOT, "%.2fx", value) : String.format(Locale.ROOT, "%,.0f/s", value);
    }
}
