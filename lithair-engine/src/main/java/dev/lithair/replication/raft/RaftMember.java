package dev.lithair.replication.raft;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.alipay.sofa.jraft.CliService;
import com.alipay.sofa.jraft.NodeManager;
import com.alipay.sofa.jraft.RaftServiceFactory;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.error.RemotingException;
import com.alipay.sofa.jraft.rpc.RpcClient;
import com.alipay.sofa.jraft.rpc.RpcServer;

/**
 * What one cluster member shares between its Raft groups: the Raft server on the member's port (every
 * group's requests arrive there, JRaft routing them by group id), the client that forwards writes to
 * leaders, the thread pools, and the CLI service. Groups register here once their node runs, so that
 * forwarded writes find them by group id.
 *
 * <p>Why groups do not use JRaft's {@code RaftGroupService}: its shutdown removes the member's address from
 * JRaft's registry, which every group on the port shares, and a group starting meanwhile then fails.
 *
 * <p>Thread-safe: started once, groups added and removed from any thread.
 */
final class RaftMember {

    private static final Logger log = LoggerFactory.getLogger(RaftMember.class);

    private final RaftClusterOptions options;
    private final Consumer<MembershipChange> changes;
    private final BiConsumer<String, Boolean> unknownGroupAsked;
    private final Map<String, RaftGroup> groups = new ConcurrentHashMap<>();
    private RaftTransport transport;
    private RpcServer rpcServer;
    private RpcClient rpcClient;
    private CliService cli;
    private ExecutorService snapshotWriter;
    private ExecutorService forwarders;
    private boolean started;
    private boolean shutDown;

    /**
     * @param options           the member's options
     * @param changes           notified of every membership change asked of this member
     * @param unknownGroupAsked told the id of a group a peer asked something of while it does not run here, and
     *                          whether the peer asked to wake it ({@link WakeGroup}) rather than sent a Raft
     *                          request; called on a Bolt thread, so it must hand any work to another thread
     */
    RaftMember(RaftClusterOptions options, Consumer<MembershipChange> changes,
            BiConsumer<String, Boolean> unknownGroupAsked) {
        this.options = options;
        this.changes = changes;
        this.unknownGroupAsked = unknownGroupAsked;
    }

    RaftClusterOptions options() {
        return options;
    }

    /**
     * Starts the transport and the Raft server on the member's port, once; later calls do nothing.
     *
     * @throws IllegalArgumentException when the member is reachable beyond loopback without TLS and without
     *                                  an explicit opt-out
     * @throws IllegalStateException    when the port cannot be bound
     */
    synchronized void start() {
        if (started) {
            return;
        }
        if (shutDown) {
            throw new IllegalStateException("this cluster member is shut down");
        }
        transport = new RaftTransport(options);
        snapshotWriter = Executors.newSingleThreadExecutor(daemon("lithair-raft-snapshot"));
        forwarders = Executors.newCachedThreadPool(daemon("lithair-raft-forward"));
        rpcClient = transport.forwardingClient();
        rpcServer = transport.server(List.of(ForwardedWriteProcessor.defaultGroup(this),
                ForwardedWriteProcessor.namedGroup(this), new WakeGroupProcessor(id -> askedOfGroup(id, true))),
                changes, id -> askedOfGroup(id, false));
        boolean listening;
        try {
            listening = rpcServer.init(null);
        } catch (RuntimeException e) {
            shutdown();
            throw new IllegalStateException("the Raft port " + options.bindHost() + ":" + options.port()
                    + " of cluster member " + options.self() + " cannot be bound: " + e.getMessage(), e);
        }
        if (!listening) {
            shutdown();
            throw new IllegalStateException("the Raft server of cluster member " + options.self()
                    + " did not start on " + options.bindHost() + ":" + options.port() + " (see the log above)");
        }
        NodeManager.getInstance().addAddress(self().getEndpoint());
        started = true;
        log.info("Lithair cluster member {} ({}) listening on {}:{} ({}); peers {}", options.nodeId(), options.self(),
                options.bindHost(), options.port(), transport.secured() ? "mutual TLS" : "plain TCP", options.peers());
    }

    private void askedOfGroup(String groupId, boolean wake) {
        if (!groups.containsKey(groupId)) {
            unknownGroupAsked.accept(groupId, wake);
        }
    }

    /**
     * Asks every peer to start the group now ({@link WakeGroup}), on a thread of the forwarders and without
     * waiting for their answers: connecting to a peer that is down may take the connect timeout.
     */
    void wakePeers(String groupId) {
        for (String peer : options.peers()) {
            if (!peer.equals(options.self())) {
                try {
                    forwarders.execute(() -> wake(peer, groupId));
                } catch (RejectedExecutionException e) {
                    return; // shutting down
                }
            }
        }
    }

    private void wake(String peer, String groupId) {
        try {
            rpcClient.invokeAsync(RaftCluster.peer(peer).getEndpoint(), new WakeGroup(groupId), (result, error) -> { },
                    options.requestTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | RemotingException e) {
            log.debug("Could not ask {} to start the group {}: {}", peer, groupId, e.toString());
        }
    }

    PeerId self() {
        return RaftCluster.peer(options.self());
    }

    RaftTransport transport() {
        return transport;
    }

    RpcClient rpcClient() {
        return rpcClient;
    }

    ExecutorService snapshotWriter() {
        return snapshotWriter;
    }

    ExecutorService forwarders() {
        return forwarders;
    }

    void register(RaftGroup group) {
        if (groups.putIfAbsent(group.id(), group) != null) {
            throw new IllegalStateException("the Raft group " + group.id() + " already runs on " + options.self());
        }
    }

    void unregister(RaftGroup group) {
        groups.remove(group.id(), group);
    }

    /** {@return the group of this id running here, or {@code null}} */
    RaftGroup group(String groupId) {
        return groups.get(groupId);
    }

    /** {@return the groups running here, by id} */
    Map<String, RaftGroup> groups() {
        return Map.copyOf(groups);
    }

    synchronized CliService cli() {
        if (cli == null) {
            cli = RaftServiceFactory.createAndInitCliService(transport.cliOptions());
        }
        return cli;
    }

    /** Stops the groups still running, then the server, the clients and the pools; idempotent. */
    void shutdown() {
        for (RaftGroup group : groups().values()) {
            group.shutdown();
        }
        synchronized (this) {
            if (shutDown) {
                return;
            }
            shutDown = true;
            if (started) {
                NodeManager.getInstance().removeAddress(self().getEndpoint());
            }
            if (rpcServer != null) {
                rpcServer.shutdown();
            }
            if (cli != null) {
                cli.shutdown();
            }
            if (rpcClient != null) {
                rpcClient.shutdown();
            }
            stop(forwarders, false, 30);
            stop(snapshotWriter, false, 30);
        }
        log.info("Lithair cluster member {} ({}) stopped", options.nodeId(), options.self());
    }

    /**
     * Stops a pool, if there is one: it takes no more tasks, those running are interrupted if {@code interrupt},
     * and the call waits up to {@code seconds} for them to end.
     */
    static void stop(ExecutorService executor, boolean interrupt, long seconds) {
        if (executor == null) {
            return;
        }
        if (interrupt) {
            executor.shutdownNow();
        } else {
            executor.shutdown();
        }
        try {
            executor.awaitTermination(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
