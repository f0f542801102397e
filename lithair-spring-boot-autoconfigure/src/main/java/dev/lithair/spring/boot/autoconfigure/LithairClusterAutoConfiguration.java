package dev.lithair.spring.boot.autoconfigure;

import java.nio.file.Path;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;

import dev.lithair.replication.raft.RaftCluster;
import dev.lithair.replication.raft.RaftClusterOptions;
import dev.lithair.spring.boot.autoconfigure.admin.LithairAdminAuditSink;
import dev.lithair.spring.boot.autoconfigure.admin.RaftMembershipAudit;
import dev.lithair.store.spi.ReadConsistency;

/**
 * With {@code lithair.cluster.enabled=true}, this application is a member of a SOFAJRaft cluster: the
 * store commits through Raft ({@link RaftCluster} is the store's commit path), its Raft log, metadata and
 * snapshots live in {@code lithair.data-dir}/raft. The member is {@code lithair.cluster.host} and
 * {@code raft-port}, one of {@code lithair.cluster.peers}; its Raft port listens on
 * {@code lithair.cluster.bind-address} (default: the host) only. With {@code lithair.cluster.ssl.bundle},
 * every Raft connection is mutual TLS with that Spring Boot SSL bundle; a member reachable beyond loopback
 * refuses to start without it, unless {@code lithair.cluster.allow-insecure-transport=true}. Membership
 * changes asked over the Raft transport are audited on {@code lithair.admin.audit}.
 */
@AutoConfiguration(before = LithairAutoConfiguration.class, after = SslAutoConfiguration.class)
@ConditionalOnClass(name = { "com.alipay.sofa.jraft.Node", "dev.lithair.replication.raft.RaftCluster" })
@ConditionalOnBooleanProperty("lithair.cluster.enabled")
@EnableConfigurationProperties(LithairProperties.class)
public final class LithairClusterAutoConfiguration {

    /** Created by Spring Boot's auto-configuration. */
    public LithairClusterAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    RaftCluster lithairRaftCluster(LithairProperties properties, ObjectProvider<SslBundles> sslBundles,
            ObjectProvider<LithairAdminAuditSink> auditSinks) {
        LithairProperties.Cluster cluster = properties.getCluster();
        String self = cluster.getHost() + ":" + cluster.getRaftPort();
        Path raftDirectory = properties.getDataDir().resolve("raft");
        ReadConsistency readConsistency = cluster.getReadConsistency() == LithairProperties.ReadConsistency.LINEARIZABLE
                ? ReadConsistency.LINEARIZABLE : ReadConsistency.LOCAL;
        RaftClusterOptions options;
        try {
            options = RaftClusterOptions.of(self, cluster.getPeers(), raftDirectory)
                    .withNodeId(cluster.getNodeId())
                    .withElectionTimeout(cluster.getElectionTimeout())
                    .withSnapshotInterval(cluster.getSnapshotInterval())
                    .withReadConsistency(readConsistency)
                    .withBindAddress(cluster.getBindAddress())
                    .withInsecureTransportAllowed(cluster.isAllowInsecureTransport());
        } catch (IllegalArgumentException e) {
            throw new InvalidLithairConfigurationException("The Lithair cluster settings are invalid: "
                    + e.getMessage() + ".", "Check lithair.cluster.host, raft-port, peers, bind-address, "
                    + "election-timeout and snapshot-interval.", e);
        }
        String bundle = cluster.getSsl().getBundle();
        if (bundle != null) {
            options = options.withMutualTls(ClusterSslBundle.mutualTls(sslBundles.getIfAvailable(), bundle));
        } else if (!cluster.isAllowInsecureTransport() && options.reachableBeyondLoopback()) {
            throw new InvalidLithairConfigurationException("The Lithair cluster member " + self + " listens on "
                    + options.bindHost() + ", beyond loopback, and its Raft traffic would be neither encrypted nor "
                    + "authenticated: anyone who reaches the port could write, read the log and change the "
                    + "membership.", "Set lithair.cluster.ssl.bundle to a Spring Boot SSL bundle "
                    + "(spring.ssl.bundle.pem.<name>.* or spring.ssl.bundle.jks.<name>.*) holding this member's "
                    + "certificate and key and, as trust material, the cluster's own certificate authority. Only "
                    + "on a network you trust entirely, set lithair.cluster.allow-insecure-transport=true instead.");
        }
        RaftCluster member = new RaftCluster(options);
        member.onMembershipChange(new RaftMembershipAudit(() -> auditSinks.orderedStream().toList()));
        return member;
    }
}
