package dev.lithair.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.lithair.replication.raft.MutualTls;
import dev.lithair.replication.raft.RaftCluster;
import dev.lithair.replication.raft.RaftClusterOptions;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;
import dev.lithair.testing.CertificateAuthority;
import dev.lithair.testsupport.FreePorts;
import dev.lithair.testsupport.TestDirectories;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replicated durable writes on a 3-member SOFAJRaft cluster in one JVM on loopback: every commit is
 * acknowledged only once a quorum has forced it to its Raft log and the leader has applied it.
 *
 * <p>Per run, on a fresh cluster: commits/s with many threads each committing one entity at a time
 * (Raft batches concurrent tasks into one log write); events/s with commits of {@code --batch} entities;
 * p50/p99 commit latency for one thread and for all threads; and fail-over: the leader is stopped, and
 * the time until another member leads and until a write through a survivor is acknowledged. Prints each
 * run and the medians.
 *
 * <pre>
 * ./mvnw -q -pl benchmarks -am package -DskipTests
 * java -Dsofa.middleware.log.disable=true -cp benchmarks/target/benchmarks.jar \
 *     dev.lithair.benchmarks.ReplicatedWriteBenchmark --runs 3 --seconds 10 --threads 64 --batch 16
 * </pre>
 *
 * <p>{@code --transport tls} runs the same with every Raft connection mutual TLS (certificates of a
 * certificate authority made for the run), the kill -9 phase included ({@link LeaderKillFailover});
 * {@code --transport both} measures a plain and a TLS cluster in each run, in alternating order, and prints
 * the TLS/plain ratios and their medians (no kill -9 phase).
 */
public final class ReplicatedWriteBenchmark {

    /** The command line. */
    @Command(name = "ReplicatedWriteBenchmark", mixinStandardHelpOptions = true,
            description = "Replicated durable writes and fail-over on a 3-member loopback cluster.")
    static final class Options {
        /** The Raft connections' transport. */
        enum Transport { plain, tls, both }

        @Option(names = "--runs", description = "fresh clusters measured (default ${DEFAULT-VALUE})")
        int runs = 3;

        @Option(names = "--seconds", description = "length of each many-threads phase (default ${DEFAULT-VALUE})")
        int seconds = 10;

        @Option(names = "--threads", description = "writers of the many-threads phases (default ${DEFAULT-VALUE})")
        int threads = 64;

        @Option(names = "--batch", description = "entities per commit in the batched phase (default ${DEFAULT-VALUE})")
        int batch = 16;

        @Option(names = "--transport", description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
        Transport transport = Transport.plain;

        int runs() {
            return runs;
        }

        int seconds() {
            return seconds;
        }

        int threads() {
            return threads;
        }

        int batch() {
            return batch;
        }

        String transport() {
            return transport.name();
        }
    }

    /** One measured phase: acknowledged operations per second, latency percentiles in microseconds, failed calls. */
    private record Phase(double perSecond, double p50Micros, double p99Micros, long failures) {
    }

    private record Run(double rawForces, Phase singles, Phase batches, Phase oneThread, long electedMillis,
            long firstWriteMillis, long crashElectedMillis, long crashFirstWriteMillis) {
    }

    public static void main(String[] args) throws Exception {
        Options options = CommandLines.parse(new Options(), args);
        if (options.transport().equals("both")) {
            compareTls(options);
            return;
        }
        CertificateAuthority authority = options.transport().equals("tls")
                ? CertificateAuthority.create("lithair-benchmark") : null;
        List<Run> runs = new ArrayList<>();
        for (int run = 1; run <= options.runs(); run++) {
            double rawForces = rawForcesPerSecond();
            Run measured = runOnce(options, authority);
            LeaderKillFailover.Pause crash = LeaderKillFailover.measure(authority);
            Run result = new Run(rawForces, measured.singles(), measured.batches(), measured.oneThread(),
                    measured.electedMillis(), measured.firstWriteMillis(), crash.electedMillis(),
                    crash.firstWriteMillis());
            runs.add(result);
            System.out.printf(Locale.ROOT, "run %d: %s%n", run, describe(result, options));
        }
        System.out.printf(Locale.ROOT, "median of %d runs: %s%n", runs.size(), describe(median(runs), options));
    }

