package dev.lithair.benchmarks.harness;

import java.util.Locale;

/**
 * One figure of one run: a workload's metric for a system, or, when {@code value} is NaN, the reason
 * it could not be measured. A child process prints each as one tab-separated line starting with
 * {@value #PREFIX}; the runner parses them back.
 */
public record Measurement(String workload, String system, String metric, double value, String unit, String note) {

    public static final String PREFIX = "MEASUREMENT";

    public static Measurement of(String workload, String system, String metric, double value, String unit) {
        return new Measurement(workload, system, metric, value, unit, "");
    }

    public static Measurement notAvailable(String workload, String system, String metric, String reason) {
        return new Measurement(workload, system, metric, Double.NaN, "", reason);
    }

    public boolean available() {
        return !Double.isNaN(value);
    }

    public String toLine() {
        return String.join("\t", PREFIX, workload, system, metric, String.format(Locale.ROOT, "%.6f", value), unit,
                note.replace('\t', ' ').replace('\n', ' '));
    }

    /** The measurement a line printed by {@link #toLine()} holds, or {@code null} for any other line. */
    public static Measurement parse(String line) {
        if (!line.startsWith(PREFIX + "\t")) {
            return null;
        }
        String[] parts = line.split("\t", -1);
        return new Measurement(parts[1], parts[2], parts[3], parts[4].equals("NaN") ? Double.NaN : Double.parseDouble(parts[4]),
                parts[5], parts.length > 6 ? parts[6] : "");
    }
}
