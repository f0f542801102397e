package dev.lithair.replication.raft;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.alipay.sofa.jraft.rpc.CliRequests;
import com.alipay.sofa.jraft.rpc.Connection;
import com.alipay.sofa.jraft.rpc.RpcContext;
import com.alipay.sofa.jraft.rpc.RpcProcessor;
import com.alipay.sofa.jraft.rpc.RpcRequests;
import com.alipay.sofa.jraft.rpc.RpcResponseFactory;
import com.alipay.sofa.jraft.rpc.impl.BoltRpcServer;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.TextFormat;

/**
 * This member's Raft server: JRaft's processors (replication, votes, snapshots, membership calls) and
 * Lithair's, each behind a guard. With TLS the guard serves only a connection whose peer showed a
 * trusted certificate (the handshake already refuses any other; the guard makes sure no request gets
 * past it otherwise), and every membership or leadership change asked of this member is reported, with
 * the caller's certificate subject, address, time and outcome. Thread-safe.
 */
final class MemberRpcServer extends BoltRpcServer {

    private static final Logger log = LoggerFactory.getLogger(MemberRpcServer.class);

    /** The JRaft CLI requests that change membership or leadership, by the action name they are reported as. */
    private static final Map<String, String> CHANGES = Map.of(
            CliRequests.AddPeerRequest.class.getName(), "add-peer",
            CliRequests.RemovePeerRequest.class.getName(), "remove-peer",
            CliRequests.ChangePeersRequest.class.getName(), "change-peers",
            CliRequests.ResetPeerRequest.class.getName(), "reset-peer",
            CliRequests.TransferLeaderRequest.class.getName(), "transfer-leader",
            CliRequests.AddLearnersRequest.class.getName(), "add-learners",
            CliRequests.RemoveLearnersRequest.class.getName(), "remove-learners",
            CliRequests.ResetLearnersRequest.class.getName(), "reset-learners");

    private final boolean authenticated;
    private final Consumer<MembershipChange> changes;
    private final Consumer<String> groupsAsked;
    private final Clock clock = Clock.systemUTC();
    private volatile boolean stopped;

    /**
     * @param server        the Bolt server, bound where the member listens
     * @param authenticated whether connections carry TLS with a verified peer certificate
     * @param changes       notified of every membership change asked of this member; must not throw
     * @param groupsAsked   told the group id of every Raft request from an authenticated peer, before it is
     *                      handled; must not block or throw
     */
    MemberRpcServer(com.alipay.remoting.rpc.RpcServer server, boolean authenticated,
            Consumer<MembershipChange> changes, Consumer<String> groupsAsked) {
        super(server);
        this.authenticated = authenticated;
        this.changes = changes;
        this.groupsAsked = groupsAsked;
    }

    /** The {@code group_id} a JRaft request names, or {@code null}. */
    static String groupOf(Object request) {
        if (!(request instanceof Message message)) {
            return null;
        }
        Descriptors.FieldDescriptor field = message.getDescriptorForType().findFieldByName("group_id");
        if (field == null || field.getType() != Descriptors.FieldDescriptor.Type.STRING || !message.hasField(field)) {
            return null;
        }
        return (String) message.getField(field);
    }

    /**
     * Stops the server; a request still arriving afterwards is answered by closing its connection. Why: Bolt's
     * server threads are shared by the servers of a JVM, and a connection the server had not yet recorded
     * when it stopped stays open, its requests still handed to this server's processors: a peer would be
     * told "no such group" by a member that is gone, forever, instead of reconnecting to the member that
     * replaced it on the same port (a member restarted in the same JVM).
     */
    @Override
    public void shutdown() {
        stopped = true;
        super.shutdown();
    }

    @SuppressWarnings({ "rawtypes", "unchecked" })
    @Override
    public void registerProcessor(RpcProcessor processor) {
        super.registerProcessor(new Guarded(processor, CHANGES.get(processor.interest())));
    }

    /** The subject of the certificate the connection's peer showed, or {@code null}. */
    static String peerOf(RpcContext context) {
        Connection connection = context.getConnection();
        Object peer = connection == null ? null : connection.getAttribute(TlsChannelHandlers.PEER_ATTRIBUTE);
        return peer instanceof String subject ? subject : null;
    }

    private final class Guarded<T> implements RpcProcessor<T> {

        private final RpcProcessor<T> delegate;
        private final String change;

        Guarded(RpcProcessor<T> delegate, String change) {
            this.delegate = delegate;
            this.change = change;
        }

        @Override
        public void handleRequest(RpcContext context, T request) {
            if (stopped) {
                Connection connection = context.getConnection();
                if (connection != null) {
                    connection.close();
                }
                return;
            }
            if (!authenticated && change == null) {
                noteGroup(request);
                delegate.handleRequest(context, request);
                return;
            }
            String peer = peerOf(context);
            if (authenticated && peer == null) {
                log.warn("Refused a {} from {}: its connection shows no verified certificate", interest(),
                        context.getRemoteAddress());
                Connection connection = context.getConnection();
                if (connection != null) {
                    connection.close();
                }
                return;
            }
            if (change == null) {
                noteGroup(request);
                delegate.handleRequest(context, request);
                return;
            }
            Instant receivedAt = clock.instant();
            String described = request instanceof MessageOrBuilder message ? TextFormat.shortDebugString(message)
                    : String.valueOf(request);
            delegate.handleRequest(new RpcContext() {
                @Override
                public void sendResponse(Object response) {
                    try {
                        context.sendResponse(response);
                    } finally {
                        changes.accept(new MembershipChange(change, described, peer, context.getRemoteAddress(),
                                receivedAt, outcome(response)));
                    }
                }

                @Override
                public Connection getConnection() {
                    return context.getConnection();
                }

                @Override
                public String getRemoteAddress() {
                    return context.getRemoteAddress();
                }
            }, request);
        }

        private void noteGroup(T request) {
            String group = groupOf(request);
            if (group != null) {
                groupsAsked.accept(group);
            }
        }

        @Override
        public String interest() {
            return delegate.interest();
        }

        @Override
        public Executor executor() {
            return delegate.executor();
        }

        @Override
        public ExecutorSelector executorSelector() {
            return delegate.executorSelector();
        }
    }

    /** {@code success}, or {@code failure: <reason>} from the error a JRaft response carries. */
    static String outcome(Object response) {
        RpcRequests.ErrorResponse error = null;
        if (response instanceof RpcRequests.ErrorResponse direct) {
            error = direct;
        } else if (response instanceof Message message) {
            Descriptors.FieldDescriptor field = message.getDescriptorForType()
                    .findFieldByNumber(RpcResponseFactory.ERROR_RESPONSE_NUM);
            if (field != null && message.hasField(field)) {
                error = (RpcRequests.ErrorResponse) message.getField(field);
            }
        } else {
            return "failure: " + response;
        }
        return error == null || error.getErrorCode() == 0 ? "success"
                : "failure: " + error.getErrorMsg() + " (code " + error.getErrorCode() + ")";
    }
}
