package dev.lithair.e2e.stranger;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import ch.qos.logback.classic.Level;
import com.alipay.remoting.CustomSerializer;
import com.alipay.remoting.CustomSerializerManager;
import com.alipay.remoting.ExtendedNettyChannelHandler;
import com.alipay.remoting.config.BoltClientOption;
import com.alipay.sofa.jraft.CliService;
import com.alipay.sofa.jraft.RaftServiceFactory;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.core.CliServiceImpl;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.option.CliOptions;
import com.alipay.sofa.jraft.option.RpcOptions;
import com.alipay.sofa.jraft.rpc.CliClientService;
import com.alipay.sofa.jraft.rpc.CliRequests;
import com.alipay.sofa.jraft.rpc.RpcClient;
import com.alipay.sofa.jraft.rpc.RpcRequests;
import com.alipay.sofa.jraft.rpc.impl.AbstractClientService;
import com.alipay.sofa.jraft.rpc.impl.BoltRpcClient;
import com.alipay.sofa.jraft.util.Endpoint;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Someone on the cluster's network who is not a member, run in a container of its own with the product
 * sample's jar as its class path (so it speaks the members' JRaft and Bolt versions). It tries what a
 * member or an operator could: JRaft's {@link CliService} (find the leader, list, add, remove and reset
 * peers, join as a learner naming itself, transfer leadership), the same membership requests sent straight
 * to each member, the Raft requests a voter or a learner sends (a vote with a huge term, entries, a
 * snapshot file), and a write forwarded as a follower forwards it: a raw Bolt request of Lithair's
 * forwarded-write class carrying a commit entry that creates a product as {@code admin}.
 *
 * <p>Each attempt is printed on stdout as one JSON line ({@code {"kind": ..., "attempt": ..., "target": ...,
 * "answered": ..., "answer": ..., "error": ...}}), then a last line {@code {"kind": "done", ...}}; the test
 * reads them. The stranger connects with plain TCP, with TLS and no certificate, or with TLS and the
 * certificate it is given (one of another authority, or, for the test's control, one of the cluster's).
 *
 * <p>Usage: {@code RaftPortStranger <plain|tls|tls-certificate> <attack|control> <self host:port>
 * <member host:port,...> <forged product id> [certificate.pem key.pem]}
 */
public final class RaftPortStranger {

    private static final String GROUP = "lithair";
    private static final String FORWARDED_WRITE = "dev.lithair.replication.raft.ForwardedWrite";
    private static final String FORWARDED_OUTCOME = "dev.lithair.replication.raft.ForwardedOutcome";
    private static final String FORWARDED_BYTES_SERIALIZER = "dev.lithair.replication.raft.ForwardedBytesSerializer";
    private static final int TIMEOUT_MILLIS = 3000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<String> members;
    private final PeerId self;
    private final CliService cli;
    private final RpcClient raft;
    private final com.alipay.remoting.rpc.RpcClient bolt;
    private int attempts;

    private RaftPortStranger(List<String> members, String self, ExtendedNettyChannelHandler tls) {
        this.members = members;
        this.self = PeerId.parsePeer(self);
        CliOptions options = new CliOptions();
        options.setTimeoutMs(TIMEOUT_MILLIS);
        options.setRpcConnectTimeoutMs(TIMEOUT_MILLIS);
        options.setMaxRetry(0);
        cli = RaftServiceFactory.createAndInitCliService(options);
        bolt = new com.alipay.remoting.rpc.RpcClient();
        if (tls != null) {
            // Bolt reads this option each time it opens a connection, and the CLI service has opened none yet.
            boltOf(((AbstractClientService) ((CliServiceImpl) cli).getCliClientService()).getRpcClient()).option(
                    BoltClientOption.EXTENDED_NETTY_CHANNEL_HANDLER, tls);
            bolt.option(BoltClientOption.EXTENDED_NETTY_CHANNEL_HANDLER, tls);
        }
        raft = new BoltRpcClient(bolt);
        raft.init(new RpcOptions());
        registerForwardedWriteSerializer();
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        if (args.length != 5 && args.length != 7) {
            throw new IllegalArgumentException("usage: RaftPortStranger <plain|tls|tls-certificate> <attack|control>"
                    + " <self host:port> <member host:port,...> <forged product id> [certificate.pem key.pem]; got "
                    + Arrays.toString(args));
        }
        // With TLS it accepts whatever certificate a member shows: a stranger wants in, whoever answers.
        ExtendedNettyChannelHandler tls = switch (args[0]) {
            case "plain" -> null;
            case "tls" -> new ClientTls(SslContextBuilder.forClient()
                    .trustManager(InsecureTrustManagerFactory.INSTANCE).build());
            case "tls-certificate" -> new ClientTls(SslContextBuilder.forClient()
                    .keyManager(new File(args[5]), new File(args[6]))
                    .trustManager(InsecureTrustManagerFactory.INSTANCE).build());
            default -> throw new IllegalArgumentException("unknown way to connect: " + args[0]);
        };
        RaftPortStranger stranger = new RaftPortStranger(List.of(args[3].split(",")), args[2], tls);
        byte[] entry = forgedCreate(args[4]);
        try {
            switch (args[1]) {
                case "attack" -> stranger.attack(entry);
                case "control" -> stranger.control(entry);
                default -> throw new IllegalArgumentException("unknown plan: " + args[1]);
            }
            stranger.print(JSON.createObjectNode().put("kind", "done").put("attempts", stranger.attempts));
        } finally {
            stranger.close();
        }
        System.exit(0);
    }

