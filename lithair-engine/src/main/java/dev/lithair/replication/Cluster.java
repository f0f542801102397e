package dev.lithair.replication;

import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * This member's view of its cluster and the operations on membership, for the admin routes, health and
 * metrics. Implemented by the replication module ({@code dev.lithair.replication.raft.RaftCluster});
 * this interface imports nothing of it. Thread-safe.
 */
public interface Cluster {

    /**
     * What this member knows of the cluster now.
     *
     * @return the status
     */
    ClusterStatus status();

    /**
     * Time without a leader after which a follower starts an election.
     *
     * @return the election timeout
     */
    Duration electionTimeout();

    /**
     * Adds a member ({@code host:raftPort}); it catches up from the leader.
     *
     * @param peer the member
     */
    void addPeer(String peer);

    /**
     * Removes a member ({@code host:raftPort}).
     *
     * @param peer the member
     */
    void removePeer(String peer);

    /**
     * Hands leadership to a member ({@code host:raftPort}).
     *
     * @param peer the member
     */
    void transferLeadership(String peer);

    /**
     * Passes {@code latencyNanos} the time from proposal to application of each commit this member leads.
     *
     * @param latencyNanos receives each latency, in nanoseconds
     */
    void onReplicated(LongConsumer latencyNanos);
}
