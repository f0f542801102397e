package dev.lithair.replication.raft;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.entity.PeerId;

import dev.lithair.exception.StoreUnavailableException;
import dev.lithair.replication.Cluster;
import dev.lithair.replication.ClusterStatus;
import dev.lithair.replication.TenantHost;
import dev.lithair.replication.TenantReplication;
import dev.lithair.store.spi.CommitPath;
import dev.lithair.store.spi.StoreReplica;

/**
 * This member of a SOFAJRaft cluster: opens the store's commit path on Raft
 * ({@code LithairStore.open(options, models, projections, cluster)}), and reports and changes the
 * cluster (status, membership, leadership). The Raft log, metadata and snapshots live in
 * {@code options.dataDirectory()} ({@code log/}, {@code meta/}, {@code snapshot/}); the store's state is
 * rebuilt from the newest Raft snapshot and the committed entries after it.
 *
 * <p>With tenants ({@link #hostTenants}), each tenant's store has a Raft group of its own on the same port
 * ({@link #tenantGroup}), so that the tenants' leaders, and their writes, spread over the members.
 *
 * <p>Thread-safe once opened. One instance opens one store, or hosts the tenants' stores.
 */
public final class RaftCluster implements CommitPath.Factory, Cluster, TenantReplication, AutoCloseable {

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
    private final RaftMember member;
    private final TenantGroups tenants;
    /** The cluster's group, once a store opened on it. */
    private volatile RaftGroup group;