    /** Everything a stranger could try to change or learn; none of it should be answered. */
    private void attack(byte[] entry) {
        for (String member : members) {
            reach(member);
        }
        useTheCli();
        for (String member : members) {
            sendMembershipRequests(member);
            sendRaftRequests(member);
            forwardWrite(member, entry);
        }
    }

    /** What a member may do and changes no membership: ask for the peers, and forward the write to each member. */
    private void control(byte[] entry) {
        Configuration configuration = configuration();
        try {
            List<PeerId> peers = cli.getPeers(GROUP, configuration);
            print("cli", "getPeers", String.join(",", members), peers.toString(), null);
        } catch (RuntimeException e) {
            print("cli", "getPeers", String.join(",", members), null, e);
        }
        for (String member : members) {
            forwardWrite(member, entry);
        }
    }

    /** Whether the member's Raft port takes a TCP connection from here: refusals below are not the network's. */
    private void reach(String member) {
        Endpoint endpoint = PeerId.parsePeer(member).getEndpoint();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getIp(), endpoint.getPort()), TIMEOUT_MILLIS);
            print("tcp", "connect", member, "connected", null);
        } catch (IOException e) {
            print("tcp", "connect", member, null, e);
        }
    }

    /** JRaft's CLI service, as an operator uses it, against the configuration of the members. */
    private void useTheCli() {
        Configuration configuration = configuration();
        String target = String.join(",", members);
        status("getLeader", target, () -> cli.getLeader(GROUP, configuration, new PeerId()));
        try {
            print("cli", "getPeers", target, cli.getPeers(GROUP, configuration).toString(), null);
        } catch (RuntimeException e) {
            print("cli", "getPeers", target, null, e);
        }
        status("addPeer " + self, target, () -> cli.addPeer(GROUP, configuration, self));
        status("addLearners " + self, target, () -> cli.addLearners(GROUP, configuration, List.of(self)));
        status("removePeer " + members.get(0), target,
                () -> cli.removePeer(GROUP, configuration, PeerId.parsePeer(members.get(0))));
        Configuration withStranger = configuration.copy();
        withStranger.addPeer(self);
        status("changePeers +" + self, target, () -> cli.changePeers(GROUP, configuration, withStranger));
        status("transferLeader " + members.get(1), target,
                () -> cli.transferLeader(GROUP, configuration, PeerId.parsePeer(members.get(1))));
        for (String member : members) {
            status("resetPeer " + self, member,
                    () -> cli.resetPeer(GROUP, PeerId.parsePeer(member), new Configuration(List.of(self))));
        }
    }

    /** The CLI's requests sent straight to {@code member}, past the CLI's search for the leader. */
    private void sendMembershipRequests(String member) {
        CliClientService service = ((CliServiceImpl) cli).getCliClientService();
        Endpoint target = PeerId.parsePeer(member).getEndpoint();
        String stranger = self.toString();
        Map<String, Supplier<Future<?>>> requests = new LinkedHashMap<>();
        requests.put("GetPeersRequest", () -> service.getPeers(target, CliRequests.GetPeersRequest.newBuilder()
                .setGroupId(GROUP).setLeaderId(member).build(), null));
        requests.put("AddPeerRequest", () -> service.addPeer(target, CliRequests.AddPeerRequest.newBuilder()
                .setGroupId(GROUP).setLeaderId(member).setPeerId(stranger).build(), null));
        requests.put("AddLearnersRequest", () -> service.addLearners(target, CliRequests.AddLearnersRequest
                .newBuilder().setGroupId(GROUP).setLeaderId(member).addLearners(stranger).build(), null));
        requests.put("RemovePeerRequest", () -> service.removePeer(target, CliRequests.RemovePeerRequest.newBuilder()
                .setGroupId(GROUP).setLeaderId(member).setPeerId(members.get(0)).build(), null));
        requests.put("ChangePeersRequest", () -> service.changePeers(target, CliRequests.ChangePeersRequest
                .newBuilder().setGroupId(GROUP).setLeaderId(member).addNewPeers(stranger).build(), null));
        requests.put("ResetPeerRequest", () -> service.resetPeer(target, CliRequests.ResetPeerRequest.newBuilder()
                .setGroupId(GROUP).setPeerId(member).addNewPeers(stranger).build(), null));
        requests.put("TransferLeaderRequest", () -> service.transferLeader(target, CliRequests.TransferLeaderRequest
                .newBuilder().setGroupId(GROUP).setLeaderId(member).setPeerId(members.get(1)).build(), null));
        requests.forEach((what, send) -> {
            try {
                Object answer = send.get().get(TIMEOUT_MILLIS + 2000, TimeUnit.MILLISECONDS);
                print("membership-request", what, member, String.valueOf(answer), null);
            } catch (ExecutionException e) {
                print("membership-request", what, member, null, e.getCause());
            } catch (TimeoutException | RuntimeException e) {
                print("membership-request", what, member, null, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                print("membership-request", what, member, null, e);
            }
        });
    }

    /** What a voter or a learner sends: a vote with a huge term, entries, a snapshot file, a linearizable read. */
    private void sendRaftRequests(String member) {
        String stranger = self.toString();
        Map<String, Object> requests = new LinkedHashMap<>();
        requests.put("RequestVoteRequest", RpcRequests.RequestVoteRequest.newBuilder().setGroupId(GROUP)
                .setServerId(stranger).setPeerId(member).setTerm(1_000_000).setLastLogTerm(1_000_000)
                .setLastLogIndex(1_000_000).setPreVote(false).build());
        requests.put("AppendEntriesRequest", RpcRequests.AppendEntriesRequest.newBuilder().setGroupId(GROUP)
                .setServerId(stranger).setPeerId(member).setTerm(1_000_000).setPrevLogTerm(0).setPrevLogIndex(0)
                .setCommittedIndex(0).build());
        requests.put("GetFileRequest", RpcRequests.GetFileRequest.newBuilder().setReaderId(1)
                .setFilename("__raft_snapshot_meta").setCount(1 << 20).setOffset(0).build());
        requests.put("ReadIndexRequest", RpcRequests.ReadIndexRequest.newBuilder().setGroupId(GROUP)
                .setServerId(stranger).build());
        Endpoint target = PeerId.parsePeer(member).getEndpoint();
        requests.forEach((what, request) -> {
            try {
                print("raft-request", what, member, String.valueOf(raft.invokeSync(target, request, TIMEOUT_MILLIS)),
                        null);
            } catch (Exception e) {
                print("raft-request", what, member, null, e);
            }
        });
    }

    /**
     * A write forwarded as a follower forwards it: Lithair's own request class, written by Lithair's own
     * serializer, so that the bytes on the wire are exactly a member's.
     */
    private void forwardWrite(String member, byte[] entry) {
        try {
            Object outcome = bolt.invokeSync(member, forwardedWrite(entry), TIMEOUT_MILLIS);
            print("forwarded-write", "ForwardedWrite", member, outcomeText(outcome), null);
        } catch (Exception e) {
            print("forwarded-write", "ForwardedWrite", member, null, e);
        }
    }

    /**
     * Makes Bolt write forwarded writes and read their outcomes as a member does. Both classes are internal
     * to the sample's jar and reached by reflection, as anyone holding the jar could.
     */
    private static void registerForwardedWriteSerializer() {
        try {
            Field serializer = Class.forName(FORWARDED_BYTES_SERIALIZER).getDeclaredField("INSTANCE");
            serializer.setAccessible(true);
            CustomSerializer instance = (CustomSerializer) serializer.get(null);
            CustomSerializerManager.registerCustomSerializer(FORWARDED_WRITE, instance);
            CustomSerializerManager.registerCustomSerializer(FORWARDED_OUTCOME, instance);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the sample's jar has no " + FORWARDED_BYTES_SERIALIZER
                    + " as this stranger knows it", e);
        }
    }

    private static Object forwardedWrite(byte[] entry) {
        try {
            Constructor<?> constructor = Class.forName(FORWARDED_WRITE).getDeclaredConstructor(byte[].class);
            constructor.setAccessible(true);
            return constructor.newInstance((Object) entry);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the sample's jar has no " + FORWARDED_WRITE + " as this stranger knows it",
                    e);
        }
    }

    /** The outcome's JSON document, or what the answer was when it is something else. */
    private static String outcomeText(Object outcome) {
        if (outcome == null) {
            return "null";
        }
        try {
            Method json = outcome.getClass().getDeclaredMethod("json");
            json.setAccessible(true);
            return new String((byte[]) json.invoke(outcome), StandardCharsets.UTF_8);
        } catch (ReflectiveOperationException e) {
            return outcome.toString();
        }
    }

    /**
     * A commit entry as a follower encodes it: the JSON format marker, then a commit creating a product,
     * with the actor and the time the sender chose.
     */
    private static byte[] forgedCreate(String id) {
        ObjectNode payload = JSON.createObjectNode().put("id", id).put("name", id).put("category", "forged")
                .put("price", 1).put("createdAt", "2026-01-01T00:00:00Z").put("updatedAt", "2026-01-01T00:00:00Z");
        ObjectNode operation = JSON.createObjectNode().put("delete", false).put("entityType", "Product")
                .put("entityId", id);
        operation.set("payload", payload);
        ObjectNode commit = JSON.createObjectNode().put("actor", "admin").put("timestamp", "2026-01-01T00:00:00Z");
        commit.putArray("operations").add(operation);
        byte[] body = JSON.writeValueAsBytes(commit);
        byte[] entry = new byte[body.length + 1];
        entry[0] = 'J';
        System.arraycopy(body, 0, entry, 1, body.length);
        return entry;
    }

    private Configuration configuration() {
        Configuration configuration = new Configuration();
        members.forEach(member -> configuration.addPeer(PeerId.parsePeer(member)));
        return configuration;
    }

    private void status(String what, String target, Supplier<Status> call) {
        try {
            Status status = call.get();
            if (status.isOk()) {
                print("cli", what, target, status.toString(), null);
            } else {
                print("cli", what, target, null, new IllegalStateException(status.toString()));
            }
        } catch (RuntimeException e) {
            print("cli", what, target, null, e);
        }
    }

    private void print(String kind, String attempt, String target, String answer, Throwable error) {
        attempts++;
        ObjectNode line = JSON.createObjectNode().put("kind", kind).put("attempt", attempt).put("target", target)
                .put("answered", answer != null).put("answer", answer).put("error", describe(error));
        print(line);
    }

    private static void print(ObjectNode line) {
        System.out.println(JSON.writeValueAsString(line));
        System.out.flush();
    }

    /** The error and its causes, one line: enough to tell a refused handshake from an unreachable host. */
    private static String describe(Throwable error) {
        if (error == null) {
            return null;
        }
        List<String> chain = new ArrayList<>();
        for (Throwable cause = error; cause != null && chain.size() < 5; cause = cause.getCause()) {
            chain.add(cause.getClass().getName() + ": " + cause.getMessage());
        }
        return String.join(" <- ", chain);
    }

    private static com.alipay.remoting.rpc.RpcClient boltOf(RpcClient client) {
        return ((BoltRpcClient) client).getRpcClient();
    }

    private void close() {
        cli.shutdown();
        raft.shutdown();
    }

    /** TLS in front of every connection the stranger opens, with a fresh engine per connection. */
    private record ClientTls(SslContext context) implements ExtendedNettyChannelHandler {

        @Override
        public List<ChannelHandler> frontChannelHandlers() {
            return List.of(context.newHandler(ByteBufAllocator.DEFAULT));
        }

        @Override
        public List<ChannelHandler> backChannelHandlers() {
            return List.of();
        }
    }
}
