package dev.lithair.replication.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lithair.replication.ClusterStatus;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;
import dev.lithair.testing.CertificateAuthority;
import dev.lithair.testsupport.FreePorts;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Raft transport lets no stranger in: members listen on their bind address only, talk mutual TLS
 * with certificates of the cluster's authority, refuse anyone without one (no write, no membership
 * change, no answer), report membership changes with the caller's certificate, and a member reachable
 * beyond loopback does not start without TLS unless allowed to.
 */
class ClusterTransportTest {

    private static final CertificateAuthority CLUSTER = CertificateAuthority.create("lithair-test-cluster");
    private static final CertificateAuthority ELSEWHERE = CertificateAuthority.create("another-authority");

    @TempDir
    Path root;

    private ThreeMembers members;

    @AfterEach
    void stop() {
        if (members != null) {
            members.close();
        }
    }

    private ThreeMembers startWithTls() {
        members = new ThreeMembers(root, List.of(), 0, (i, options) -> options
                .withMutualTls(MutualTls.of(CLUSTER.issue("member-" + i).sslContext()))).start();
        return members;
    }

    private static Commit document(String id, int value) {
        ObjectNode document = JsonNodeFactory.instance.objectNode().put("id", id).put("value", value);
        return Commit.of(new Operation.Put("Doc", id, document));
    }

    @Test
    void aClusterWithMutualTlsReplicatesAndElectsANewLeaderWhenTheLeaderStops() {
        // given
        startWithTls();
        int leader = members.leader();
        int follower = members.follower();

        // when
        members.store(leader).commit(document("d1", 1));
        members.store(follower).commit(document("d2", 2));
        members.awaitConverged();
        members.stopMember(leader);
        int newLeader = members.leader();
        int survivor = members.running().stream().filter(i -> i != newLeader).findFirst().orElseThrow();
        members.store(survivor).commit(document("d3", 3));
        members.awaitConverged();

        // then
        assertThat(newLeader).isNotEqualTo(leader);
        for (int i : members.running()) {
            assertThat(members.store(i).all("Doc")).extracting(doc -> doc.get("id").asString())
                    .containsExactlyInAnyOrder("d1", "d2", "d3");
        }
    }

    @Test
    void theRaftPortListensOnTheBindAddressOnly() throws Exception {
        // given
        members = new ThreeMembers(root, List.of()).start();
        List<InetAddress> elsewhere = otherLocalAddresses();

        // when / then
        for (String peer : members.peers()) {
            int port = Integer.parseInt(peer.substring(peer.lastIndexOf(':') + 1));
            assertThat(accepts(InetAddress.getByName("127.0.0.1"), port)).as(peer).isTrue();
            for (InetAddress address : elsewhere) {
                assertThat(accepts(address, port)).as(address + ":" + port).isFalse();
            }
        }
        assertThat(elsewhere).as("local addresses besides 127.0.0.1 to try").isNotEmpty();
    }

    @Test
    void aMemberListensOnTheBindAddressItIsGivenAndNowhereElse() throws Exception {
        // given: a second loopback address (Linux routes all of 127/8 to the loopback interface)
        InetAddress second = InetAddress.getByName("127.0.0.2");
        assumeTrue(bindable(second), "127.0.0.2 is not a local address here");
        int port = FreePorts.one();
        String self = "127.0.0.2:" + port;
        RaftCluster cluster = new RaftCluster(RaftClusterOptions.of(self, List.of(self), root.resolve("raft"))
                .withBindAddress("127.0.0.2"));

        // when
        try (LithairStore store = LithairStore.open(StoreOptions.defaults(root), List.of(), List.of(), cluster)) {
            cluster.awaitLeader(Duration.ofSeconds(30));

            // then
            assertThat(accepts(second, port)).isTrue();
            assertThat(accepts(InetAddress.getByName("127.0.0.1"), port)).isFalse();
            store.commit(document("d1", 1));
            assertThat(store.get("Doc", "d1")).isPresent();
        }
    }

    @Test
    void aStrangerWithoutACertificateGetsNoAnswerAndChangesNothing() {
        // given
        startWithTls();
        members.store(members.leader()).commit(document("d1", 1));
        members.awaitConverged();
        Snapshot before = snapshot();
        String leader = members.peers().get(members.leader());
        byte[] entry = Entries.put("Doc", "forged", JsonNodeFactory.instance.objectNode().put("id", "forged"));

        // when
        List<Intruder.Attempt> attempts = new ArrayList<>();
        try (Intruder stranger = new Intruder(null)) {
            attempts.addAll(stranger.useTheCli(members.peers(), "127.0.0.1:1"));
            for (String member : members.peers()) {
                attempts.addAll(stranger.sendMembershipRequests(member, "127.0.0.1:1", members.peers()));
                attempts.addAll(stranger.sendRaftRequests(member, "127.0.0.1:1"));
            }
            attempts.add(stranger.forwardWrite(leader, entry));
        }

        // then
        assertThat(attempts).hasSizeGreaterThan(40).allSatisfy(attempt -> assertThat(attempt.answered())
                .as(attempt.what() + " answered " + attempt.answer()).isFalse());
        assertUnchanged(before);
    }

