package dev.lithair.benchmarks.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.lithair.benchmarks.Statistics;

/**
 * The measurements of every run folded into one figure per (workload, metric, system): the median
 * of the runs, and the reasons of the cells that could not be measured.
 */
final class ResultsTable {

    static final String LITHAIR = "lithair-always";
    static final String LIMIT = "physical-limit";

    private final Map<String, Map<String, Map<String, List<Double>>>> values = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> units = new LinkedHashMap<>();
    /** workload -> system -> reason, for systems that produced nothing or failed. */
    private final Map<String, Map<String, String>> missing = new LinkedHashMap<>();
    private final Map<String, Set<String>> systems = new LinkedHashMap<>();

    ResultsTable(List<Measurement> measurements) {
        for (Measurement m : measurements) {
            systems.computeIfAbsent(m.workload(), k -> new LinkedHashSet<>()).add(m.system());
            if (m.available()) {
                values.computeIfAbsent(m.workload(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(m.metric(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(m.system(), k -> new ArrayList<>()).add(m.value());
                units.computeIfAbsent(m.workload(), k -> new LinkedHashMap<>()).put(m.metric(), m.unit());
            } else {
                missing.computeIfAbsent(m.workload(), k -> new LinkedHashMap<>()).merge(m.system(),
                        (m.metric().equals("*") ? "" : m.metric() + ": ") + m.note(),
                        (a, b) -> a.equals(b) ? a : a + "; " + b);
            }
        }
    }

    /** The workloads measured, in the report's order. */
    List<String> workloads() {
        List<String> ordered = new ArrayList<>();
        for (String workload : List.of("writes", "reads", "history", "restart", "memory", "http")) {
            if (systems.containsKey(workload)) {
                ordered.add(workload);
            }
        }
        systems.keySet().stream().filter(w -> !ordered.contains(w)).forEach(ordered::add);
        return ordered;
    }

    /** The systems of a workload in the report's order: Lithair first, the physical limit last. */
    List<String> systems(String workload) {
        List<String> ordered = new ArrayList<>();
        Set<String> present = systems.getOrDefault(workload, Set.of());
        for (String system : SystemsUnderTest.ALL) {
            if (present.contains(system) && !system.equals(LIMIT)) {
                ordered.add(system);
            }
        }
        for (String system : present) {
            if (!ordered.contains(system) && !system.equals(LIMIT)) {
                ordered.add(system);
            }
        }
        if (present.contains(LIMIT)) {
            ordered.add(LIMIT);
        }
        return ordered;
    }

    List<String> metrics(String workload) {
        return new ArrayList<>(values.getOrDefault(workload, Map.of()).keySet());
    }

    String unit(String workload, String metric) {
        return units.getOrDefault(workload, Map.of()).getOrDefault(metric, "");
    }

    /** The median of the runs, or NaN. */
    double median(String workload, String metric, String system) {
        List<Double> samples = values.getOrDefault(workload, Map.of()).getOrDefault(metric, Map.of()).get(system);
        return Statistics.median(samples);
    }

    int samples(String workload, String metric, String system) {
        List<Double> samples = values.getOrDefault(workload, Map.of()).getOrDefault(metric, Map.of()).get(system);
        return samples == null ? 0 : samples.size();
    }

    /** Why a system has no figure for a workload, or {@code null}. */
    String missing(String workload, String system) {
        return missing.getOrDefault(workload, Map.of()).get(system);
    }
}