    private static String describe(Run run, Options options) {
        return String.format(Locale.ROOT,
                "machine: %,.0f raw write+force/s; %d threads x 1 entity: %,.0f commits/s (p50 %.0f us, p99 %.0f us); %d threads x %d entities: "
                        + "%,.0f events/s (%,.0f commits/s, p50 %.0f us, p99 %.0f us); 1 thread: %,.0f commits/s "
                        + "(p50 %.0f us, p99 %.0f us); failed calls %d; fail-over on a clean stop: new leader after %d ms, first write "
                        + "acknowledged after %d ms; on kill -9 of the leader's process: new leader after %d ms, "
                        + "first write acknowledged after %d ms",
                run.rawForces(), options.threads(), run.singles().perSecond(), run.singles().p50Micros(), run.singles().p99Micros(),
                options.threads(), options.batch(), run.batches().perSecond() * options.batch(),
                run.batches().perSecond(), run.batches().p50Micros(), run.batches().p99Micros(),
                run.oneThread().perSecond(), run.oneThread().p50Micros(), run.oneThread().p99Micros(),
                run.singles().failures() + run.batches().failures() + run.oneThread().failures(), run.electedMillis(), run.firstWriteMillis(), run.crashElectedMillis(), run.crashFirstWriteMillis());
    }

    /** The throughput phases of a run, for the TLS comparison. */
    private static String throughput(Run run, Options options) {
        return String.format(Locale.ROOT, "%d threads x 1 entity: %,.0f commits/s (p50 %.0f us, p99 %.0f us); "
                + "%d threads x %d entities: %,.0f events/s (p50 %.0f us, p99 %.0f us); 1 thread: %,.0f commits/s "
                + "(p50 %.0f us, p99 %.0f us); failed calls %d", options.threads(), run.singles().perSecond(),
                run.singles().p50Micros(), run.singles().p99Micros(), options.threads(), options.batch(),
                run.batches().perSecond() * options.batch(), run.batches().p50Micros(), run.batches().p99Micros(),
                run.oneThread().perSecond(), run.oneThread().p50Micros(), run.oneThread().p99Micros(),
                run.singles().failures() + run.batches().failures() + run.oneThread().failures());
    }

    private static Run median(List<Run> runs) {
        return new Run(Statistics.median(runs.stream().mapToDouble(Run::rawForces).toArray()),
                medianPhase(runs.stream().map(Run::singles).toList()),
                medianPhase(runs.stream().map(Run::batches).toList()),
                medianPhase(runs.stream().map(Run::oneThread).toList()),
                (long) Statistics.median(runs.stream().mapToDouble(Run::electedMillis).toArray()),
                (long) Statistics.median(runs.stream().mapToDouble(Run::firstWriteMillis).toArray()),
                (long) Statistics.median(runs.stream().mapToDouble(Run::crashElectedMillis).toArray()),
                (long) Statistics.median(runs.stream().mapToDouble(Run::crashFirstWriteMillis).toArray()));
    }

    private static Phase medianPhase(List<Phase> phases) {
        return new Phase(Statistics.median(phases.stream().mapToDouble(Phase::perSecond).toArray()),
                Statistics.median(phases.stream().mapToDouble(Phase::p50Micros).toArray()),
                Statistics.median(phases.stream().mapToDouble(Phase::p99Micros).toArray()),
                phases.stream().mapToLong(Phase::failures).sum());
    }

