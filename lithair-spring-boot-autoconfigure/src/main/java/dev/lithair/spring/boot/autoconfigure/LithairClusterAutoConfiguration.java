package dev.lithair.spring.boot.autoconfigure;

import java.nio.file.Path;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import dev.lithair.replication.ReadConsistency;
import dev.lithair.replication.raft.RaftCluster;
import dev.lithair.replication.raft.RaftClusterOptions;

/**
 * With {@code lithair.cluster.enabled=true}, this application is a member of a SOFAJRaft cluster: the
 * store commits through Raft ({@link RaftCluster} is the store's commit path), its Raft log, metadata and
 * snapshots live in {@code lithair.data-dir}/raft. The member is {@code lithair.cluster.host} and
 * {@code raft-port}, one of {@code lithair.cluster.peers}.
 */
@AutoConfiguration(before = LithairAutoConfiguration.class)
@ConditionalOnClass(name = { "com.alipay.sofa.jraft.Node", "dev.lithair.replication.raft.RaftCluster" })
@ConditionalOnBooleanProperty("lithair.cluster.enabled")
@EnableConfigurationProperties(LithairProperties.class)
public final class LithairClusterAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    RaftCluster lithairRaftCluster(LithairProperties properties) {
        LithairProperties.Cluster cluster = properties.getCluster();
        String self = cluster.getHost() + ":" + cluster.getRaftPort();
        Path raftDirectory = properties.getDataDir().resolve("raft");
        ReadConsistency readConsistency = cluster.getReadConsistency() == LithairProperties.ReadConsistency.LINEARIZABLE
                ? ReadConsistency.LINEARIZABLE : ReadConsistency.LOCAL;
        try {
            return new RaftCluster(RaftClusterOptions.of(self, cluster.getPeers(), raftDirectory)
                    .withNodeId(cluster.getNodeId())
                    .withElectionTimeout(cluster.getElectionTimeout())
                    .withSnapshotInterval(cluster.getSnapshotInterval())
                    .withReadConsistency(readConsistency));
        } catch (IllegalArgumentException e) {
            throw new InvalidLithairConfigurationException("The Lithair cluster settings are invalid: "
                    + e.getMessage() + ".", "Check lithair.cluster.host, raft-port, peers, election-timeout and "
                    + "snapshot-interval.", e);
        }
    }
}
