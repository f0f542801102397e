package dev.lithair.benchmarks;

import java.nio.file.Path;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The command line of a JMH report: {@code [--quick] result.json...}.
 *
 * @param quick whether the run was CI's smoke test (targets reported, not enforced)
 * @param files the JMH JSON result files, one per run
 */
record ReportArguments(boolean quick, List<Path> files) {

    @Command(mixinStandardHelpOptions = true, description = "Reads JMH JSON results and prints the report.")
    private static final class Options {
        @Option(names = "--quick", description = "CI's smoke test: targets reported, not enforced")
        boolean quick;

        @Parameters(arity = "1..*", paramLabel = "result.json", description = "JMH JSON result files, one per run")
        List<Path> files;
    }

    /** Parses the arguments; prints the usage of {@code report} and exits with 2 when no file is given. */
    static ReportArguments parse(String[] args, String report) {
        Options options = new Options();
        Options parsed = CommandLines.parse(options, args, report);
        return new ReportArguments(parsed.quick, List.copyOf(parsed.files));
    }
}
