package dev.lithair.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.benchmarks.harness.http.ItemForm;
import dev.lithair.benchmarks.harness.http.lithair.LithairItem;
import dev.lithair.event.StorageFormat;
import dev.lithair.model.EntityModel;
import dev.lithair.replication.raft.RaftCluster;
import dev.lithair.replication.raft.RaftClusterOptions;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.CommitResult;
import dev.lithair.store.spi.Operation;
import dev.lithair.store.spi.SnapshotInfo;
import dev.lithair.testsupport.FreePorts;
import dev.lithair.testsupport.TestDirectories;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How long a member of a 3-member SOFAJRaft cluster on loopback takes to serve reads again, the cluster
 * holding N entities: a follower restarting on its own directories (it loads its Raft snapshot, then
 * the short log tail after it), and a follower whose directories are all gone starting empty with the
 * same peer id (the leader, whose log before its snapshot is truncated, sends it the snapshot: JRaft's
 * InstallSnapshot). Each time runs from the start of the member's {@link LithairStore#open} until its
 * {@link LithairStore#lastSequence()} equals the leader's and it finds the last entity written: what an
 * operator waits for before a member is back behind a load balancer. {@code open} itself returns
 * earlier (before the log tail is applied, and with an empty state for a new member: local reads are
 * stale until then), so its own time is printed beside.
 *
 * <p>The cluster is loaded once through the leader: {@code LithairItem}s (the HTTP shop's items, with
 * their history, hash index and unique sku, as {@link RestartTime} {@code --entity item} writes them),
 * binary format, commits of 1,000 creations, one at a time unless {@code --in-flight} lets several
 * wait at once (Raft writes concurrent commits as one entry). Every member then takes a Raft snapshot,
 * {@code --tail} more creations are committed and every member snapshots again: JRaft truncates a log
 * only up to the snapshot before the newest one, so after the second snapshot the leader no longer
 * holds the entries an empty member would need and must send its snapshot. A last {@code --tail} of
 * creations stays in the log only, which a restarting member replays on top of its snapshot. The
 * cluster holds {@code --entities} items in all. Each run then restarts, and then wipes and restarts,
 * the same follower (whichever member follows when the run starts); a new member that did not load a
 * snapshot fails the run.
 *
 * <p>The members run in this JVM, as in {@link ReplicatedWriteBenchmark}: class loading and the JIT
 * are shared with the members already running, so these are warm-JVM times; a member restarting in
 * its own process adds its JVM start and warm-up (see {@link RestartTime} for those on a single node).
 * They share one heap too: a long collection while a member loads a snapshot stops the other two as
 * well, and past the 1 s election timeout the cluster elects a leader again; a run during which the
 * term changed says so ({@code ELECTIONS meanwhile}), its time includes the election. Raft forces its
 * log on every write on each member (JRaft's default, which the engine keeps); the store's fsync
 * policy does not apply, its local log being unused on a cluster member.
 *
 * <p>Loading 1,000,000 items takes 15 to 25 s on a 2-core machine (three members applying every commit
 * in one JVM); the three members then hold about 2.1 GB of heap, and a member loading a snapshot as
 * much again for a moment, hence {@code -Xmx8g}.
 *
 * <p>Usage: {@code java -Xmx8g -Dsofa.middleware.log.disable=true -cp benchmarks/target/benchmarks.jar
 * dev.lithair.benchmarks.ClusterRestartTime [--entities 1000000] [--tail 1000] [--runs 3]
 * [--in-flight 1] [--timeout 600] [--raft-log]}
 *
 * <ul>
 * <li>{@code --tail}: creations committed between the two snapshots, and again after the last one.</li>
 * <li>{@code --in-flight}: commits of 1,000 waiting for Raft at once while loading (on 2 cores, 8 load
 * no faster than 1: applying on three members is the bound).</li>
 * <li>{@code --timeout}: longest wait, in seconds, for the cluster to apply the load or a member to
 * catch up.</li>
 * <li>{@code --raft-log}: JRaft's INFO log too, beside the snapshot lines printed by default (a
 * member loading a snapshot, the leader sending one).</li>
 * </ul>
 */
public final class ClusterRestartTime {

    private static final int COMMIT_SIZE = 1000;
    private static final String TYPE = "LithairItem";
    private static final int MEMBERS = 3;

    /** Times of one member's return, in milliseconds from the start of its open. */
    private record Return(double openMillis, double servingMillis, long snapshotsLoaded, long snapshotBytes) {
    }

    private ClusterRestartTime() {
    }

    public static void main(String[] args) throws Exception {
        Arguments arguments = new Arguments();
        CommandLines.parseResult(arguments, args, null);
        // A member JRaft cannot stop keeps non-daemon threads: the JVM would never end on its own.
        int status = 0;
        try {
            run(arguments);
        } catch (Exception | Error failed) {
            failed.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    private static void run(Arguments arguments) throws Exception {
        if (arguments.entities < 3 * arguments.tail || arguments.tail < 1) {
            throw new IllegalArgumentException("--entities must be at least three times --tail, and --tail positive");
        }
        logLevels(arguments.raftLog);
        Path root = Files.createTempDirectory("lithair-cluster-restart");
        try (Members members = new Members(root)) {
            members.startAll();
            int bulk = arguments.entities - 2 * arguments.tail;
            long loadStarted = System.nanoTime();
            create(members.store(members.leader()), 0, bulk, arguments.inFlight);
            members.awaitConverged(arguments.timeout);
            double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
            System.out.printf(Locale.ROOT, "load: %,d items in %.1f s (%,.0f items/s), every member applied them%n",
                    bulk, loadSeconds, bulk / loadSeconds);

            // Two snapshots with commits between: JRaft truncates the log only up to the previous snapshot.
            List<SnapshotInfo> first = members.snapshotAll();
            create(members.store(members.leader()), bulk, bulk + arguments.tail, arguments.inFlight);
            members.awaitConverged(arguments.timeout);
            List<SnapshotInfo> second = members.snapshotAll();
            create(members.store(members.leader()), bulk + arguments.tail, arguments.entities, arguments.inFlight);
            members.awaitConverged(arguments.timeout);
            for (int i = 0; i < MEMBERS; i++) {
                System.out.printf(Locale.ROOT, "member-%d: snapshots at sequence %,d (%s) and %,d (%s); Raft "
                        + "directory now: snapshot %s, log %s%n", i, first.get(i).sequence(),
                        megabytes(first.get(i).sizeBytes()), second.get(i).sequence(),
                        megabytes(second.get(i).sizeBytes()), megabytes(members.raftBytes(i, "snapshot")),
                        megabytes(members.raftBytes(i, "log")));
            }
            LithairStore leader = members.store(members.leader());
            String lastId = id(arguments.entities - 1);
            System.out.printf(Locale.ROOT, "cluster: %,d items, last sequence %,d, term %d%n", leader.count(TYPE),
                    leader.lastSequence(), members.term());

            List<Double> restarts = new ArrayList<>();
            List<Double> installs = new ArrayList<>();
            for (int run = 1; run <= arguments.runs; run++) {
                int follower = members.follower();
                long target = members.store(members.leader()).lastSequence();

                // A clean stop, then an open on the same directories: the member's own snapshot, then the log tail.
                long term = members.term();
                members.stop(follower);
                Return restarted = members.returnOf(follower, target, lastId, arguments.timeout);
                restarts.add(restarted.servingMillis());
                System.out.printf(Locale.ROOT, "run %d, member-%d: member restart: %.0f ms to serving reads (open "
                        + "returned after %.0f ms; snapshots loaded %d)%s%n", run, follower, restarted.servingMillis(),
                        restarted.openMillis(), restarted.snapshotsLoaded(), elections(term, members.term()));

                // A clean stop, every directory deleted, an open with the same peer id: the leader's snapshot.
                term = members.term();
                members.stop(follower);
                members.wipe(follower);
                Return installed = members.returnOf(follower, target, lastId, arguments.timeout);
                if (installed.snapshotsLoaded() < 1) {
                    throw new IllegalStateException("member-" + follower + " started empty and caught up without "
                            + "installing a snapshot: the leader's log was not truncated, the run measured a replay");
                }
                installs.add(installed.servingMillis());
                System.out.printf(Locale.ROOT, "run %d, member-%d: new member: %.0f ms to serving reads (snapshot "
                        + "install; open returned after %.0f ms; snapshots installed %d, %s received)%s%n", run,
                        follower, installed.servingMillis(), installed.openMillis(), installed.snapshotsLoaded(),
                        megabytes(installed.snapshotBytes()), elections(term, members.term()));
            }
            System.out.printf(Locale.ROOT, "median of %d runs, %,d items, snapshot of %,d (%s) + log tail of %,d: "
                    + "member restart %.0f ms to serving reads; new member %.0f ms to serving reads (snapshot "
                    + "install); load %.1f s%n", restarts.size(), arguments.entities, second.get(0).sequence(),
                    megabytes(second.get(0).sizeBytes()), arguments.tail, Statistics.median(restarts),
                    Statistics.median(installs), loadSeconds);
        } finally {
            TestDirectories.deleteRecursively(root);
        }
    }

    /**
     * Quiets the JVM's logging but for the snapshot lines, the evidence of what a member loaded: no
     * Spring Boot application configures logback here, which would log everything at DEBUG.
     */
    private static void logLevels(boolean raftLog) {
        LoggingSystem logging = LoggingSystem.get(ClusterRestartTime.class.getClassLoader());
        logging.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.WARN);
        if (raftLog) {
            logging.setLogLevel("com.alipay.sofa.jraft", LogLevel.INFO);
            logging.setLogLevel("dev.lithair", LogLevel.INFO);
        } else {
            // Bolt's connection log: a stack trace per refused connection while a member is stopped.
            logging.setLogLevel("com.alipay.sofa.common.log", LogLevel.OFF);
        }
        // "Loaded the Raft snapshot at sequence ...": a member's own snapshot at start, or the leader's.
        logging.setLogLevel("dev.lithair.replication.raft.LithairStateMachine", LogLevel.INFO);
        // "... received InstallSnapshotRequest from ...": the leader sends its snapshot.
        logging.setLogLevel("com.alipay.sofa.jraft.core.NodeImpl", LogLevel.INFO);
    }

    private static String id(int i) {
        return "i" + i;
    }

    private static LithairItem item(int i) {
        String id = id(i);
        ItemForm form = ItemForm.preloaded(id);
        return new LithairItem(id, form.name(), form.category(), form.price(), form.sku(), null);
    }

    /** Items {@code from} to {@code to} (excluded) in commits of 1,000, up to {@code inFlight} waiting at once. */
    private static void create(LithairStore store, int from, int to, int inFlight) {
        Deque<CompletableFuture<CommitResult>> waiting = new ArrayDeque<>();
        for (int start = from; start < to; start += COMMIT_SIZE) {
            List<Operation> operations = new ArrayList<>(COMMIT_SIZE);
            for (int i = start; i < Math.min(to, start + COMMIT_SIZE); i++) {
                operations.add(new Operation.Put(TYPE, id(i), item(i)));
            }
            Commit commit = new Commit(null, null, operations);
            if (inFlight <= 1) {
                store.commit(commit);
                continue;
            }
            waiting.add(store.commitAsync(commit));
            if (waiting.size() >= inFlight) {
                waiting.remove().join();
            }
        }
        waiting.forEach(CompletableFuture::join);
    }

    /** A warning when leadership changed while a member returned: the time then includes an election. */
    private static String elections(long termBefore, long termAfter) {
        return termAfter == termBefore ? "" : String.format(Locale.ROOT, "; ELECTIONS meanwhile, term %d -> %d",
                termBefore, termAfter);
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    /** Three members in this JVM, each a store on a {@link RaftCluster} in its own directory. */
    private static final class Members implements AutoCloseable {

        private final Path root;
        private final List<String> peers;
        private final LithairStore[] stores = new LithairStore[MEMBERS];
        private final RaftCluster[] clusters = new RaftCluster[MEMBERS];

        Members(Path root) {
            this.root = root;
            this.peers = FreePorts.distinct(MEMBERS).stream().map(port -> "127.0.0.1:" + port).toList();
        }

        void startAll() {
            for (int i = 0; i < MEMBERS; i++) {
                start(i);
            }
            clusters[0].awaitLeader(Duration.ofSeconds(30));
        }

        private Path directory(int i) {
            return root.resolve("member-" + i);
        }

        void start(int i) {
            Path directory = directory(i);
            // Snapshots only when asked: one taken by a timer or an event count would move between runs.
            RaftClusterOptions options = RaftClusterOptions.of(peers.get(i), peers, directory.resolve("raft"))
                    .withNodeId("member-" + i).withSnapshotInterval(Duration.ofDays(1));
            clusters[i] = new RaftCluster(options);
            stores[i] = LithairStore.open(StoreOptions.defaults(directory).withFormat(StorageFormat.BINARY)
                    .withSnapshotEveryEvents(0), List.of(EntityModel.of(LithairItem.class, HistoryPolicy.NONE)),
                    List.of(), clusters[i]);
        }

        /**
         * Closes member {@code i}; fails when it has not stopped after a minute: JRaft 1.4.1 can wait forever
         * for a snapshot job when a new leader retried an InstallSnapshot the member was still loading.
         */
        void stop(int i) throws InterruptedException {
            LithairStore store = stores[i];
            stores[i] = null;
            Thread closing = new Thread(store::close, "stopping-member-" + i);
            closing.setDaemon(true);
            closing.start();
            closing.join(60_000);
            if (closing.isAlive()) {
                throw new IllegalStateException("member-" + i + " did not stop within 60 s");
            }
        }

        void wipe(int i) {
            TestDirectories.deleteRecursively(directory(i));
        }

        LithairStore store(int i) {
            return stores[i];
        }

        long raftBytes(int i, String part) {
            return TestDirectories.size(directory(i).resolve("raft").resolve(part));
        }

        /** The running member that leads now, waiting for one. */
        int leader() throws InterruptedException {
            while (true) {
                for (int i = 0; i < MEMBERS; i++) {
                    if (stores[i] != null && clusters[i].isLeader()) {
                        return i;
                    }
                }
                Thread.sleep(10);
            }
        }

        /** The latest term the leader has seen: it grows with every election. */
        long term() throws InterruptedException {
            return clusters[leader()].status().term();
        }

        /** A running member that does not lead. */
        int follower() throws InterruptedException {
            int leader = leader();
            for (int i = 0; i < MEMBERS; i++) {
                if (i != leader && stores[i] != null) {
                    return i;
                }
            }
            throw new IllegalStateException("no running follower");
        }

        /** Waits until every running member has applied up to the leader's last sequence. */
        void awaitConverged(int timeoutSeconds) throws InterruptedException {
            long target = stores[leader()].lastSequence();
            long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
            for (int i = 0; i < MEMBERS; i++) {
                while (stores[i] != null && stores[i].lastSequence() < target) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("member-" + i + " applied up to " + stores[i].lastSequence()
                                + ", the leader being at " + target);
                    }
                    Thread.sleep(10);
                }
            }
        }

        /** A Raft snapshot on every member, each of its own state. */
        List<SnapshotInfo> snapshotAll() {
            List<SnapshotInfo> taken = new ArrayList<>();
            for (int i = 0; i < MEMBERS; i++) {
                taken.add(stores[i].snapshot().join());
            }
            return taken;
        }

        /**
         * Opens member {@code i} and waits until it has applied up to {@code target} and finds
         * {@code lastId}: the time to serving reads, from the start of the open.
         */
        Return returnOf(int i, long target, String lastId, int timeoutSeconds) throws InterruptedException {
            long started = System.nanoTime();
            start(i);
            long opened = System.nanoTime();
            LithairStore store = stores[i];
            long deadline = started + timeoutSeconds * 1_000_000_000L;
            // A 1 ms pause between looks: spinning would take a core from the member catching up.
            while (store.lastSequence() < target || store.find(LithairItem.class, lastId).isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("member-" + i + " applied up to " + store.lastSequence()
                            + " in " + timeoutSeconds + " s, the leader being at " + target);
                }
                Thread.sleep(1);
            }
            long serving = System.nanoTime();
            if (store.lastSequence() != target) {
                throw new IllegalStateException("member-" + i + " is at sequence " + store.lastSequence()
                        + ", beyond the leader's " + target);
            }
            return new Return((opened - started) / 1e6, (serving - started) / 1e6,
                    clusters[i].status().snapshotsInstalled(), raftBytes(i, "snapshot"));
        }

        @Override
        public void close() throws InterruptedException {
            for (int i = 0; i < MEMBERS; i++) {
                if (stores[i] != null) {
                    try {
                        stop(i);
                    } catch (IllegalStateException stuck) {
                        System.out.println(stuck.getMessage());
                    }
                }
            }
        }
    }

    /** The command line. */
    @Command(name = "ClusterRestartTime", mixinStandardHelpOptions = true,
            description = "Time to serving reads of a Raft member restarting, and of a new one installing the "
                    + "leader's snapshot, on a 3-member loopback cluster.")
    private static final class Arguments {
        @Option(names = "--entities", description = "items the cluster holds (default ${DEFAULT-VALUE})")
        int entities = 1_000_000;

        @Option(names = "--tail", description = "items committed between the two snapshots, and after the last "
                + "(default ${DEFAULT-VALUE})")
        int tail = 1000;

        @Option(names = "--runs", description = "restarts and installs of a follower (default ${DEFAULT-VALUE})")
        int runs = 3;

        @Option(names = "--in-flight", description = "commits waiting at once while loading (default ${DEFAULT-VALUE})")
        int inFlight = 1;

        @Option(names = "--timeout", description = "longest wait, in seconds, for a member to catch up "
                + "(default ${DEFAULT-VALUE})")
        int timeout = 600;

        @Option(names = "--raft-log", description = "JRaft's and Lithair's INFO log too")
        boolean raftLog;
    }
}
