package dev.lithair.replication;

import java.util.List;
import java.util.Map;

/**
 * What one member knows of its cluster, for the admin route and health.
 *
 * @param nodeId          this member's name
 * @param self            this member's {@code host:raftPort}
 * @param role            {@code LEADER}, {@code FOLLOWER}, {@code CANDIDATE}, ... (Raft's state names)
 * @param term            the latest term this member has seen
 * @param leader          the leader's {@code host:raftPort}, {@code null} when unknown
 * @param peers           the members of the configuration
 * @param commitIndex     last Raft log index known committed
 * @param appliedIndex    last Raft log index applied to this member's state
 * @param lastSequence    last event sequence applied to this member's state
 * @param followerLag     on the leader: Raft log entries each follower has still to receive; empty elsewhere
 * @param leaderlessMillis how long this member has been without a known leader, 0 while it has one
 * @param snapshotsInstalled snapshots this member loaded to catch up (at start-up or sent by the leader)
 */
public record ClusterStatus(String nodeId, String self, String role, long term, String leader, List<String> peers,
        long commitIndex, long appliedIndex, long lastSequence, Map<String, Long> followerLag, long leaderlessMillis,
        long snapshotsInstalled) {

    /** {@return whether this member is the leader} */
    public boolean isLeader() {
        return "LEADER".equals(role);
    }
}
