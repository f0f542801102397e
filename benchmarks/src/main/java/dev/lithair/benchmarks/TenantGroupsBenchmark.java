package dev.lithair.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;

import dev.lithair.store.LithairStore;
import dev.lithair.testsupport.TestDirectories;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Durable writes spread over many tenants' Raft groups against the same load on one group: 3 members in
 * one JVM on loopback host tenants ({@code RaftCluster.hostTenants}), each tenant's store on each member
 * committing through the tenant's own group, every commit acknowledged once a quorum forced it to its Raft
 * log and the leader applied it.
 *
 * <p>Phase A: 1 tenant, so one Raft group. Phase B: {@code --tenants} tenants (12), once the members' leader
 * balancing has spread their leaders (no member leads more than the groups divided by the members, rounded
 * up). Both phases offer the same load: {@code --threads} writers (96; in B as many per tenant), each
 * committing one entity at a time, each entering at the member that leads its tenant, so that no write is
 * forwarded in either phase ({@code --entry random}: at a random member, two in three forwarded in both).
 * Every phase runs on a fresh cluster, warms up, then measures; runs alternate the order (A B, B A, ...).
 * Per phase: commits/s, p50/p99 latency, the process's CPU and its threads' by kind (the numbers taken out
 * of their names, so that a pool's threads, or one role on the three members, add up), each member's CPU
 * and Raft log forces/s; then the medians, the ratio median(B) / median(A), and what the ratio would be with
 * a machine per member, estimated from the per-member figures.
 *
 * <p>A member's CPU is that of the threads known to be its own: those started while the benchmark opened its
 * stores (it opens them member after member: the groups' queues, the log storage), and the writers entering
 * at it. Threads of the JVM (collector, compiler) and those started later (connections, replication) belong
 * to nobody known; the estimate shares them equally. A member's forces are its Raft logs' forced writes
 * ({@link RaftLogForces}).
 *
 * <pre>
 * ./mvnw -q -pl benchmarks -am package -DskipTests
 * java -Dsofa.middleware.log.disable=true -cp benchmarks/target/benchmarks.jar \
 *     dev.lithair.benchmarks.TenantGroupsBenchmark --runs 3
 * </pre>
 *
 * <p>{@code --quick} is CI's smoke run (1 run, 2 s phases after 1 s of warm-up), under 40 s.
 */
public final class TenantGroupsBenchmark {

    /** The command line. */
    @Command(name = "TenantGroupsBenchmark", mixinStandardHelpOptions = true,
            description = "Durable writes over many tenants' Raft groups against one group, on a 3-member loopback cluster.")
    static final class Options {
        /** Where a writer's commits enter the cluster. */
        enum Entry { leader, random }

        @Option(names = "--runs", description = "runs, each measuring both phases (default ${DEFAULT-VALUE})")
        int runs = 3;

        @Option(names = "--seconds", description = "measured length of each phase (default ${DEFAULT-VALUE})")
        int seconds = 10;

        @Option(names = "--warmup-seconds", description = "warm-up of each phase, not measured (default ${DEFAULT-VALUE})")
        int warmupSeconds = 3;

        @Option(names = "--threads", description = "writers, in both phases (default ${DEFAULT-VALUE})")
        int threads = 96;

        @Option(names = "--tenants", description = "tenants of phase B, one Raft group each (default ${DEFAULT-VALUE})")
        int tenants = 12;

        @Option(names = "--entry", description = "${COMPLETION-CANDIDATES}: the member a writer enters at, the "
                + "tenant's leader or a random one for each commit (default ${DEFAULT-VALUE})")
        Entry entry = Entry.leader;

        @Option(names = "--quick", description = "CI's smoke run: 1 run, 2 s phases after 1 s of warm-up")
        boolean quick;

        /** {@return what is wrong with these options, or null} */
        String invalid() {
            if (runs < 1 || seconds < 1 || warmupSeconds < 0) {
                return "--runs and --seconds must be at least 1, --warmup-seconds at least 0";
            }
            if (tenants < 2 || threads < tenants) {
                return "--tenants must be at least 2, and --threads at least --tenants (" + tenants + ")";
            }
            return null;
        }

        Options effective() {
            if (quick) {
                runs = 1;
                seconds = 2;
                warmupSeconds = 1;
            }
            return this;
        }
    }

    /** The longest wait for a phase's leaders to be elected and spread. */
    private static final Duration SPREAD_TIMEOUT = Duration.ofSeconds(60);

    /**
     * One measured phase.
     *
     * @param groups          its tenants, one Raft group each
     * @param perSecond       acknowledged commits per second
     * @param p50Micros       median commit latency
     * @param p99Micros       99th percentile commit latency
     * @param failures        calls that failed (outcome unknown), not counted
     * @param leads           how many groups each member led when the measure began
     * @param leaderMoves     leaderships that changed hands while measuring
     * @param cpu             the CPU used while measuring, by member where known
     * @param forcesPerSecond each member's Raft log forces per second
     * @param forceDuty       the busiest Raft log's share of the time spent forcing (1: it forces all the time)
     */
    record Phase(int groups, double perSecond, double p50Micros, double p99Micros, long failures, int[] leads,
            int leaderMoves, ThreadCpu.Use cpu, double[] forcesPerSecond, double forceDuty) {

        /**
         * The commits/s this phase would reach with each member on a machine of its own like this one, the
         * commits per force and the force durations staying as measured: the rate grows until the busiest
         * member's CPU (its own threads, and its third of the threads nobody is known for) fills its machine,
         * or its forces reach what its disk forces one at a time, or the busiest log forces all the time,
         * whichever comes first.
         */
        double perSecondOnOwnMachines(double rawForcesPerSecond) {
            double busiest = 0;
            for (double member : cpu.byOwner()) {
                busiest = Math.max(busiest, member + cpu.unattributed() / forcesPerSecond.length);
            }
            double mostForces = DoubleStream.of(forcesPerSecond).max().orElse(0);
            return perSecond * Math.min(Math.min(1 / busiest, rawForcesPerSecond / mostForces), 1 / forceDuty);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = CommandLines.parse(new Options(), args).effective();
        String invalid = options.invalid();
        if (invalid != null) {
            System.err.println(invalid);
            System.exit(2);
        }
        double rawForces = ReplicatedWriteBenchmark.rawForcesPerSecond();
        System.out.printf(Locale.ROOT, "%d writers, entering at %s; A: 1 group, B: %d groups; %d s measured after "
                + "%d s of warm-up; %d cores; machine: %,.0f raw write+force/s%n", options.threads, options.entry,
                options.tenants, options.seconds, options.warmupSeconds, Runtime.getRuntime().availableProcessors(),
                rawForces);
        List<Phase> singles = new ArrayList<>();
        List<Phase> spreads = new ArrayList<>();
        for (int run = 1; run <= options.runs; run++) {
            boolean spreadFirst = run % 2 == 0;
            for (boolean spread : new boolean[] {spreadFirst, !spreadFirst}) {
                Phase phase = measure(options, spread ? options.tenants : 1);
                (spread ? spreads : singles).add(phase);
                System.out.printf(Locale.ROOT, "run %d %s: %s%n", run, spread ? "B" : "A", describe(phase));
            }
            System.out.printf(Locale.ROOT, "run %d B/A: %.2f%n", run,
                    spreads.get(run - 1).perSecond() / singles.get(run - 1).perSecond());
        }
        double single = median(singles, Phase::perSecond);
        double spread = median(spreads, Phase::perSecond);
        System.out.printf(Locale.ROOT, "median of %d runs: A (1 group) %,.0f commits/s (p50 %.0f us, p99 %.0f us, "
                + "CPU %.0f%%); B (%d groups) %,.0f commits/s (p50 %.0f us, p99 %.0f us, CPU %.0f%%); "
                + "median(B)/median(A) %.2f%n", options.runs, single, median(singles, Phase::p50Micros),
                median(singles, Phase::p99Micros), 100 * median(singles, phase -> phase.cpu().process()),
                options.tenants, spread, median(spreads, Phase::p50Micros), median(spreads, Phase::p99Micros),
                100 * median(spreads, phase -> phase.cpu().process()), spread / single);
        double singleAlone = median(singles, phase -> phase.perSecondOnOwnMachines(rawForces));
        double spreadAlone = median(spreads, phase -> phase.perSecondOnOwnMachines(rawForces));
        System.out.printf(Locale.ROOT, "estimate with a machine like this one per member (busiest member's CPU, its "
                + "forces at %,.0f/s, or the busiest log forcing all the time): A %,.0f commits/s, B %,.0f commits/s, B/A %.2f%n", rawForces, singleAlone,
                spreadAlone, spreadAlone / singleAlone);
    }

    private static double median(List<Phase> phases, ToDoubleFunction<Phase> figure) {
        return Statistics.median(phases.stream().mapToDouble(figure).toArray());
    }

    private static String describe(Phase phase) {
        String threads = phase.cpu().byKind().entrySet().stream().limit(10)
                .map(kind -> String.format(Locale.ROOT, "%s %.1f%%", kind.getKey(), 100 * kind.getValue()))
                .collect(Collectors.joining(", "));
        String members = IntStream.range(0, phase.forcesPerSecond().length)
                .mapToObj(i -> String.format(Locale.ROOT, "member %d CPU %.0f%%, %,.0f forces/s (%.1f commits a "
                        + "force)", i, 100 * phase.cpu().byOwner()[i], phase.forcesPerSecond()[i],
                        phase.perSecond() / phase.forcesPerSecond()[i]))
                .collect(Collectors.joining("; "));
        return String.format(Locale.ROOT, "%d group(s): %,.0f commits/s (p50 %.0f us, p99 %.0f us), failed %d; "
                + "leaders per member %s, moves while measuring %d; CPU: process %.0f%% of the machine; %s; "
                + "nobody's known %.0f%%; busiest log forcing %.0f%% of the time; busiest threads: %s", phase.groups(), phase.perSecond(),
                phase.p50Micros(), phase.p99Micros(), phase.failures(),
                IntStream.of(phase.leads()).mapToObj(Integer::toString).collect(Collectors.joining("/")),
                phase.leaderMoves(), 100 * phase.cpu().process(), members, 100 * phase.cpu().unattributed(),
                100 * phase.forceDuty(), threads);
    }

    /** Runs one phase on a fresh cluster of {@code groups} tenants. */
    private static Phase measure(Options options, int groups) throws Exception {
        Path root = Files.createTempDirectory("lithair-tenant-bench");
        try (LoopbackTenantMembers members = new LoopbackTenantMembers(root)) {
            List<String> tenants = IntStream.range(0, groups).mapToObj(t -> "t" + t).toList();
            LithairStore[][] stores = new LithairStore[LoopbackTenantMembers.MEMBERS][groups];
            Map<Long, Integer> owners = new HashMap<>();
            for (int i = 0; i < LoopbackTenantMembers.MEMBERS; i++) {
                Set<Long> before = ThreadCpu.liveThreadIds();
                for (int t = 0; t < groups; t++) {
                    stores[i][t] = members.store(i, tenants.get(t));
                }
                for (long started : ThreadCpu.liveThreadIds()) {
                    if (!before.contains(started)) {
                        owners.putIfAbsent(started, i);
                    }
                }
            }
            LeaderView leaders = new LeaderView(members, tenants);
            leaders.awaitSpread(SPREAD_TIMEOUT);
            int[] leads = leaders.leadsPerMember();
            leaders.start();
            try {
                return measureWrites(options, members, stores, leaders, owners, leads);
            } finally {
                leaders.stop();
            }
        } finally {
            TestDirectories.deleteRecursively(root);
        }
    }

    private static Phase measureWrites(Options options, LoopbackTenantMembers members, LithairStore[][] stores,
            LeaderView leaders, Map<Long, Integer> owners, int[] leads) throws InterruptedException {
        int groups = stores[0].length;
        AtomicBoolean running = new AtomicBoolean(true);
        Recorder latencies = new Recorder(Statistics.MAX_LATENCY_NANOS, 3);
        AtomicLong failures = new AtomicLong();
        AtomicLong ids = new AtomicLong();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < options.threads; w++) {
            int tenant = w % groups;
            Thread writer = new Thread(() -> {
                while (running.get()) {
                    int member = options.entry == Options.Entry.leader ? leaders.leaderOf(tenant) : -1;
                    if (member < 0) {
                        member = ThreadLocalRandom.current().nextInt(LoopbackTenantMembers.MEMBERS);
                    }
                    long started = System.nanoTime();
                    try {
                        stores[member][tenant].commit(ReplicatedWriteBenchmark.commitOf(ids, 1));
                    } catch (RuntimeException failed) {
                        // e.g. a leader change under load: the outcome is unknown, the call is not counted
                        if (failures.incrementAndGet() == 1) {
                            System.err.println("a commit failed: " + failed);
                        }
                        continue;
                    }
                    latencies.recordValue(Math.min(System.nanoTime() - started, Statistics.MAX_LATENCY_NANOS));
                }
            }, "writer-" + w);
            writer.setDaemon(true);
            if (options.entry == Options.Entry.leader && leaders.leaderOf(tenant) >= 0) {
                owners.put(writer.getId(), leaders.leaderOf(tenant));
            }
            writers.add(writer);
            writer.start();
        }
        Thread.sleep(options.warmupSeconds * 1000L);
        latencies.getIntervalHistogram();
        failures.set(0);
        int movesBefore = leaders.moves();
        RaftLogForces forcesBefore = RaftLogForces.now();
        ThreadCpu cpuBefore = ThreadCpu.now();
        long started = System.nanoTime();
        Thread.sleep(options.seconds * 1000L);
        // The end of the window is read before the writers stop: a thread's CPU is lost with it.
        Histogram measured = latencies.getIntervalHistogram();
        double elapsed = (System.nanoTime() - started) / 1e9;
        ThreadCpu cpuAfter = ThreadCpu.now();
        RaftLogForces forcesAfter = RaftLogForces.now();
        long failed = failures.get();
        int moves = leaders.moves() - movesBefore;
        running.set(false);
        for (Thread writer : writers) {
            writer.join();
        }
        return new Phase(groups, measured.getTotalCount() / elapsed, Statistics.micros(measured, 50),
                Statistics.micros(measured, 99), failed, leads, moves,
                cpuAfter.since(cpuBefore, owners, LoopbackTenantMembers.MEMBERS),
                forcesAfter.perSecondByMember(forcesBefore, members.addresses(), elapsed),
                forcesAfter.busiestDuty(forcesBefore, elapsed));
    }

    /**
     * Which member leads each tenant's group, as the members say, read again every 100 ms by a thread of its
     * own so that writers find the leader without asking; it counts the leaderships that change hands.
     */
    static final class LeaderView {

        private static final long REFRESH_MILLIS = 100;

        private final LoopbackTenantMembers members;
        private final List<String> tenants;
        private final AtomicIntegerArray leaders;
        /** The last leader known of each group, for counting moves across a moment without one. */
        private final int[] lastKnown;
        private final AtomicLong moves = new AtomicLong();
        private volatile boolean running;
        private Thread refresher;

        LeaderView(LoopbackTenantMembers members, List<String> tenants) {
            this.members = members;
            this.tenants = tenants;
            this.leaders = new AtomicIntegerArray(tenants.size());
            this.lastKnown = new int[tenants.size()];
            Arrays.fill(lastKnown, -1);
            refresh();
        }

        /** {@return the member leading the tenant's group, or -1 while none is known} */
        int leaderOf(int tenant) {
            return leaders.get(tenant);
        }

        int moves() {
            return (int) moves.get();
        }

        int[] leadsPerMember() {
            int[] leads = new int[LoopbackTenantMembers.MEMBERS];
            for (int t = 0; t < leaders.length(); t++) {
                if (leaders.get(t) >= 0) {
                    leads[leaders.get(t)]++;
                }
            }
            return leads;
        }

        /**
         * Waits until every group has a leader and no member leads more than its share (the groups divided
         * by the members, rounded up), twice in a row half a second apart, as the balancing settles.
         *
         * @throws IllegalStateException when that takes longer than {@code timeout}
         */
        void awaitSpread(Duration timeout) throws InterruptedException {
            int share = (tenants.size() + LoopbackTenantMembers.MEMBERS - 1) / LoopbackTenantMembers.MEMBERS;
            long deadline = System.nanoTime() + timeout.toNanos();
            int settled = 0;
            while (settled < 2) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the " + tenants.size() + " groups' leaders did not spread to at "
                            + "most " + share + " a member within " + timeout.toSeconds() + " s: leaders per member "
                            + Arrays.toString(leadsPerMember()));
                }
                Thread.sleep(500);
                refresh();
                boolean allLed = IntStream.range(0, leaders.length()).allMatch(t -> leaders.get(t) >= 0);
                settled = allLed && IntStream.of(leadsPerMember()).max().orElse(0) <= share ? settled + 1 : 0;
            }
        }

        void start() {
            running = true;
            refresher = new Thread(() -> {
                while (running) {
                    try {
                        Thread.sleep(REFRESH_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                    refresh();
                }
            }, "leader-view");
            refresher.setDaemon(true);
            refresher.start();
        }

        void stop() throws InterruptedException {
            running = false;
            refresher.interrupt();
            refresher.join();
        }

        /** Reads the leaders again; called by one thread at a time (the benchmark's, then the refresher). */
        private void refresh() {
            for (int t = 0; t < tenants.size(); t++) {
                int leader;
                try {
                    leader = members.leaderOf(tenants.get(t));
                } catch (RuntimeException e) {
                    leader = -1; // a group stopping
                }
                leaders.set(t, leader);
                if (leader >= 0) {
                    if (lastKnown[t] >= 0 && lastKnown[t] != leader) {
                        moves.incrementAndGet();
                    }
                    lastKnown[t] = leader;
                }
            }
        }
    }
}
