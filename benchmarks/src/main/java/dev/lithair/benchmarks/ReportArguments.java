package dev.lithair.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a JMH report: {@code [--quick] result.json...}.
 *
 * @param quick whether the run was CI's smoke test (targets reported, not enforced)
 * @param files the JMH JSON result files, one per run
 */
record ReportArguments(boolean quick, List<Path> files) {

    /** Parses the arguments; prints the usage of {@code report} and exits with 2 when no file is given. */
    static ReportArguments parse(String[] args, String report) {
        boolean quick = false;
        List<Path> files = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--quick")) {
                quick = true;
            } else {
                files.add(Path.of(arg));
            }
        }
        if (files.isEmpty()) {
            System.err.println("usage: " + report + " [--quick] result.json...");
            System.exit(2);
        }
        return new ReportArguments(quick, List.copyOf(files));
    }
}
