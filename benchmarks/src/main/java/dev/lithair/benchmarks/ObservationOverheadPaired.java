package dev.lithair.benchmarks;

import java.util.List;
import java.util.Locale;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The cases of {@link ObservationOverheadBenchmark} measured interleaved in one JVM, each in its own Spring
 * context and data directory: blocks of saves without an observation registry and with one alternate, and
 * each round gives one ratio of the time per save. On a shared machine the load changes between two JMH
 * forks; two blocks a few milliseconds apart see the same load, so the median ratio is the steadier figure.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.lithair.benchmarks.ObservationOverheadPaired [rounds=200] [saves=500]}.
 * Prints the median ratio and the quartiles of {@code noHandlers / none}, target at most 1.05x, and of
 * {@code handler / none}, the cost of observing every save.
 */
public final class ObservationOverheadPaired {

    /** The most a registry without handlers may add to a save. */
    static final double TARGET = 1.05;

    @Command(name = "ObservationOverheadPaired", mixinStandardHelpOptions = true,
            description = "Repository saves with and without an observation registry, interleaved in one JVM.")
    static final class Options {
        @Option(names = {"rounds", "--rounds"}, description = "pairs of blocks per ratio (default ${DEFAULT-VALUE})")
        int rounds = 200;

        @Option(names = {"saves", "--saves"}, description = "saves per block (default ${DEFAULT-VALUE}): short blocks"
                + " pair more closely on a loaded machine")
        int saves = 500;
    }

    private ObservationOverheadPaired() {
    }

    public static void main(String[] args) throws Exception {
        Options options = CommandLines.parse(new Options(), args);
        ObservationOverheadBenchmark none = started("none");
        ObservationOverheadBenchmark noHandlers = started("noHandlers");
        ObservationOverheadBenchmark handler = started("handler");
        try {
            int saves = options.saves;
            for (int i = 0; i < 30; i++) { // warm-up: every path compiled before anything is compared
                SpringLayerOverheadPaired.block(none::repositorySave, saves);
                SpringLayerOverheadPaired.block(noHandlers::repositorySave, saves);
                SpringLayerOverheadPaired.block(handler::repositorySave, saves);
            }
            report("noHandlers / none", SpringLayerOverheadPaired.pairedRatios(options.rounds, saves,
                    noHandlers::repositorySave, none::repositorySave), true);
            report("handler / none", SpringLayerOverheadPaired.pairedRatios(options.rounds, saves,
                    handler::repositorySave, none::repositorySave), false);
        } finally {
            none.stop();
            noHandlers.stop();
            handler.stop();
        }
        System.exit(0);
    }

    private static ObservationOverheadBenchmark started(String registry) throws Exception {
        ObservationOverheadBenchmark bench = new ObservationOverheadBenchmark();
        bench.registry = registry;
        bench.start();
        return bench;
    }

    private static void report(String pair, List<Double> ratios, boolean targeted) {
        double median = Statistics.median(ratios);
        System.out.printf(Locale.ROOT, "save, %-18s median %.3fx (quartiles %.3fx .. %.3fx, %d rounds)%s%n", pair,
                median, Statistics.percentile(ratios, 25), Statistics.percentile(ratios, 75), ratios.size(),
                !targeted ? "" : String.format(Locale.ROOT, "; target <= %.2fx %s", TARGET,
                        median <= TARGET ? "PASS" : "MISS"));
    }
}
