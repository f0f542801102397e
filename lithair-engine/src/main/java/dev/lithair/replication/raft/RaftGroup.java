package dev.lithair.replication.raft;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

import com.alipay.sofa.jraft.JRaftUtils;
import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.RaftServiceFactory;
import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.core.DefaultJRaftServiceFactory;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.option.BootstrapOptions;
import com.alipay.sofa.jraft.option.NodeOptions;
import com.alipay.sofa.jraft.option.RaftOptions;
import com.alipay.sofa.jraft.storage.LogStorage;
import com.codahale.metrics.Gauge;

import dev.lithair.exception.StoreUnavailableException;
import dev.lithair.replication.ClusterStatus;
import dev.lithair.store.spi.StoreReplica;

/**
 * One Raft group on a member: its node, state machine and commit path, and its log, metadata and snapshots
 * under its own directory ({@code log/}, {@code meta/}, {@code snapshot/}). A member runs the cluster's
 * group ({@value RaftClusterOptions#GROUP}) or, with tenants, one group per tenant; all share the member's
 * transport ({@link RaftMember}).
 *
 * <p>Thread-safe once started.
 */
final class RaftGroup {

    private final RaftMember member;
    private final String id;
    private final Path directory;
    private final boolean tenant;
    private final Consumer<RaftGroup> onShutdown;
    private LithairStateMachine stateMachine;
    private RaftCommitPath path;
    private volatile Node node;
    /** The Raft log's storage, once JRaft has created it. */
    private volatile PurgingLogStorage logStorage;
    private boolean shutDown;
    private volatile Runnable onLocalCommit = () -> { };

    /**
     * @param member     the member it runs on
     * @param id         the group id, the same on every member
     * @param directory  where its Raft log, metadata and snapshots live
     * @param tenant     whether it is a tenant's group (tuned for many groups per member)
     * @param onShutdown called once the group has stopped
     */
    RaftGroup(RaftMember member, String id, Path directory, boolean tenant, Consumer<RaftGroup> onShutdown) {
        this.member = member;
        this.id = id;
        this.directory = directory;
        this.tenant = tenant;
        this.onShutdown = onShutdown;
    }

    String id() {
        return id;
    }

    Path directory() {
        return directory;
    }

    RaftMember member() {
        return member;
    }

