package dev.lithair.replication.raft;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

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
import com.alipay.sofa.jraft.rpc.impl.BoltRpcClient;
import com.alipay.sofa.jraft.util.Endpoint;
import com.google.protobuf.ByteString;

/**
 * Someone who reaches a member's Raft port but is not a member: with no certificate, or with one the
 * cluster does not trust. It tries what JRaft's own CLI would (membership and leadership changes,
 * listing peers), sends each Raft request a follower or a learner would, and forwards a write. Each
 * attempt ends with the answer it got, or with the error that stood for none.
 */
final class Intruder implements AutoCloseable {

    /** What one attempt got: an answer, or none (the error instead). */
    record Attempt(String what, Object answer, Throwable error) {

        boolean answered() {
            return answer != null;
        }
    }

    private static final String GROUP = RaftClusterOptions.GROUP;

    private final CliService cli;
    private final RpcClient client;

    /** @param tls the intruder's own TLS, or {@code null} for plain TCP */
    Intruder(MutualTls tls) {
        CliOptions options = tls == null ? new CliOptions() : new LithairRaftRpcFactory.MemberCliOptions(tls);
        options.setTimeoutMs(2000);
        options.setMaxRetry(0);
        options.setRpcConnectTimeoutMs(2000);
        cli = RaftServiceFactory.createAndInitCliService(options);
        client = new BoltRpcClient(new com.alipay.remoting.rpc.RpcClient());
        if (tls != null) {
            LithairRaftRpcFactory.secure(client, tls);
        }
        client.init(new RpcOptions());
    }

    /** The CLI service's own calls against the cluster of {@code peers}. */
    List<Attempt> useTheCli(List<String> peers, String newcomer) {
        Configuration configuration = new Configuration();
        peers.forEach(peer -> configuration.addPeer(PeerId.parsePeer(peer)));
        PeerId stranger = PeerId.parsePeer(newcomer);
        List<Attempt> attempts = new ArrayList<>();
        attempts.add(status("getLeader", () -> cli.getLeader(GROUP, configuration, new PeerId())));
        attempts.add(status("addPeer", () -> cli.addPeer(GROUP, configuration, stranger)));
        attempts.add(status("removePeer", () -> cli.removePeer(GROUP, configuration, PeerId.parsePeer(peers.get(0)))));
        attempts.add(status("transferLeader", () -> cli.transferLeader(GROUP, configuration,
                PeerId.parsePeer(peers.get(1)))));
        attempts.add(status("addLearners", () -> cli.addLearners(GROUP, configuration, List.of(stranger))));
        for (String peer : peers) {
            attempts.add(status("resetPeer " + peer, () -> cli.resetPeer(GROUP, PeerId.parsePeer(peer),
                    new Configuration(List.of(stranger)))));
        }
        try {
            attempts.add(new Attempt("getPeers", cli.getPeers(GROUP, configuration), null));
        } catch (RuntimeException e) {
            attempts.add(new Attempt("getPeers", null, e));
        }
        return attempts;
    }

    /** Every membership request sent straight to {@code member}, past the CLI's leader lookup. */
    List<Attempt> sendMembershipRequests(String member, String newcomer, List<String> peers) {
        CliClientService service = ((CliServiceImpl) cli).getCliClientService();
        Endpoint target = PeerId.parsePeer(member).getEndpoint();
        Map<String, Supplier<Future<?>>> requests = new LinkedHashMap<>();
        requests.put("AddPeerRequest", () -> service.addPeer(target, CliRequests.AddPeerRequest.newBuilder()
                .setGroupId(GROUP).setLeaderId(member).setPeerId(newcomer).build(), null));
        requests.put("RemovePeerRequest", () -> service.removePeer(target, CliRequests.RemovePeerRequest.newBuilder()
                .setGroupId(GROUP).setLeaderId(member).setPeerId(peers.get(0)).build(), null));
        requests.put("ChangePeersRequest", () -> service.changePeers(target, CliRequests.ChangePeersRequest.newBuilder()
                .setGroupId(GROUP).setLeaderId(member).addNewPeers(newcomer).build(), null));
        requests.put("ResetPeerRequest", () -> service.resetPeer(target, CliRequests.ResetPeerRequest.newBuilder()
                .setGroupId(GROUP).setPeerId(member).addNewPeers(newcomer).build(), null));
        requests.put("TransferLeaderRequest", () -> service.transferLeader(target,
                CliRequests.TransferLeaderRequest.newBuilder().setGroupId(GROUP).setLeaderId(member)
                        .setPeerId(peers.get(1)).build(), null));
        requests.put("AddLearnersRequest", () -> service.addLearners(target, CliRequests.AddLearnersRequest
                .newBuilder().setGroupId(GROUP).setLeaderId(member).addLearners(newcomer).build(), null));
        requests.put("GetPeersRequest", () -> service.getPeers(target, CliRequests.GetPeersRequest.newBuilder()
                .setGroupId(GROUP).setLeaderId(member).build(), null));
        List<Attempt> attempts = new ArrayList<>();
        requests.forEach((what, send) -> attempts.add(answer(what, send)));
        return attempts;
    }

