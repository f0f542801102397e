package dev.lithair.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.lithair.replication.Cluster;
import dev.lithair.spring.boot.autoconfigure.fixtures.cluster.ClusterApplication;
import dev.lithair.spring.boot.autoconfigure.fixtures.cluster.Member;
import dev.lithair.spring.boot.autoconfigure.fixtures.cluster.MemberRepository;
import dev.lithair.testing.CertificateAuthority;
import dev.lithair.testsupport.HttpTestClient;

/**
 * Three members configured only by properties, each with a PEM SSL bundle of its own certificate and the
 * cluster's authority: they replicate over mutual TLS, a client without a certificate cannot get past
 * the handshake, and a leadership change asked over the Raft transport is audited with the asking
 * member's certificate.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class TlsClusterApplicationTest {

    @TempDir
    static Path root;

    private final CertificateAuthority authority = CertificateAuthority.create("lithair-tls-cluster");
    private final List<ConfigurableApplicationContext> members = new ArrayList<>();
    private final List<String> raftAddresses = new ArrayList<>();
    private final List<Integer> raftPorts = new ArrayList<>();

    @BeforeAll
    void startThreeMembers() {
        Path ca = authority.writeCertificate(root.resolve("ca.pem"));
        members.addAll(ClusterMembers.start(ClusterApplication.class, root, raftAddresses, i -> {
            Path certificate = root.resolve("member-" + i + ".pem");
            Path key = root.resolve("member-" + i + ".key");
            authority.issue("member-" + i).writePem(certificate, key);
            return new String[] {
                    "lithair.cluster.ssl.bundle=raft",
                    "spring.ssl.bundle.pem.raft.keystore.certificate=file:" + certificate,
                    "spring.ssl.bundle.pem.raft.keystore.private-key=file:" + key,
                    "spring.ssl.bundle.pem.raft.truststore.certificate=file:" + ca };
        }));
        raftAddresses.forEach(address -> raftPorts.add(Integer.parseInt(address.substring(address.lastIndexOf(':') + 1))));
        leader();
    }

    @AfterAll
    void stopMembers() {
        members.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void aSaveOnAFollowerIsReplicatedToEveryMemberOverMutualTls() {
        // given
        int follower = follower();

        // when
        members.get(follower).getBean(MemberRepository.class).save(new Member("t1", "t1@club", "Paris", 10, null));

        // then
        for (ConfigurableApplicationContext member : members) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(member
                    .getBean(MemberRepository.class).findById("t1")).map(Member::email).contains("t1@club"));
        }
    }

    @Test
    void aClientWithoutACertificateDoesNotGetPastTheHandshake() throws Exception {
        // given: a client that trusts the cluster's authority but shows no certificate of its own
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", authority.certificate());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);

        for (int port : raftPorts) {
            // when
            boolean served;
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
                socket.setSoTimeout(5000);
                socket.startHandshake();
                socket.getOutputStream().write(new byte[] {1, 1, 0, 1});
                socket.getOutputStream().flush();
                served = socket.getInputStream().read() != -1;
            } catch (SSLException | java.net.SocketException refused) {
                served = false;
            }

            // then
            assertThat(served).as("port %d", port).isFalse();
        }
    }

    @Test
    void aLeadershipTransferAskedOverTheRaftTransportIsAuditedWithTheAskingMembersCertificate(CapturedOutput output) {
        // given
        int leader = leader();
        int follower = follower();
        int asking = 3 - leader - follower;

        // when: the admin route of a member that does not lead asks the leader over Raft
        HttpTestClient.Response response = admin(asking, "/lithair/admin/cluster/leader",
                "{\"peer\":\"" + raftAddresses.get(follower) + "\"}");

        // then
        assertThat(response.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(output.getOut() + output.getErr())
                .contains("principal=O=lithair-tls-cluster,CN=member-" + asking + " action=raft-transfer-leader")
                .contains("lithair.admin.audit"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> members.get(follower).getBean(Cluster.class).status().isLeader());
    }

    private HttpTestClient.Response admin(int member, String path, String body) {
        int port = ((WebServerApplicationContext) members.get(member)).getWebServer().getPort();
        return HttpTestClient.localhost(port).withBasicAuth("admin", "admin-pw").postJson(path, body);
    }

    private int leader() {
        return ClusterMembers.leader(members);
    }

    private int follower() {
        return ClusterMembers.follower(members);
    }
}
