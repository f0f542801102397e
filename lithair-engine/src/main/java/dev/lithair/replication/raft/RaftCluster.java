package dev.lithair.replication.raft;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.alipay.sofa.jraft.CliService;
import com.alipay.sofa.jraft.JRaftUtils;
import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.RaftGroupService;
import com.alipay.sofa.jraft.RaftServiceFactory;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.core.DefaultJRaftServiceFactory;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.option.BootstrapOptions;
import com.alipay.sofa.jraft.option.NodeOptions;
import com.alipay.sofa.jraft.option.RaftOptions;
import com.alipay.sofa.jraft.rpc.RpcClient;
import com.alipay.sofa.jraft.rpc.RpcServer;
import com.alipay.sofa.jraft.storage.LogStorage;
import com.codahale.metrics.Gauge;

import dev.lithair.exception.StoreUnavailableException;
import dev.lithair.replication.Cluster;
import dev.lithair.replication.ClusterStatus;
import dev.lithair.store.spi.CommitPath;
import dev.lithair.store.spi.StoreReplica;

/**
 * This member of a SOFAJRaft cluster: opens the store's commit path on Raft
 * ({@code LithairStore.open(options, models, projections, cluster)}), and reports and changes the
 * cluster (status, membership, leadership). The Raft log, metadata and snapshots live in
 * {@code options.dataDirectory()} ({@code log/}, {@code meta/}, {@code snapshot/}); the store's state is
 * rebuilt from the newest Raft snapshot and the committed entries after it.
 *
 * <p>Thread-safe once opened. One instance opens one store.
 */
public final class RaftCluster implements CommitPath.Factory, Cluster {

    private static final Logger log = LoggerFactory.getLogger(RaftCluster.class);

    static {
        // SOFA's logging bridge looks for an implementation it does not find and says so loudly; the
        // Raft node logs through SLF4J either way.
        if (System.getProperty("sofa.middleware.log.disable") == null) {
            System.setProperty("sofa.middleware.log.disable", "true");
        }
    }

    private final RaftClusterOptions options;
    private final List<LongConsumer> replicationListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<MembershipChange>> membershipListeners = new CopyOnWriteArrayList<>();
    private RaftTransport transport;
    private RaftGroupService group;
    private RaftCommitPath path;
    private LithairStateMachine stateMachine;
    private RpcClient rpcClient;
    private CliService cli;
    private ExecutorService snapshotWriter;
    private ExecutorService forwarders;
    private volatile Node node;
    /** The Raft log's storage, once JRaft has created it. */
    private volatile PurgingLogStorage logStorage;
    private volatile boolean shutDown;

    /**
     * A member that joins its cluster once started.
     *
     * @param options how it joins
     */
    public RaftCluster(RaftClusterOptions options) {
        this.options = options;
    }

    /** {@return how this member joins its cluster} */
    public RaftClusterOptions options() {
        return options;
    }

    @Override
    public Duration electionTimeout() {
        return options.electionTimeout();
    }

    @Override
    public void onReplicated(LongConsumer latencyNanos) {
        replicationListeners.add(latencyNanos);
    }

    /**
     * Notifies {@code listener} of every membership or leadership change asked of this member over the Raft
     * transport, on the thread that answers it; a listener must not block. Without a listener each change
     * is logged at INFO.
     *
     * @param listener notified of each change
     */
    public void onMembershipChange(Consumer<MembershipChange> listener) {
        membershipListeners.add(listener);
    }

