package dev.lithair.spring.boot.autoconfigure;

import java.util.concurrent.TimeUnit;

import dev.lithair.replication.Cluster;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Meters of this cluster member: {@code lithair.cluster.replication.latency} (from proposing a commit
 * on the leader to applying it once a quorum stored it), {@code lithair.cluster.leader} (1 while this
 * member leads), {@code lithair.cluster.term} and {@code lithair.cluster.commit.index}.
 */
public class LithairClusterMetrics implements MeterBinder {

    private final Cluster cluster;

    /**
     * Meters of this member's cluster.
     *
     * @param cluster this member's cluster
     */
    public LithairClusterMetrics(Cluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Timer latency = Timer.builder("lithair.cluster.replication.latency")
                .description("Time from proposing a commit on the leader to applying it after a quorum stored it")
                .publishPercentiles(0.5, 0.99).register(registry);
        cluster.onReplicated(nanos -> latency.record(nanos, TimeUnit.NANOSECONDS));
        Gauge.builder("lithair.cluster.leader", cluster, c -> c.status().isLeader() ? 1 : 0)
                .description("1 while this member leads the cluster, 0 otherwise").register(registry);
        Gauge.builder("lithair.cluster.term", cluster, c -> c.status().term())
                .description("The Raft term this member is in").register(registry);
        Gauge.builder("lithair.cluster.commit.index", cluster, c -> c.status().commitIndex())
                .description("Last Raft log index this member knows committed").register(registry);
    }
}
