package dev.lithair.replication.raft;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import dev.lithair.replication.ReadConsistency;

/**
 * How this member joins its Raft cluster. Immutable.
 *
 * @param nodeId          this member's name in status and logs
 * @param self            this member's {@code host:raftPort}, one of {@code peers}
 * @param peers           every member's {@code host:raftPort}, this one included
 * @param dataDirectory   where the Raft log, metadata and snapshots live
 * @param electionTimeout time without a heartbeat from the leader after which a follower starts an election
 * @param snapshotInterval time between the snapshots each member takes on its own
 * @param readConsistency consistency of reads that do not ask for one
 * @param maxInFlight     commits proposed by this member and not yet applied, beyond which proposers wait
 *                        (back-pressure: without it the Raft node refuses tasks when its queue is full)
 * @param requestTimeout  longest wait for a leader, a forwarded write or a linearizable read
 */
public record RaftClusterOptions(String nodeId, String self, List<String> peers, Path dataDirectory,
        Duration electionTimeout, Duration snapshotInterval, ReadConsistency readConsistency, int maxInFlight,
        Duration requestTimeout) {

    /** The Raft group every member joins. */
    public static final String GROUP = "lithair";

    public RaftClusterOptions {
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(electionTimeout, "electionTimeout");
        Objects.requireNonNull(snapshotInterval, "snapshotInterval");
        Objects.requireNonNull(readConsistency, "readConsistency");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        peers = List.copyOf(peers);
        requireHostPort(self);
        peers.forEach(RaftClusterOptions::requireHostPort);
        if (!peers.contains(self)) {
            throw new IllegalArgumentException("the peers " + peers + " must include this member " + self);
        }
        if (electionTimeout.toMillis() < 100) {
            throw new IllegalArgumentException("electionTimeout must be at least 100 ms");
        }
        if (snapshotInterval.toSeconds() < 1) {
            throw new IllegalArgumentException("snapshotInterval must be at least 1 s");
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1");
        }
        if (nodeId == null || nodeId.isBlank()) {
            nodeId = self;
        }
    }

    /** Defaults for the given member: 1 s election timeout, hourly snapshots, local reads. */
    public static RaftClusterOptions of(String self, List<String> peers, Path dataDirectory) {
        return new RaftClusterOptions(null, self, peers, dataDirectory, Duration.ofSeconds(1), Duration.ofHours(1),
                ReadConsistency.LOCAL, 4096, Duration.ofSeconds(10));
    }

    public RaftClusterOptions withElectionTimeout(Duration timeout) {
        return new RaftClusterOptions(nodeId, self, peers, dataDirectory, timeout, snapshotInterval, readConsistency,
                maxInFlight, requestTimeout);
    }

    public RaftClusterOptions withReadConsistency(ReadConsistency consistency) {
        return new RaftClusterOptions(nodeId, self, peers, dataDirectory, electionTimeout, snapshotInterval,
                consistency, maxInFlight, requestTimeout);
    }

    public RaftClusterOptions withNodeId(String id) {
        return new RaftClusterOptions(id, self, peers, dataDirectory, electionTimeout, snapshotInterval,
                readConsistency, maxInFlight, requestTimeout);
    }

    public RaftClusterOptions withSnapshotInterval(Duration interval) {
        return new RaftClusterOptions(nodeId, self, peers, dataDirectory, electionTimeout, interval, readConsistency,
                maxInFlight, requestTimeout);
    }

    public RaftClusterOptions withMaxInFlight(int max) {
        return new RaftClusterOptions(nodeId, self, peers, dataDirectory, electionTimeout, snapshotInterval,
                readConsistency, max, requestTimeout);
    }

    private static void requireHostPort(String peer) {
        int colon = peer == null ? -1 : peer.lastIndexOf(':');
        boolean valid = colon > 0 && colon < peer.length() - 1;
        if (valid) {
            try {
                int port = Integer.parseInt(peer.substring(colon + 1));
                valid = port > 0 && port < 65536;
            } catch (NumberFormatException e) {
                valid = false;
            }
        }
        if (!valid) {
            throw new IllegalArgumentException("'" + peer + "' is not host:port");
        }
    }
}