    private void membershipChanged(MembershipChange change) {
        if (membershipListeners.isEmpty()) {
            log.info("Membership change asked of {}: {} {} by {} from {}: {}", options.self(), change.action(),
                    change.request(), change.peer() == null ? "an unauthenticated peer" : change.peer(),
                    change.remoteAddress(), change.outcome());
        }
        for (Consumer<MembershipChange> listener : membershipListeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                log.warn("A membership change listener failed on {}", change, e);
            }
        }
    }

    /**
     * @throws IllegalArgumentException when the member is reachable beyond loopback without TLS and without
     *                                  {@link RaftClusterOptions#withInsecureTransportAllowed}
     */
    @Override
    public synchronized CommitPath open(StoreReplica replica) {
        if (node != null) {
            throw new IllegalStateException("this cluster member is already open");
        }
        transport = new RaftTransport(options);
        Path directory = options.dataDirectory();
        try {
            Files.createDirectories(directory.resolve("log"));
            Files.createDirectories(directory.resolve("meta"));
            Files.createDirectories(directory.resolve("snapshot"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Raft directories in " + directory, e);
        }
        snapshotWriter = Executors.newSingleThreadExecutor(daemon("lithair-raft-snapshot"));
        forwarders = Executors.newCachedThreadPool(daemon("lithair-raft-forward"));
        stateMachine = new LithairStateMachine(replica, snapshotWriter, this::replicated);
        rpcClient = transport.forwardingClient();
        path = new RaftCommitPath(this, replica, stateMachine, rpcClient, forwarders);

        PeerId self = peer(options.self());
        NodeOptions nodeOptions = transport.nodeOptions();
        nodeOptions.setElectionTimeoutMs((int) options.electionTimeout().toMillis());
        // A member that died without closing its connections (kill -9, a cut network) answers nothing: a
        // follower asking it something (a read index, a forwarded request) holds the node's lock until the
        // call times out, and cannot vote meanwhile. Bounding these waits by the election timeout keeps an
        // election from being held up for JRaft's default five seconds.
        int electionMillis = (int) options.electionTimeout().toMillis();
        nodeOptions.setRpcConnectTimeoutMs(Math.max(100, electionMillis / 4));
        nodeOptions.setRpcDefaultTimeout(Math.max(200, electionMillis));
        nodeOptions.setSnapshotIntervalSecs((int) Math.min(Integer.MAX_VALUE, options.snapshotInterval().toSeconds()));
        nodeOptions.setEnableMetrics(true);
        nodeOptions.setFsm(stateMachine);
        nodeOptions.setServiceFactory(new PurgingServiceFactory());
        nodeOptions.setLogUri(directory.resolve("log").toString());
        nodeOptions.setRaftMetaUri(directory.resolve("meta").toString());
        nodeOptions.setSnapshotUri(directory.resolve("snapshot").toString());
        nodeOptions.setInitialConf(configuration(options.peers()));
        // Timers shared by the nodes of a JVM: tests and benchmarks run several members in one.
        nodeOptions.setSharedElectionTimer(true);
        nodeOptions.setSharedVoteTimer(true);
        nodeOptions.setSharedStepDownTimer(true);
        nodeOptions.setSharedSnapshotTimer(true);

        if (replica.lastSequence() > 0) {
            seed(stateMachine);
        }
        RpcServer rpcServer = transport.server(new ForwardedWriteProcessor(path, path.outcomes()),
                this::membershipChanged);
        group = new RaftGroupService(RaftClusterOptions.GROUP, self, nodeOptions, rpcServer);
        Node started = group.start();
        if (started == null) {
            shutdown();
            throw new IllegalStateException("the Raft node " + options.self() + " did not start (see the log above)");
        }
        node = started;
        path.started(started);
        stateMachine.onSnapshotDue(() -> started.snapshot(null));
        log.info("Lithair cluster member {} ({}) started, listening on {}:{} ({}); peers {}", options.nodeId(),
                options.self(), options.bindHost(), options.port(), transport.secured() ? "mutual TLS" : "plain TCP",
                options.peers());
        return path;
    }

    private void replicated(long latencyNanos) {
        for (LongConsumer listener : replicationListeners) {
            listener.accept(latencyNanos);
        }
    }

    /** What this member knows of the cluster now. */
    @Override
    public ClusterStatus status() {
        Node current = requireNode();
        PeerId leader = current.getLeaderId();
        String leaderAddress = leader == null || leader.isEmpty() ? null : leader.getEndpoint().toString();
        boolean leading = current.isLeader();
        List<String> peers = new ArrayList<>();
        for (PeerId peer : leading ? current.listPeers() : configuration(options.peers()).listPeers()) {
            peers.add(peer.getEndpoint().toString());
        }
        Map<String, Long> lag = leading ? followerLag(current) : Map.of();
        String role = current.getNodeState().name().replace("STATE_", "");
        return new ClusterStatus(options.nodeId(), options.self(), role, stateMachine.term(), leaderAddress, peers,
                current.getLastCommittedIndex(), current.getLastAppliedLogIndex(), path.stats().lastSequence(), lag,
                leaderAddress == null ? Math.max(1, stateMachine.leaderlessMillis()) : 0,
                stateMachine.snapshotsInstalled());
    }

    /** Entries each follower has still to receive, from the replicators' metrics. */
    private static Map<String, Long> followerLag(Node current) {
        Map<String, Long> lag = new LinkedHashMap<>();
        if (current.getNodeMetrics() == null || current.getNodeMetrics().getMetricRegistry() == null) {
            return lag;
        }
        String prefix = "replicator-" + RaftClusterOptions.GROUP + "/";
        String suffix = ".log-lags";
        @SuppressWarnings("rawtypes")
        Map<String, Gauge> gauges = current.getNodeMetrics().getMetricRegistry().getGauges();
        gauges.forEach((name, gauge) -> {
            if (name.startsWith(prefix) && name.endsWith(suffix)) {
                Object value = gauge.getValue();
                if (value instanceof Number number) {
                    lag.put(name.substring(prefix.length(), name.length() - suffix.length()), number.longValue());
                }
            }
        });
        return lag;
    }

    /**
     * Whether this member leads now.
     *
     * @return whether it leads
     */
    public boolean isLeader() {
        Node current = node;
        return current != null && current.isLeader();
    }

    /**
     * The leader's {@code host:raftPort}, waiting for one to be elected up to {@code timeout}.
     *
     * @param timeout the longest wait
     * @return the leader's {@code host:raftPort}
     * @throws StoreUnavailableException when no leader is known by then
     */
    public String awaitLeader(Duration timeout) {
        return awaitLeaderId(System.nanoTime() + timeout.toNanos()).getEndpoint().toString();
    }

    PeerId awaitLeaderId(long deadlineNanos) {
        while (true) {
            Node current = requireNode();
            PeerId leader = current.getLeaderId();
            if (leader != null && !leader.isEmpty()) {
                return leader;
            }
            if (System.nanoTime() > deadlineNanos) {
                throw new StoreUnavailableException("the cluster has no leader (this member: " + options.self()
                        + ", " + current.getNodeState() + ")", null);
            }
            pause(20);
        }
    }

    void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for the cluster", e);
        }
    }

    /** Adds a member ({@code host:raftPort}); it catches up from the leader (by snapshot when far behind). */
    @Override
    public void addPeer(String peer) {
        check(cli().addPeer(RaftClusterOptions.GROUP, knownConfiguration(), peer(peer)), "adding " + peer);
    }

    /** Removes a member ({@code host:raftPort}) from the configuration. */
    @Override
    public void removePeer(String peer) {
        check(cli().removePeer(RaftClusterOptions.GROUP, knownConfiguration(), peer(peer)), "removing " + peer);
    }

    /** Hands leadership to a member ({@code host:raftPort}). */
    @Override
    public void transferLeadership(String peer) {
        check(cli().transferLeader(RaftClusterOptions.GROUP, knownConfiguration(), peer(peer)),
                "transferring leadership to " + peer);
    }

    private Configuration knownConfiguration() {
        Node current = requireNode();
        Configuration configuration = current.isLeader() ? new Configuration(current.listPeers())
                : configuration(options.peers());
        PeerId leader = current.getLeaderId();
        if (leader != null && !leader.isEmpty() && !configuration.contains(leader)) {
            configuration.addPeer(leader);
        }
        return configuration;
    }

    private synchronized CliService cli() {
        if (cli == null) {
            cli = RaftServiceFactory.createAndInitCliService(transport.cliOptions());
        }
        return cli;
    }

    private static void check(Status status, String what) {
        if (!status.isOk()) {
            throw new IllegalStateException(what + " failed: " + status);
        }
    }

    /** This member's Raft node, for tests that hand it entries directly; {@code null} before it opens. */
    /**
     * Makes the state the replica holds before the node starts (restored from a backup to seed a new cluster)
     * this member's first Raft snapshot, at log index 2, with the configured peers: JRaft's bootstrap. Members
     * started afterwards on empty directories install it from this one once it leads.
     *
     * @throws IllegalStateException when this member has Raft state already: it would replay its own log over
     *                               the restored state
     */
    private void seed(LithairStateMachine fsm) {
        Path directory = options.dataDirectory();
        if (holdsFiles(directory.resolve("log")) || holdsFiles(directory.resolve("snapshot"))) {
            throw new IllegalStateException("this member holds restored data to seed a new cluster with, but also "
                    + "Raft state in " + directory + ": seed a member whose Raft directory is empty (if this member "
                    + "was seeded already and stopped before it removed the restored files, remove them and the "
                    + "cluster-seed marker)");
        }
        BootstrapOptions bootstrap = new BootstrapOptions();
        bootstrap.setGroupId(RaftClusterOptions.GROUP);
        bootstrap.setGroupConf(configuration(options.peers()));
        bootstrap.setFsm(fsm);
        // JRaft writes the configuration as an entry at index 1 before it takes the snapshot, which must lie past
        // that entry to replace it: at index 1 the two collide and JRaft refuses the result.
        bootstrap.setLastLogIndex(2);
        bootstrap.setLogUri(directory.resolve("log").toString());
        bootstrap.setRaftMetaUri(directory.resolve("meta").toString());
        bootstrap.setSnapshotUri(directory.resolve("snapshot").toString());
        bootstrap.setServiceFactory(new PurgingServiceFactory());
        try {
            if (!JRaftUtils.bootstrap(bootstrap)) {
                throw new IllegalStateException("seeding the Raft state of " + directory + " failed (see the log above)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while seeding the Raft state of " + directory, e);
        }
    }

    private static boolean holdsFiles(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.anyMatch(Files::isRegularFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Raft log's storage; {@code null} before the node starts. */
    PurgingLogStorage logStorage() {
        return logStorage;
    }

    /** Gives JRaft a log storage that purges truncated entries from its files. */
    private final class PurgingServiceFactory extends DefaultJRaftServiceFactory {
        @Override
        public LogStorage createLogStorage(String uri, RaftOptions raftOptions) {
            PurgingLogStorage created = new PurgingLogStorage(uri, raftOptions);
            logStorage = created;
            return created;
        }
    }

    Node node() {
        return node;
    }

    LithairStateMachine stateMachine() {
        return stateMachine;
    }

    RaftCommitPath path() {
        return path;
    }

    private Node requireNode() {
        Node current = node;
        if (current == null) {
            throw new StoreUnavailableException("the cluster member is not open", null);
        }
        return current;
    }

    /** Stops the Raft node (a leader hands over first) and releases its threads and files; idempotent. */
    synchronized void shutdown() {
        if (shutDown) {
            return;
        }
        shutDown = true;
        if (group != null) {
            group.shutdown();
            try {
                group.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (cli != null) {
            cli.shutdown();
        }
        if (rpcClient != null) {
            rpcClient.shutdown();
        }
        for (ExecutorService executor : new ExecutorService[] {forwarders, snapshotWriter}) {
            if (executor != null) {
                executor.shutdown();
                try {
                    executor.awaitTermination(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        log.info("Lithair cluster member {} ({}) stopped", options.nodeId(), options.self());
    }

    static PeerId peer(String hostPort) {
        PeerId peer = new PeerId();
        if (!peer.parse(hostPort)) {
            throw new IllegalArgumentException("'" + hostPort + "' is not host:port");
        }
        return peer;
    }

    private static Configuration configuration(List<String> peers) {
        Configuration configuration = new Configuration();
        peers.forEach(peer -> configuration.addPeer(peer(peer)));
        return configuration;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