    /**
     * A member that joins its cluster once started.
     *
     * @param options how it joins
     */
    public RaftCluster(RaftClusterOptions options) {
        this.options = options;
        this.member = new RaftMember(options, this::membershipChanged, this::askedOfGroup);
        this.tenants = new TenantGroups(member, this::replicated);
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

    private void askedOfGroup(String groupId, boolean wake) {
        tenants.asked(groupId, wake);
    }

    /**
     * @throws IllegalArgumentException when the member is reachable beyond loopback without TLS and without
     *                                  {@link RaftClusterOptions#withInsecureTransportAllowed}
     */
    @Override
    public synchronized CommitPath open(StoreReplica replica) {
        if (group != null) {
            throw new IllegalStateException("this cluster member is already open");
        }
        member.start();
        RaftGroup opened = new RaftGroup(member, RaftClusterOptions.GROUP, options.dataDirectory(), false,
                stopped -> member.shutdown());
        RaftCommitPath path;
        try {
            path = opened.start(replica, this::replicated);
        } catch (RuntimeException e) {
            member.shutdown();
            throw e;
        }
        group = opened;
        log.info("Lithair cluster member {} ({}) joined the group {}", options.nodeId(), options.self(),
                RaftClusterOptions.GROUP);
        return path;
    }

    /**
     * Hosts tenants on this member: starts its Raft server (without the cluster's own group, which no store
     * uses then) and, whenever a peer asks something of a tenant's group that does not run here yet, calls
     * {@code opener} with the tenant id on a thread of its own, so that the tenant's store opens on
     * {@link #tenantGroup} and its group joins the others. Leadership of the tenants' groups is then kept
     * spread over the members (no member leads more than its share, rounded up, for long).
     *
     * @param opener opens the store of a tenant on its group; its failures are logged
     * @throws IllegalArgumentException when the member is reachable beyond loopback without TLS and without
     *                                  {@link RaftClusterOptions#withInsecureTransportAllowed}
     */
    @Override
    public void hostTenants(Consumer<String> opener) {
        hostTenants(TenantHost.of(opener, tenant -> false, NEVER, Integer.MAX_VALUE));
    }

    /** An idle timeout no group reaches. */
    private static final Duration NEVER = Duration.ofNanos(Long.MAX_VALUE);

    /**
     * Hosts tenants whose groups are put to sleep when idle (see {@link TenantReplication#hostTenants(TenantHost)}).
     *
     * @param host opens and closes the tenants' stores; its failures are logged
     * @throws IllegalArgumentException when the member is reachable beyond loopback without TLS and without
     *                                  {@link RaftClusterOptions#withInsecureTransportAllowed}
     */
    @Override
    public void hostTenants(TenantHost host) {
        member.start();
        tenants.host(host);
    }

    /**
     * The commit path factory of a tenant's store: its own Raft group, {@code lithair-t-{tenant}}, on this
     * member's transport, with the configured peers; its Raft log, metadata and snapshots live in
     * {@code raftDirectory}. Every member starts the group on first use, here or at a peer.
     *
     * @param tenant        the tenant id: 1 to 63 letters, digits, {@code _} or {@code -}
     * @param raftDirectory where the group's Raft files live on this member
     * @return the factory, for {@code LithairStore.create}
     * @throws IllegalArgumentException when the tenant id is not one
     */
    @Override
    public CommitPath.Factory tenantGroup(String tenant, Path raftDirectory) {
        return tenants.factory(tenant, raftDirectory);
    }

    /**
     * The leader of each tenant group running on this member, as this member knows it.
     *
     * @return the leader's {@code host:raftPort} by tenant id, {@code null} where none is known
     */
    public Map<String, String> tenantLeaders() {
        return tenants.leaders();
    }

    /**
     * What this member knows of a tenant's group now.
     *
     * @param tenant the tenant id
     * @return its status
     * @throws StoreUnavailableException when the tenant's group does not run on this member
     */
    @Override
    public ClusterStatus tenantStatus(String tenant) {
        return tenants.status(tenant);
    }

    private void replicated(long latencyNanos) {
        for (LongConsumer listener : replicationListeners) {
            listener.accept(latencyNanos);
        }
    }

    /** What this member knows of the cluster now. */
    @Override
    public ClusterStatus status() {
        return requireGroup().status();
    }

    /**
     * Whether this member leads now.
     *
     * @return whether it leads
     */
    public boolean isLeader() {
        RaftGroup current = group;
        Node node = current == null ? null : current.node();
        return node != null && node.isLeader();
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
        return requireGroup().awaitLeaderId(deadlineNanos);
    }

    /** Adds a member ({@code host:raftPort}); it catches up from the leader (by snapshot when far behind). */
    @Override
    public void addPeer(String peer) {
        check(member.cli().addPeer(RaftClusterOptions.GROUP, knownConfiguration(), peer(peer)), "adding " + peer);
    }

    /** Removes a member ({@code host:raftPort}) from the configuration. */
    @Override
    public void removePeer(String peer) {
        check(member.cli().removePeer(RaftClusterOptions.GROUP, knownConfiguration(), peer(peer)), "removing " + peer);
    }

    /** Hands leadership to a member ({@code host:raftPort}). */
    @Override
    public void transferLeadership(String peer) {
        check(member.cli().transferLeader(RaftClusterOptions.GROUP, knownConfiguration(), peer(peer)),
                "transferring leadership to " + peer);
    }

    private Configuration knownConfiguration() {
        Node current = requireGroup().requireNode();
        Configuration configuration = current.isLeader() ? new Configuration(current.listPeers())
                : RaftGroup.configuration(options.peers());
        PeerId leader = current.getLeaderId();
        if (leader != null && !leader.isEmpty() && !configuration.contains(leader)) {
            configuration.addPeer(leader);
        }
        return configuration;
    }

    private static void check(Status status, String what) {
        if (!status.isOk()) {
            throw new IllegalStateException(what + " failed: " + status);
        }
    }

    /** This member's Raft node, for tests that hand it entries directly; {@code null} before it opens. */
    Node node() {
        RaftGroup current = group;
        return current == null ? null : current.node();
    }

    LithairStateMachine stateMachine() {
        return requireGroup().stateMachine();
    }

    RaftCommitPath path() {
        return requireGroup().path();
    }

    private RaftGroup requireGroup() {
        RaftGroup current = group;
        if (current == null) {
            throw new StoreUnavailableException("the cluster member is not open", null);
        }
        return current;
    }

    /**
     * Stops the tenants' groups and the cluster's group (a leader hands over first), then releases the
     * member's port, threads and files; idempotent. A store open on this member is closed with it.
     */
    @Override
    public void close() {
        shutdown();
    }

    /** Stops every group here (a leader hands over first) and releases the port, threads and files; idempotent. */
    void shutdown() {
        tenants.close();
        member.shutdown();
    }

    static PeerId peer(String hostPort) {
        PeerId peer = new PeerId();
        if (!peer.parse(hostPort)) {
            throw new IllegalArgumentException("'" + hostPort + "' is not host:port");
        }
        return peer;
    }
}