    /**
     * Starts the group's node on the member (which must be started) and returns its commit path.
     *
     * @param replica            the store the committed entries are applied to
     * @param replicationLatency told the time from proposal to application of each commit this member leads
     * @throws IllegalStateException when the node does not start
     */
    RaftCommitPath start(StoreReplica replica, LongConsumer replicationLatency) {
        RaftClusterOptions options = member.options();
        try {
            Files.createDirectories(directory.resolve("log"));
            Files.createDirectories(directory.resolve("meta"));
            Files.createDirectories(directory.resolve("snapshot"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Raft directories in " + directory, e);
        }
        stateMachine = new LithairStateMachine(id, replica, member.snapshotWriter(), replicationLatency);
        path = new RaftCommitPath(this, replica, stateMachine,
                tenant ? Math.min(options.maxInFlight(), TENANT_RING) : options.maxInFlight());
        if (replica.lastSequence() > 0) {
            seed(stateMachine);
        }
        member.register(this);
        Node started = RaftServiceFactory.createAndInitRaftNode(id, member.self(), nodeOptions(options));
        if (started == null) {
            member.unregister(this);
            throw new IllegalStateException("the Raft node of group " + id + " on " + options.self()
                    + " did not start (see the log above)");
        }
        node = started;
        path.started(started);
        stateMachine.onSnapshotDue(() -> started.snapshot(null));
        return path;
    }

    /** Entries a tenant group's node queues: smaller than JRaft's default, as a member runs many groups. */
    private static final int TENANT_RING = 1024;

    private NodeOptions nodeOptions(RaftClusterOptions options) {
        NodeOptions nodeOptions = member.transport().nodeOptions();
        int electionMillis = (int) options.electionTimeout().toMillis();
        nodeOptions.setElectionTimeoutMs(electionMillis);
        // A member that died without closing its connections (kill -9, a cut network) answers nothing: a
        // follower asking it something (a read index, a forwarded request) holds the node's lock until the
        // call times out, and cannot vote meanwhile. Bounding these waits by the election timeout keeps an
        // election from being held up for JRaft's default five seconds.
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
        // Timers shared by the nodes of a JVM: a member runs a node per group, and tests and benchmarks run
        // several members in one JVM.
        nodeOptions.setSharedElectionTimer(true);
        nodeOptions.setSharedVoteTimer(true);
        nodeOptions.setSharedStepDownTimer(true);
        nodeOptions.setSharedSnapshotTimer(true);
        if (tenant) {
            // Many groups per member: one timer pool for all, small queues, and a shorter random delay
            // before an election so that the groups a dead member led all elect within the election
            // timeout and a half.
            nodeOptions.setSharedTimerPool(true);
            nodeOptions.getRaftOptions().setDisruptorBufferSize(TENANT_RING);
            nodeOptions.getRaftOptions().setMaxElectionDelayMs(Math.max(50, electionMillis / 2));
            TenantLogStorageOptions.register(id);
        }
        return nodeOptions;
    }

    /**
     * Makes the state the replica holds before the node starts (restored from a backup to seed a new cluster)
     * this member's first Raft snapshot, at log index 2, with the configured peers: JRaft's bootstrap. Members
     * started afterwards on empty directories install it from this one once it leads.
     *
     * @throws IllegalStateException when this member has Raft state already: it would replay its own log over
     *                               the restored state
     */
    private void seed(LithairStateMachine fsm) {
        if (holdsFiles(directory.resolve("log")) || holdsFiles(directory.resolve("snapshot"))) {
            throw new IllegalStateException("this member holds restored data to seed a new cluster with, but also "
                    + "Raft state in " + directory + ": seed a member whose Raft directory is empty (if this member "
                    + "was seeded already and stopped before it removed the restored files, remove them and the "
                    + "cluster-seed marker)");
        }
        BootstrapOptions bootstrap = new BootstrapOptions();
        bootstrap.setGroupId(id);
        bootstrap.setGroupConf(configuration(member.options().peers()));
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

    /** What this member knows of the group now. */
    ClusterStatus status() {
        Node current = requireNode();
        RaftClusterOptions options = member.options();
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
    private Map<String, Long> followerLag(Node current) {
        Map<String, Long> lag = new LinkedHashMap<>();
        if (current.getNodeMetrics() == null || current.getNodeMetrics().getMetricRegistry() == null) {
            return lag;
        }
        String prefix = "replicator-" + id + "/";
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
     * The group's leader, waiting for one to be elected until {@code deadlineNanos}.
     *
     * @throws StoreUnavailableException when no leader is known by then
     */
    PeerId awaitLeaderId(long deadlineNanos) {
        while (true) {
            Node current = requireNode();
            PeerId leader = current.getLeaderId();
            if (leader != null && !leader.isEmpty()) {
                return leader;
            }
            if (System.nanoTime() > deadlineNanos) {
                throw new StoreUnavailableException("the cluster has no leader (this member: "
                        + member.options().self() + ", group " + id + ", " + current.getNodeState() + ")", null);
            }
            pause(20);
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for the cluster", e);
        }
    }

    /** Runs {@code hook} before each commit made on this member, on the committing thread; it must be cheap. */
    void onLocalCommit(Runnable hook) {
        this.onLocalCommit = hook;
    }

    /** Called by the commit path before each commit made on this member. */
    void committingLocally() {
        onLocalCommit.run();
    }

    /** The message that forwards {@code entry} to this group's leader. */
    Object forwardedWrite(byte[] entry) {
        return tenant ? new ForwardedGroupWrite(id, entry) : new ForwardedWrite(entry);
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

    Node requireNode() {
        Node current = node;
        if (current == null) {
            throw new StoreUnavailableException("the cluster member is not open", null);
        }
        return current;
    }

    /** Stops the node (a leader hands over first) and waits for it; idempotent. */
    void shutdown() {
        Node stopping;
        synchronized (this) {
            if (shutDown) {
                return;
            }
            shutDown = true;
            stopping = node;
        }
        member.unregister(this);
        if (stopping != null) {
            stopping.shutdown();
            try {
                stopping.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        onShutdown.accept(this);
    }

    static Configuration configuration(List<String> peers) {
        Configuration configuration = new Configuration();
        peers.forEach(peer -> configuration.addPeer(RaftCluster.peer(peer)));
        return configuration;
    }
}
