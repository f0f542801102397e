package dev.lithair.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.lithair.replication.raft.RaftCluster;
import dev.lithair.testing.CertificateAuthority;
import dev.lithair.testsupport.FreePorts;

/**
 * The cluster transport's settings: a member reachable beyond loopback does not start without TLS (the
 * failure names the properties to set) unless insecure transport is allowed, and an SSL bundle that is
 * missing or cannot make a member's TLS is refused at start.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClusterTransportConfigurationTest {

    @TempDir
    Path root;

    private ApplicationContextRunner member(String host, int port) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class,
                        LithairClusterAutoConfiguration.class, LithairAutoConfiguration.class))
                .withPropertyValues("lithair.data-dir=" + root.resolve("data"), "lithair.cluster.enabled=true",
                        "lithair.cluster.host=" + host, "lithair.cluster.raft-port=" + port,
                        "lithair.cluster.peers=" + host + ":" + port);
    }

    @Test
    void aMemberOnANonLoopbackAddressWithoutTlsDoesNotStartAndTheFailureNamesThePropertiesToSet() {
        // given: a documentation address (RFC 5737); the check comes before anything listens
        member("192.0.2.77", 7000).run(context -> {
            // then
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(InvalidLithairConfigurationException.class);
            assertThat(StartupFailures.report(context.getStartupFailure()))
                    .contains("192.0.2.77:7000", "neither encrypted nor authenticated", "lithair.cluster.ssl.bundle",
                            "spring.ssl.bundle.pem.", "lithair.cluster.allow-insecure-transport=true");
        });
    }

    @Test
    void aMemberBoundToEveryInterfaceWithoutTlsDoesNotStart() {
        member("127.0.0.1", FreePorts.one()).withPropertyValues("lithair.cluster.bind-address=0.0.0.0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(StartupFailures.report(context.getStartupFailure())).contains("listens on 0.0.0.0")
                    .contains("lithair.cluster.ssl.bundle");
        });
    }

    @Test
    void allowingInsecureTransportStartsTheMemberWithAWarning(CapturedOutput output) {
        member("127.0.0.1", FreePorts.one()).withPropertyValues("lithair.cluster.bind-address=0.0.0.0",
                "lithair.cluster.allow-insecure-transport=true").run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(RaftCluster.class);
                    assertThat(output).contains("WARN").contains("neither encrypted nor authenticated")
                            .contains("insecure transport allowed");
                });
    }

    @Test
    void anSslBundleThatIsNotConfiguredIsRefusedByName() {
        member("127.0.0.1", FreePorts.one()).withPropertyValues("lithair.cluster.ssl.bundle=raft").run(context -> {
            assertThat(context).hasFailed();
            assertThat(StartupFailures.report(context.getStartupFailure()))
                    .contains("SSL bundle 'raft', which is not configured")
                    .contains("spring.ssl.bundle.pem.raft.*");
        });
    }

    @Test
    void anSslBundleWithoutTrustMaterialIsRefused() {
        // given: a bundle with the member's key, but no trust store (the JDK's would then decide)
        CertificateAuthority.Member member = CertificateAuthority.create("cluster").issue("member-0");
        member.writePem(root.resolve("member.pem"), root.resolve("member.key"));

        // when / then
        member("127.0.0.1", FreePorts.one()).withPropertyValues("lithair.cluster.ssl.bundle=raft",
                "spring.ssl.bundle.pem.raft.keystore.certificate=file:" + root.resolve("member.pem"),
                "spring.ssl.bundle.pem.raft.keystore.private-key=file:" + root.resolve("member.key")).run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(StartupFailures.report(context.getStartupFailure())).contains("has no trust store")
                            .contains("spring.ssl.bundle.pem.raft.truststore.certificate");
                });
    }

    @Test
    void aMemberWithAPemBundleStartsWithMutualTls() {
        // given
        CertificateAuthority authority = CertificateAuthority.create("cluster");
        authority.issue("member-0").writePem(root.resolve("member.pem"), root.resolve("member.key"));
        authority.writeCertificate(root.resolve("ca.pem"));

        // when
        member("127.0.0.1", FreePorts.one()).withPropertyValues("lithair.cluster.ssl.bundle=raft",
                "spring.ssl.bundle.pem.raft.keystore.certificate=file:" + root.resolve("member.pem"),
                "spring.ssl.bundle.pem.raft.keystore.private-key=file:" + root.resolve("member.key"),
                "spring.ssl.bundle.pem.raft.truststore.certificate=file:" + root.resolve("ca.pem")).run(context -> {
                    // then
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(RaftCluster.class).options().transport().tls()).isNotNull();
                });
    }
}