    /**
     * Each run measures a plain cluster and a TLS cluster, the first of the two alternating, and prints the
     * TLS/plain ratio of each phase's throughput; then the medians of the ratios.
     */
    private static void compareTls(Options options) throws Exception {
        CertificateAuthority authority = CertificateAuthority.create("lithair-benchmark");
        List<double[]> ratios = new ArrayList<>();
        for (int run = 1; run <= options.runs(); run++) {
            boolean tlsFirst = run % 2 == 0;
            Run first = runOnce(options, tlsFirst ? authority : null);
            Run second = runOnce(options, tlsFirst ? null : authority);
            Run tls = tlsFirst ? first : second;
            Run plain = tlsFirst ? second : first;
            double[] ratio = {tls.singles().perSecond() / plain.singles().perSecond(),
                    tls.batches().perSecond() / plain.batches().perSecond(),
                    tls.oneThread().perSecond() / plain.oneThread().perSecond()};
            ratios.add(ratio);
            System.out.printf(Locale.ROOT, "run %d (%s first):%n  plain: %s%n  tls:   %s%n  TLS/plain: %d threads x 1 "
                    + "entity %.2f, %d threads x %d entities %.2f, 1 thread %.2f%n", run, tlsFirst ? "tls" : "plain",
                    throughput(plain, options), throughput(tls, options), options.threads(), ratio[0], options.threads(),
                    options.batch(), ratio[1], ratio[2]);
        }
        System.out.printf(Locale.ROOT, "median TLS/plain of %d runs: %d threads x 1 entity %.2f, %d threads x %d "
                + "entities %.2f, 1 thread %.2f%n", ratios.size(), options.threads(),
                Statistics.median(ratios.stream().mapToDouble(r -> r[0]).toArray()), options.threads(), options.batch(),
                Statistics.median(ratios.stream().mapToDouble(r -> r[1]).toArray()),
                Statistics.median(ratios.stream().mapToDouble(r -> r[2]).toArray()));
    }

    /** @param authority issues each member's certificate for mutual TLS; {@code null} for plain TCP */
    private static Run runOnce(Options options, CertificateAuthority authority) throws Exception {
        Path root = Files.createTempDirectory("lithair-raft-bench");
        List<String> peers = FreePorts.distinct(3).stream().map(port -> "127.0.0.1:" + port).toList();
        LithairStore[] stores = new LithairStore[3];
        RaftCluster[] clusters = new RaftCluster[3];
        try {
            for (int i = 0; i < 3; i++) {
                Path directory = root.resolve("member-" + i);
                RaftClusterOptions member = RaftClusterOptions.of(peers.get(i), peers, directory.resolve("raft"))
                        .withNodeId("member-" + i);
                if (authority != null) {
                    member = member.withMutualTls(MutualTls.of(authority.issue("member-" + i).sslContext()));
                }
                clusters[i] = new RaftCluster(member);
                stores[i] = LithairStore.open(StoreOptions.defaults(directory).withSnapshotEveryEvents(0), List.of(),
                        List.of(), clusters[i]);
            }
            clusters[0].awaitLeader(Duration.ofSeconds(30));
            AtomicLong ids = new AtomicLong();
            // Each phase writes through the member leading when it starts: on a loaded machine leadership
            // may move between phases, and a write through a follower also waits for the follower to learn
            // the commit (the next heartbeat, when nothing else is replicated). The warm-up: the JIT,
            // connections, RocksDB.
            LithairStore warming = stores[leaderOf(clusters, stores)];
            measure(options.threads(), 3, () -> warming.commit(commitOf(ids, 1)));
            LithairStore forSingles = stores[leaderOf(clusters, stores)];
            Phase singles = measure(options.threads(), options.seconds(), () -> forSingles.commit(commitOf(ids, 1)));
            LithairStore forBatches = stores[leaderOf(clusters, stores)];
            Phase batches = measure(options.threads(), options.seconds(),
                    () -> forBatches.commit(commitOf(ids, options.batch())));
            LithairStore forOne = stores[leaderOf(clusters, stores)];
            Phase oneThread = measure(1, Math.max(3, options.seconds() / 2), () -> forOne.commit(commitOf(ids, 1)));

            int leader = leaderOf(clusters, stores);
            long stopped = System.nanoTime();
            stores[leader].close();
            stores[leader] = null;
            int newLeader = -1;
            while (newLeader < 0) {
                for (int i = 0; i < 3; i++) {
                    if (stores[i] != null && clusters[i].isLeader()) {
                        newLeader = i;
                    }
                }
                Thread.onSpinWait();
            }
            long elected = (System.nanoTime() - stopped) / 1_000_000;
            int survivor = newLeader == 0 || stores[0] == null ? (newLeader == 1 || stores[1] == null ? 2 : 1) : 0;
            stores[survivor].commit(commitOf(ids, 1));
            long firstWrite = (System.nanoTime() - stopped) / 1_000_000;
            return new Run(0, singles, batches, oneThread, elected, firstWrite, 0, 0);
        } finally {
            for (LithairStore store : stores) {
                if (store != null) {
                    store.close();
                }
            }
            TestDirectories.deleteRecursively(root);
        }
    }

