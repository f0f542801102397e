package dev.lithair.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import dev.lithair.e2e.docker.NodeContainer;
import dev.lithair.e2e.docker.RequiresDocker;
import dev.lithair.e2e.docker.SampleImages;
import dev.lithair.e2e.product.Product;
import dev.lithair.e2e.product.ProductApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 15 end to end: a 3-node product sample cluster with mutual TLS between its members, and a stranger
 * container on the members' own network that reaches their Raft ports. Without a certificate of the
 * cluster's authority (plain TCP, TLS without a certificate, a certificate of another authority) it tries
 * JRaft's CLI (join, change peers, transfer leadership), the same requests straight to each member, a vote
 * and a snapshot read, and a forwarded write creating a product as {@code admin}: nothing is answered, the
 * members log the refused connections, and membership, leader, term and catalogue stay as they were while
 * writes go on. The control: the same program with a certificate of the cluster's authority is answered.
 */
@RequiresDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RaftPortStrangerIT {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final String REFUSED_CONNECTION = "Refused a Raft connection from";
    private static final Set<String> REQUEST_KINDS = Set.of("cli", "membership-request", "raft-request",
            "forwarded-write");

    private ProductCluster cluster;
    /** Logged in once per node: a login stores an access token, which would move the sequences compared. */
    private final Map<String, ProductApi> apis = new HashMap<>();
    private int writes;

    @BeforeAll
    void startCluster() throws Exception {
        cluster = new ProductCluster(SampleImages.productSample(), 3);
        cluster.start();
        cluster.awaitLeaderAmong(cluster.nodes());
        for (NodeContainer node : cluster.nodes()) {
            apis.put(node.alias(), ProductApi.loggedIn(() -> cluster.hostPort(node), ProductCluster.ADMIN,
                    ProductCluster.ADMIN_PASSWORD, REQUEST_TIMEOUT));
        }
        api(cluster.nodes().get(0)).create("before-strangers", "before-strangers", "e2e-stranger", BigDecimal.ONE);
        cluster.awaitConverged();
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aStrangerSpeakingPlainTcpGetsNoAnswerFromAnyMemberAndChangesNothing() throws Exception {
        assertRefusedAndNothingChanged(StrangerContainer.plainTcp(cluster, "forged-plain"), "forged-plain");
    }

    @Test
    void aStrangerOfferingTlsWithoutACertificateGetsNoAnswerFromAnyMemberAndChangesNothing() throws Exception {
        assertRefusedAndNothingChanged(StrangerContainer.tlsWithoutCertificate(cluster, "forged-anonymous"),
                "forged-anonymous");
    }

    @Test
    void aStrangerWithACertificateOfAnotherAuthorityGetsNoAnswerFromAnyMemberAndChangesNothing() throws Exception {
        try (ClusterCertificates elsewhere = ClusterCertificates.create("another-authority")) {
            assertRefusedAndNothingChanged(StrangerContainer.tlsWithCertificate(cluster, elsewhere, "forged-foreign"),
                    "forged-foreign");
        }
    }

    @Test
    void theSameProgramWithACertificateOfTheClustersAuthorityIsAnsweredWhichIsWhatTheStrangersLack()
            throws Exception {
        // given: a certificate issued by the cluster's own authority
        StrangerContainer member = StrangerContainer.control(cluster, cluster.certificates(), "forged-by-a-member");

        // when
        List<StrangerContainer.Attempt> attempts = member.run();

        // then: it learns the members, every member answers its forwarded write, and the leader applies it
        assertThat(attempts).filteredOn(attempt -> attempt.attempt().equals("getPeers")).singleElement()
                .satisfies(peers -> assertThat(peers.answer()).contains(cluster.members()));
        List<StrangerContainer.Attempt> writes = attempts.stream()
                .filter(attempt -> attempt.kind().equals("forwarded-write")).toList();
        assertThat(writes).hasSize(cluster.members().size())
                .allSatisfy(write -> assertThat(write.answered()).as(write.toString()).isTrue())
                .anySatisfy(write -> assertThat(write.answer()).contains("\"result\"", "\"actor\":\"admin\""));
        for (NodeContainer node : cluster.nodes()) {
            ProductCluster.awaitTrue("the member's forwarded write on " + node.alias(),
                    () -> names(node).contains("forged-by-a-member"));
        }
    }

    private void assertRefusedAndNothingChanged(StrangerContainer stranger, String forgedId) throws Exception {
        // given: the cluster as it is, converged
        cluster.awaitConverged();
        Map<String, ClusterReport> before = cluster.reports();
        Map<String, Set<String>> catalogueBefore = catalogues();
        Map<String, Integer> refusalsBefore = refusalsLogged();

        // when
        List<StrangerContainer.Attempt> attempts = stranger.run();

        // then: the stranger reaches every member's Raft port ...
        assertThat(attempts).filteredOn(StrangerContainer.Attempt::isConnection)
                .extracting(StrangerContainer.Attempt::target).containsExactlyInAnyOrderElementsOf(cluster.members());
        assertThat(attempts).filteredOn(StrangerContainer.Attempt::isConnection)
                .allSatisfy(connection -> assertThat(connection.answered()).as(connection.toString()).isTrue());
        // ... and none of its requests is answered
        List<StrangerContainer.Attempt> requests = attempts.stream()
                .filter(attempt -> !attempt.isConnection()).toList();
        assertThat(requests).extracting(StrangerContainer.Attempt::kind).containsAll(REQUEST_KINDS)
                .allSatisfy(kind -> assertThat(REQUEST_KINDS).contains(kind));
        assertThat(requests).allSatisfy(request -> {
            assertThat(request.answered()).as(request.toString()).isFalse();
            assertThat(request.error()).as(request.toString()).isNotBlank();
        });
        // and: every member refused its connections during the TLS handshake
        Map<String, Integer> refusalsAfter = refusalsLogged();
        for (NodeContainer node : cluster.nodes()) {
            assertThat(refusalsAfter.get(node.alias())).as("connections refused by " + node.alias())
                    .isGreaterThan(refusalsBefore.get(node.alias()));
        }
        // and: membership, leader and term are as they were, and nothing was written
        Map<String, ClusterReport> after = cluster.reports();
        assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(before.keySet()).hasSize(3);
        for (String alias : before.keySet()) {
            assertThat(new TreeSet<>(after.get(alias).members())).as("members seen by " + alias)
                    .containsExactlyElementsOf(new TreeSet<>(cluster.members()));
            assertThat(after.get(alias).leader()).as("leader seen by " + alias).isEqualTo(before.get(alias).leader());
            assertThat(after.get(alias).term()).as("term of " + alias).isEqualTo(before.get(alias).term());
            assertThat(after.get(alias).lastSequence()).as("last sequence of " + alias)
                    .isEqualTo(before.get(alias).lastSequence());
        }
        assertThat(catalogues()).isEqualTo(catalogueBefore)
                .allSatisfy((alias, names) -> assertThat(names).doesNotContain(forgedId));
        // and: writes through every member are still acknowledged and replicated
        Set<String> written = new TreeSet<>();
        for (NodeContainer node : cluster.nodes()) {
            String name = "after-" + forgedId + "-" + writes++;
            api(node).create(name, name, "e2e-stranger", BigDecimal.TEN);
            written.add(name);
        }
        cluster.awaitConverged();
        for (NodeContainer node : cluster.nodes()) {
            assertThat(names(node)).as("products on " + node.alias()).containsAll(written);
        }
    }

    private Map<String, Set<String>> catalogues() {
        Map<String, Set<String>> catalogues = new HashMap<>();
        for (NodeContainer node : cluster.nodes()) {
            catalogues.put(node.alias(), names(node));
        }
        return catalogues;
    }

    private Set<String> names(NodeContainer node) {
        try {
            return api(node).all().stream().map(Product::name).collect(Collectors.toCollection(TreeSet::new));
        } catch (Exception e) {
            throw new AssertionError("cannot list the products of " + node.alias(), e);
        }
    }

    /** How many refused Raft connections each member has logged so far. */
    private Map<String, Integer> refusalsLogged() {
        Map<String, Integer> refusals = new HashMap<>();
        for (NodeContainer node : cluster.nodes()) {
            String logs = node.getLogs();
            int count = 0;
            for (int at = logs.indexOf(REFUSED_CONNECTION); at >= 0; at = logs.indexOf(REFUSED_CONNECTION, at + 1)) {
                count++;
            }
            refusals.put(node.alias(), count);
        }
        return refusals;
    }

    private ProductApi api(NodeContainer node) {
        return apis.get(node.alias());
    }
}
