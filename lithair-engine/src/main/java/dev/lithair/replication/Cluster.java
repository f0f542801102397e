package dev.lithair.replication;

import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * This member's view of its cluster and the operations on membership, for the admin routes, health and
 * metrics. Implemented by the replication module ({@code dev.lithair.replication.raft.RaftCluster});
 * this interface imports nothing of it. Thread-safe.
 */
public interface Cluster {

    /** What this member knows of the cluster now. */
    ClusterStatus status();

    /** Time without a leader after which a follower starts an election. */
    Duration electionTimeout();

    /** Adds a member ({@code host:raftPort}); it catches up from the leader. */
    void addPeer(String peer);

    /** Removes a member ({@code host:raftPort}). */
    void removePeer(String peer);

    /** Hands leadership to a member ({@code host:raftPort}). */
    void transferLeadership(String peer);

    /** Passes {@code latencyNanos} the time from proposal to application of each commit this member leads. */
    void onReplicated(LongConsumer latencyNanos);
}
