package dev.lithair.e2e.cluster;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One node's view of its cluster, from {@code GET /lithair/admin/cluster} (the fields the tests use).
 *
 * @param role         {@code LEADER}, {@code FOLLOWER}, {@code CANDIDATE}, ...
 * @param leader       the leader's {@code host:raftPort}, {@code null} while none is known
 * @param lastSequence the last event sequence applied on this node
 * @param members      the members of the Raft configuration, {@code host:raftPort}
 * @param term         the Raft term this node has seen
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ClusterReport(String mode, String role, String nodeId, String leader, long lastSequence,
                     List<String> members, long term, long commitIndex, long applyIndex) {

    boolean isLeader() {
        return "LEADER".equals(role);
    }
}