    /** Asks {@code member} for the cluster's peers, as the CLI does. */
    Attempt listPeers(String member) {
        CliClientService service = ((CliServiceImpl) cli).getCliClientService();
        return answer("GetPeersRequest", () -> service.getPeers(PeerId.parsePeer(member).getEndpoint(),
                CliRequests.GetPeersRequest.newBuilder().setGroupId(GROUP).setLeaderId(member).build(), null));
    }

    /** The requests of a member or learner: a vote, entries, a snapshot file, a ping. */
    List<Attempt> sendRaftRequests(String member, String posingAs) {
        Endpoint target = PeerId.parsePeer(member).getEndpoint();
        Map<String, Object> requests = new LinkedHashMap<>();
        requests.put("PingRequest", RpcRequests.PingRequest.newBuilder().setSendTimestamp(1).build());
        requests.put("RequestVoteRequest", RpcRequests.RequestVoteRequest.newBuilder().setGroupId(GROUP)
                .setServerId(posingAs).setPeerId(member).setTerm(1_000_000).setLastLogTerm(1_000_000)
                .setLastLogIndex(1_000_000).setPreVote(false).build());
        requests.put("AppendEntriesRequest", RpcRequests.AppendEntriesRequest.newBuilder().setGroupId(GROUP)
                .setServerId(posingAs).setPeerId(member).setTerm(1_000_000).setPrevLogTerm(0).setPrevLogIndex(0)
                .setCommittedIndex(0).build());
        requests.put("GetFileRequest", RpcRequests.GetFileRequest.newBuilder().setReaderId(1)
                .setFilename("__raft_snapshot_meta").setCount(1 << 20).setOffset(0).build());
        requests.put("ReadIndexRequest", RpcRequests.ReadIndexRequest.newBuilder().setGroupId(GROUP)
                .setServerId(posingAs).addEntries(ByteString.EMPTY).build());
        List<Attempt> attempts = new ArrayList<>();
        requests.forEach((what, request) -> attempts.add(invoke(what, target, request)));
        return attempts;
    }

    /** Forwards an encoded commit to {@code member} as a follower would. */
    Attempt forwardWrite(String member, byte[] entry) {
        return invoke("ForwardedWrite", PeerId.parsePeer(member).getEndpoint(), new ForwardedWrite(entry));
    }

    private Attempt invoke(String what, Endpoint target, Object request) {
        try {
            return new Attempt(what, client.invokeSync(target, request, 3000), null);
        } catch (Exception e) {
            return new Attempt(what, null, e);
        }
    }

    private static Attempt status(String what, Supplier<Status> call) {
        Status status = call.get();
        return status.isOk() ? new Attempt(what, status, null)
                : new Attempt(what, null, new IllegalStateException(status.toString()));
    }

    private static Attempt answer(String what, Supplier<Future<?>> send) {
        try {
            return new Attempt(what, send.get().get(5, TimeUnit.SECONDS), null);
        } catch (ExecutionException e) {
            return new Attempt(what, null, e.getCause());
        } catch (TimeoutException e) {
            return new Attempt(what, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(what, null, e);
        }
    }

    @Override
    public void close() {
        cli.shutdown();
        client.shutdown();
    }
}
