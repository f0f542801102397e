package dev.lithair.replication.raft;

import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.alipay.remoting.CustomSerializerManager;
import com.alipay.remoting.config.BoltServerOption;
import com.alipay.remoting.serialization.SerializerManager;
import com.alipay.sofa.jraft.option.CliOptions;
import com.alipay.sofa.jraft.option.NodeOptions;
import com.alipay.sofa.jraft.option.RpcOptions;
import com.alipay.sofa.jraft.rpc.RaftRpcFactory;
import com.alipay.sofa.jraft.rpc.RaftRpcServerFactory;
import com.alipay.sofa.jraft.rpc.RpcClient;
import com.alipay.sofa.jraft.rpc.RpcProcessor;
import com.alipay.sofa.jraft.rpc.RpcServer;
import com.alipay.sofa.jraft.rpc.impl.BoltRpcClient;
import com.alipay.sofa.jraft.util.RpcFactoryHelper;

/**
 * The network side of one member: its Raft server, listening on the member's bind address only, and the
 * options through which JRaft's clients (the node's, the CLI service's) and Lithair's forwarding client
 * reach the peers, every connection mutual TLS when the member has {@link MutualTls}.
 *
 * <p>Two settings are JVM-wide, installed by the first member: forwarded writes and their outcomes are
 * read by {@link ForwardedBytesSerializer}, and Bolt's Hessian serializer is replaced by
 * {@link NoObjectStreams}, which reads nothing.
 */
final class RaftTransport {

    private static final Logger log = LoggerFactory.getLogger(RaftTransport.class);

    private static boolean serializersInstalled;

    private final RaftClusterOptions options;
    private final MutualTls tls;

    /**
     * @throws IllegalArgumentException when the member is reachable beyond loopback without TLS and
     *                                  without an explicit opt-out
     * @throws IllegalStateException    when TLS is asked for but JRaft does not use Lithair's transport
     */
    RaftTransport(RaftClusterOptions options) {
        this.options = options;
        this.tls = options.transport().tls();
        if (tls == null && options.reachableBeyondLoopback()) {
            if (!options.transport().insecureAllowed()) {
                throw new IllegalArgumentException("the cluster member " + options.self() + " (listening on "
                        + options.bindHost() + ") is reachable beyond loopback, and its Raft traffic would be "
                        + "neither encrypted nor authenticated: give it mutual TLS, or allow insecure transport "
                        + "explicitly");
            }
            log.warn("The Raft traffic of cluster member {} (listening on {}) is neither encrypted nor "
                    + "authenticated: anyone who reaches the port can write, read the log and change the "
                    + "membership (insecure transport allowed)", options.self(), options.bindHost());
        }
        RaftRpcFactory factory = RpcFactoryHelper.rpcFactory();
        if (tls != null && !(factory instanceof LithairRaftRpcFactory)) {
            throw new IllegalStateException("JRaft uses the RPC factory " + factory.getClass().getName()
                    + " instead of Lithair's, which cannot secure its connections: remove it from the class path");
        }
        installSerializers();
    }

    private static synchronized void installSerializers() {
        if (!serializersInstalled) {
            CustomSerializerManager.registerCustomSerializer(ForwardedWrite.class.getName(),
                    ForwardedBytesSerializer.INSTANCE);
            CustomSerializerManager.registerCustomSerializer(ForwardedGroupWrite.class.getName(),
                    ForwardedBytesSerializer.INSTANCE);
            CustomSerializerManager.registerCustomSerializer(WakeGroup.class.getName(),
                    ForwardedBytesSerializer.INSTANCE);
            CustomSerializerManager.registerCustomSerializer(ForwardedOutcome.class.getName(),
                    ForwardedBytesSerializer.INSTANCE);
            SerializerManager.addSerializer(SerializerManager.Hessian2, new NoObjectStreams());
            serializersInstalled = true;
        }
    }

    /** Whether connections are mutual TLS. */
    boolean secured() {
        return tls != null;
    }

    /** The options of this member's Raft node: JRaft hands them to the node's client, which then uses TLS. */
    NodeOptions nodeOptions() {
        return new LithairRaftRpcFactory.MemberNodeOptions(tls);
    }

    /** The options of a CLI service of this member. */
    CliOptions cliOptions() {
        return new LithairRaftRpcFactory.MemberCliOptions(tls);
    }

    /** A started client for the writes this member forwards to the leader. */
    RpcClient forwardingClient() {
        RpcClient client = new BoltRpcClient(new com.alipay.remoting.rpc.RpcClient());
        if (tls != null) {
            LithairRaftRpcFactory.secure(client, tls);
        }
        client.init(new RpcOptions());
        return client;
    }

    /**
     * The member's Raft server, not yet started: JRaft's processors and {@code forwardedWrites}, listening
     * on the bind address only.
     *
     * @param changes      notified of every membership change asked of this member
     * @param groupsAsked  told the group id of every Raft request a peer sends
     */
    RpcServer server(List<RpcProcessor<?>> forwardedWrites, Consumer<MembershipChange> changes,
            Consumer<String> groupsAsked) {
        com.alipay.remoting.rpc.RpcServer bolt = new com.alipay.remoting.rpc.RpcServer(options.bindHost(),
                options.port(), true);
        if (tls != null) {
            bolt.option(BoltServerOption.EXTENDED_NETTY_CHANNEL_HANDLER, TlsChannelHandlers.accepting(tls));
        }
        RpcServer server = new MemberRpcServer(bolt, tls != null, changes, groupsAsked);
        RaftRpcServerFactory.addRaftRequestProcessors(server);
        forwardedWrites.forEach(server::registerProcessor);
        return server;
    }
}
