package dev.lithair.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The same pairs as {@link SpringLayerOverheadBenchmark}, measured interleaved in one JVM: blocks of
 * Spring calls and of engine calls alternate (A B B A ...), and each round gives one ratio of the
 * time per call. On a machine shared with other work, the load changes between two JMH forks taken
 * a minute apart; two blocks a few milliseconds apart see the same load, so the median of the
 * rounds' ratios is the steadier figure. JMH still measures each call's own time; this only pairs.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.lithair.benchmarks.SpringLayerOverheadPaired
 * [fsync=never] [rounds=40]}. Prints the median ratio and the quartiles for save / commit and
 * findById / find.
 */
public final class SpringLayerOverheadPaired {

    /** The command line; {@code fsync=never} as JMH's parameter is written, {@code --fsync never} as well. */
    @Command(name = "SpringLayerOverheadPaired", mixinStandardHelpOptions = true,
            description = "Spring calls against engine calls, interleaved in one JVM.")
    static final class Options {
        @Option(names = {"fsync", "--fsync"}, description = "never or always (default ${DEFAULT-VALUE})")
        String fsync = "never";

        @Option(names = {"rounds", "--rounds"}, description = "pairs of blocks per ratio (default ${DEFAULT-VALUE})")
        int rounds = 40;
    }

    private SpringLayerOverheadPaired() {
    }

    public static void main(String[] args) throws Exception {
        Options options = CommandLines.parse(new Options(), args);
        String fsync = options.fsync;
        int rounds = options.rounds;
        SpringLayerOverheadBenchmark bench = new SpringLayerOverheadBenchmark();
        bench.fsync = fsync;
        bench.start();
        try {
            boolean disk = fsync.equals("always");
            int saves = disk ? 50 : 2_000;
            int finds = 200_000;
            // warm-up: every path compiled before anything is compared
            for (int i = 0; i < (disk ? 3 : 30); i++) {
                block(bench::repositorySave, saves);
                block(bench::storeCommit, saves);
                block(bench::repositoryFindById, finds);
                block(bench::storeFind, finds);
                block(bench::templateSave, saves);
                block(bench::templateFindById, finds);
                block(bench::tableGet, finds);
            }
            report("save / commit, fsync=" + fsync, pairedRatios(rounds, saves, bench::repositorySave, bench::storeCommit));
            report("findById / find, fsync=" + fsync,
                    pairedRatios(rounds, finds, bench::repositoryFindById, bench::storeFind));
            // where the time goes: the template alone (no repository proxy), against the engine
            report("template save / commit", pairedRatios(rounds, saves, bench::templateSave, bench::storeCommit));
            report("template find / find", pairedRatios(rounds, finds, bench::templateFindById, bench::storeFind));
            // the engine's fastest read, its table kept by the caller (no lookup by class, no Optional)
            report("findById / table get", pairedRatios(rounds, finds, bench::repositoryFindById, bench::tableGet));
        } finally {
            bench.stop();
        }
        System.exit(0);
    }

    /** One ratio per round: time per Spring call / time per engine call, in alternating order. */
    static List<Double> pairedRatios(int rounds, int calls, Supplier<?> spring, Supplier<?> engine) {
        List<Double> ratios = new ArrayList<>(rounds);
        for (int round = 0; round < rounds; round++) {
            long springNanos;
            long engineNanos;
            if (round % 2 == 0) {
                springNanos = block(spring, calls);
                engineNanos = block(engine, calls);
            } else {
                engineNanos = block(engine, calls);
                springNanos = block(spring, calls);
            }
            ratios.add(springNanos / (double) engineNanos);
        }
        return ratios;
    }

    /** Counts null results, so that no call's result is unused and optimised away. */
    private static int nulls;

    static long block(Supplier<?> call, int calls) {
        long began = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            if (call.get() == null) {
                nulls++;
            }
        }
        return System.nanoTime() - began;
    }

    private static void report(String pair, List<Double> ratios) {
        boolean targeted = pair.startsWith("save") || pair.startsWith("findById / find");
        double median = Statistics.median(ratios);
        System.out.printf(Locale.ROOT, "%-32s median %.2fx (quartiles %.2fx .. %.2fx, %d rounds)%s%n", pair, median,
                Statistics.percentile(ratios, 25), Statistics.percentile(ratios, 75), ratios.size(), !targeted ? ""
                        : String.format(Locale.ROOT, "; target <= %.1fx %s", SpringLayerOverheadReport.TARGET,
                                median <= SpringLayerOverheadReport.TARGET ? "PASS" : "MISS"));
    }
}