    @Test
    void aStrangerWithACertificateOfAnotherAuthorityGetsNoAnswerAndChangesNothing() {
        // given: the stranger trusts the cluster's authority, but its own certificate comes from elsewhere
        startWithTls();
        members.store(members.leader()).commit(document("d1", 1));
        members.awaitConverged();
        Snapshot before = snapshot();
        MutualTls foreign = MutualTls.of(ELSEWHERE.issue("member-0").sslContext(CLUSTER.certificate()));
        byte[] entry = Entries.put("Doc", "forged", JsonNodeFactory.instance.objectNode().put("id", "forged"));

        // when
        List<Intruder.Attempt> attempts = new ArrayList<>();
        try (Intruder stranger = new Intruder(foreign)) {
            attempts.addAll(stranger.useTheCli(members.peers(), "127.0.0.1:1"));
            for (String member : members.peers()) {
                attempts.addAll(stranger.sendMembershipRequests(member, "127.0.0.1:1", members.peers()));
                attempts.add(stranger.forwardWrite(member, entry));
            }
        }

        // then
        assertThat(attempts).allSatisfy(attempt -> assertThat(attempt.answered())
                .as(attempt.what() + " answered " + attempt.answer()).isFalse());
        assertUnchanged(before);
    }

    @Test
    void withoutTlsTheSameRequestsAreAnsweredWhichIsWhatTlsPrevents() {
        // given: the control for the two tests above, on a loopback cluster without TLS
        members = new ThreeMembers(root, List.of()).start();
        String leader = members.peers().get(members.leader());

        // when
        Intruder.Attempt peers;
        List<Intruder.Attempt> changes;
        try (Intruder stranger = new Intruder(null)) {
            peers = stranger.listPeers(leader);
            changes = stranger.sendMembershipRequests(leader, "127.0.0.1:1", members.peers());
        }

        // then
        assertThat(peers.answer()).asString().contains(members.peers().get(0), members.peers().get(1),
                members.peers().get(2));
        assertThat(changes).allSatisfy(attempt -> assertThat(attempt.answered()).as(attempt.what()).isTrue());
    }

    @Test
    void aMembershipChangeIsReportedWithTheCertificateOfTheMemberThatAskedForIt() {
        // given
        startWithTls();
        List<MembershipChange> reported = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 3; i++) {
            members.cluster(i).onMembershipChange(reported::add);
        }
        int leader = members.leader();
        int follower = members.follower();
        int asking = 3 - leader - follower;

        // when
        members.cluster(asking).transferLeadership(members.peers().get(follower));

        // then
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(reported).isNotEmpty());
        MembershipChange change = reported.get(0);
        assertThat(change.action()).isEqualTo("transfer-leader");
        assertThat(change.request()).contains(members.peers().get(follower));
        assertThat(change.peer()).isEqualTo("O=lithair-test-cluster,CN=member-" + asking);
        assertThat(change.remoteAddress()).startsWith("127.0.0.1:");
        assertThat(change.outcome()).isEqualTo("success");
        assertThat(change.receivedAt()).isNotNull();
    }

    @Test
    void aMemberReachableBeyondLoopbackDoesNotStartWithoutTlsUnlessInsecureTransportIsAllowed() throws Exception {
        // given
        int port = FreePorts.one();
        String self = "127.0.0.1:" + port;
        RaftClusterOptions wildcard = RaftClusterOptions.of(self, List.of(self), root.resolve("a/raft"))
                .withBindAddress("0.0.0.0");

        // when / then
        assertThatThrownBy(() -> LithairStore.open(StoreOptions.defaults(root.resolve("a")), List.of(), List.of(),
                new RaftCluster(wildcard))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reachable beyond loopback").hasMessageContaining("mutual TLS");
        try (LithairStore allowed = LithairStore.open(StoreOptions.defaults(root.resolve("b")), List.of(), List.of(),
                new RaftCluster(wildcard.withInsecureTransportAllowed(true)))) {
            assertThat(allowed.isReplicated()).isTrue();
        }
    }

    /** What an intruder could have changed: every member's state, membership and leader. */
    private record Snapshot(List<Long> sequences, List<List<String>> memberships, String leader) {
    }

    private Snapshot snapshot() {
        List<Long> sequences = new ArrayList<>();
        List<List<String>> memberships = new ArrayList<>();
        for (int i : members.running()) {
            sequences.add(members.store(i).lastSequence());
            ClusterStatus status = members.cluster(i).status();
            memberships.add(status.peers().stream().sorted().toList());
        }
        return new Snapshot(sequences, memberships, members.peers().get(members.leader()));
    }

    private void assertUnchanged(Snapshot before) {
        assertThat(snapshot()).isEqualTo(before);
        for (int i : members.running()) {
            assertThat(members.store(i).get("Doc", "forged")).isEmpty();
        }
    }

    /** 127.0.0.2 (loopback on Linux, but not the bind address) and this machine's other IPv4 addresses. */
    private static List<InetAddress> otherLocalAddresses() throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        InetAddress second = InetAddress.getByName("127.0.0.2");
        if (bindable(second)) {
            addresses.add(second);
        }
        for (NetworkInterface face : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress address : Collections.list(face.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress() && face.isUp()) {
                    addresses.add(address);
                }
            }
        }
        return addresses;
    }

    private static boolean bindable(InetAddress address) {
        try (ServerSocket probe = new ServerSocket(0, 1, address)) {
            return true;
        } catch (IOException notLocal) {
            return false;
        }
    }

    private static boolean accepts(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
