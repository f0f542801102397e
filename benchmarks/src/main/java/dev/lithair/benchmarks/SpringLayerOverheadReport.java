package dev.lithair.benchmarks;

import java.io.IOException;
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
 * Reads the JMH JSON results of one or more {@link SpringLayerOverheadBenchmark} runs and prints, per
 * fsync policy, the time per call of each benchmark (each run's median iteration) and the ratios
 * Spring / engine: each run's own ratio, then the median of those ratios, against the 1.3x target.
 *
 * <p>Usage: {@code SpringLayerOverheadReport [--quick] result.json...}. The exit status is 1 when a
 * result is missing, or, without {@code --quick}, when a median ratio is above the target.
 */
public final class SpringLayerOverheadReport {

    static final double TARGET = 1.3;

    /** A ratio the target is about: the Spring call over the engine call it wraps. */
    record Pair(String name, String spring, String engine) {
    }

    static final List<Pair> PAIRS = List.of(
            new Pair("save / commit", "repositorySave", "storeCommit"),
            new Pair("findById / find", "repositoryFindById", "storeFind"),
            new Pair("findById / table get", "repositoryFindById", "tableGet"),
            new Pair("template save / commit", "templateSave", "storeCommit"),
            new Pair("template find / find", "templateFindById", "storeFind"),
            new Pair("AOT proxy / findById", "proxyFindById", "repositoryFindById"));

    /** The pairs the 1.3x target is about; the others say where the time goes. */
    static final List<String> TARGETED = List.of("save / commit", "findById / find");

    private SpringLayerOverheadReport() {
    }

    public static void main(String[] args) throws IOException {
        ReportArguments arguments = ReportArguments.parse(args, "SpringLayerOverheadReport");
        boolean quick = arguments.quick();
        List<Path> files = arguments.files();
        List<Map<String, Map<String, Double>>> runs = new ArrayList<>();
        for (Path file : files) {
            runs.add(read(file));
        }
        boolean complete = true;
        boolean met = true;
        for (String fsync : List.of("never", "always")) {
            System.out.printf(Locale.ROOT, "%nfsync=%s: ns per call (each run's median iteration)%n", fsync);
            for (String benchmark : List.of("repositorySave", "templateSave", "storeCommit", "repositoryFindById",
                    "proxyFindById", "templateFindById", "storeFind", "tableGet")) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-20s", benchmark));
                for (Map<String, Map<String, Double>> run : runs) {
                    Double nanos = run.getOrDefault(fsync, Map.of()).get(benchmark);
                    line.append(String.format(Locale.ROOT, "%12s", nanos == null ? "missing" : String.format(Locale.ROOT, "%,.0f", nanos)));
                    // a run restricted to some fsync policies (-p fsync=never) is complete without the others
                    complete &= nanos != null || !run.containsKey(fsync);
                }
                System.out.println(line);
            }
            for (Pair pair : PAIRS) {
                List<Double> ratios = new ArrayList<>();
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-22s", pair.name()));
                for (Map<String, Map<String, Double>> run : runs) {
                    Map<String, Double> byBenchmark = run.getOrDefault(fsync, Map.of());
                    Double spring = byBenchmark.get(pair.spring());
                    Double engine = byBenchmark.get(pair.engine());
                    if (spring != null && engine != null) {
                        ratios.add(spring / engine);
                        line.append(String.format(Locale.ROOT, " %.2fx", spring / engine));
                    } else {
                        line.append(" n/a");
                    }
                }
                double median = Statistics.median(ratios);
                boolean pass = median <= TARGET;
                if (TARGETED.contains(pair.name())) {
                    met &= pass;
                }
                line.append(TARGETED.contains(pair.name())
                        ? String.format(Locale.ROOT, "   median %.2fx (target <= %.1fx) %s", median, TARGET,
                                Double.isNaN(median) ? "n/a" : pass ? "PASS" : "MISS")
                        : String.format(Locale.ROOT, "   median %.2fx", median));
                System.out.println(line);
            }
        }
        System.out.println();
        if (quick) {
            System.out.println(complete ? "Quick mode: every benchmark ran; the target is not enforced."
                    : "Quick mode: some results are missing.");
            System.exit(complete ? 0 : 1);
        }
        System.exit(complete && met ? 0 : 1);
    }

    /** fsync -> benchmark -> median measurement iteration in ns/op, for one result file. */
    static Map<String, Map<String, Double>> read(Path file) throws IOException {
        Map<String, Map<String, Double>> results = new TreeMap<>();
        JsonNode root = JsonMapper.builder().build().readTree(Files.readString(file));
        for (JsonNode result : root) {
            String benchmark = result.get("benchmark").asString();
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            String fsync = result.get("params").get("fsync").asString();
            String unit = result.get("primaryMetric").get("scoreUnit").asString();
            if (!unit.equals("ns/op")) {
                throw new IllegalArgumentException(benchmark + " is in " + unit + ", expected ns/op");
            }
            List<Double> samples = new ArrayList<>();
            for (JsonNode fork : result.get("primaryMetric").get("rawData")) {
                for (JsonNode iteration : fork) {
                    samples.add(iteration.asDouble());
                }
            }
            results.computeIfAbsent(fsync, k -> new TreeMap<>()).put(method, Statistics.median(samples));
        }
        return results;
    }
}