    /**
     * The machine's one-at-a-time durability now: 64-byte writes each forced, for 2 s. This disk is
     * shared, so the replicated figures are best read against it.
     */
    static double rawForcesPerSecond() throws IOException {
        Path file = Files.createTempFile("lithair-force", ".bin");
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer record = java.nio.ByteBuffer.allocate(64);
            long started = System.nanoTime();
            long deadline = started + 2_000_000_000L;
            int forces = 0;
            while (System.nanoTime() < deadline) {
                record.clear();
                channel.write(record);
                channel.force(false);
                forces++;
            }
            return forces / ((System.nanoTime() - started) / 1e9);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static int leaderOf(RaftCluster[] clusters, LithairStore[] stores) throws InterruptedException {
        while (true) {
            for (int i = 0; i < clusters.length; i++) {
                if (stores[i] != null && clusters[i].isLeader()) {
                    return i;
                }
            }
            Thread.sleep(10);
        }
    }

    static Commit commitOf(AtomicLong ids, int entities) {
        List<Operation> operations = new ArrayList<>(entities);
        for (int i = 0; i < entities; i++) {
            String id = "e" + ids.incrementAndGet();
            ObjectNode entity = JsonNodeFactory.instance.objectNode();
            entity.put("id", id);
            entity.put("name", "Lamp");
            entity.put("category", "lighting");
            entity.put("price", 1999);
            operations.add(new Operation.Put("Product", id, entity));
        }
        return new Commit(null, null, operations);
    }

    /** Runs {@code work} on {@code threads} threads for {@code seconds}; every call's latency is recorded. */
    private static Phase measure(int threads, int seconds, Runnable work) throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch done = new CountDownLatch(threads);
        List<Histogram> latencies = new ArrayList<>();
        AtomicLong failures = new AtomicLong();
        for (int t = 0; t < threads; t++) {
            Histogram own = Statistics.latencies();
            latencies.add(own);
            Thread thread = new Thread(() -> {
                try {
                    while (running.get()) {
                        long started = System.nanoTime();
                        try {
                            work.run();
                        } catch (RuntimeException failed) {
                            // e.g. a leader change under load: the outcome is unknown, the call is not counted
                            if (failures.incrementAndGet() == 1) {
                                System.err.println("a commit failed: " + failed);
                            }
                            continue;
                        }
                        own.recordValue(Math.min(System.nanoTime() - started, Statistics.MAX_LATENCY_NANOS));
                    }
                } finally {
                    done.countDown();
                }
            }, "bench-" + t);
            thread.setDaemon(true);
            thread.start();
        }
        long started = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        running.set(false);
        done.await();
        double elapsed = (System.nanoTime() - started) / 1e9;
        Histogram all = Statistics.merged(latencies);
        return new Phase(all.getTotalCount() / elapsed, Statistics.micros(all, 50), Statistics.micros(all, 99),
                failures.get());
    }
}
