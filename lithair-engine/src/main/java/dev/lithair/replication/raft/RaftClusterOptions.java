package dev.lithair.replication.raft;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import dev.lithair.store.spi.ReadConsistency;

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
 * @param transport       where the Raft port listens and how its connections are protected
 */
public record RaftClusterOptions(String nodeId, String self, List<String> peers, Path dataDirectory,
        Duration electionTimeout, Duration snapshotInterval, ReadConsistency readConsistency, int maxInFlight,
        Duration requestTimeout, Transport transport) {

    /**
     * Where this member's Raft port listens and how its connections, in and out, are protected.
     *
     * @param bindAddress     the only address the Raft port listens on; {@code null} for the host of {@code self}
     * @param tls             mutual TLS for every Raft connection; {@code null} for plain TCP
     * @param insecureAllowed whether a member reachable beyond loopback may run without TLS (it then
     *                        warns at start); without it such a member refuses to start
     */
    public record Transport(String bindAddress, MutualTls tls, boolean insecureAllowed) {

        /** Plain TCP on the host of {@code self}, allowed only on loopback addresses. */
        public static final Transport DEFAULT = new Transport(null, null, false);

        /**
         * Refuses a blank bind address.
         *
         * @param bindAddress     the only address the Raft port listens on; {@code null} for the host of {@code self}
         * @param tls             mutual TLS for every Raft connection; {@code null} for plain TCP
         * @param insecureAllowed whether a member reachable beyond loopback may run without TLS (it then
         *        warns at start); without it such a member refuses to start
         */
        public Transport {
            if (bindAddress != null && bindAddress.isBlank()) {
                throw new IllegalArgumentException("the bind address must not be blank when set");
            }
        }
    }

    /** The Raft group every member joins. */
    public static final String GROUP = "lithair";

    /**
     * Checks the options: addresses as {@code host:port}, {@code self} among the peers, sane durations;
     * a blank node id becomes {@code self}.
     *
     * @param nodeId          this member's name in status and logs
     * @param self            this member's {@code host:raftPort}, one of {@code peers}
     * @param peers           every member's {@code host:raftPort}, this one included
     * @param dataDirectory   where the Raft log, metadata and snapshots live
     * @param electionTimeout time without a heartbeat from the leader after which a follower starts an election
     * @param snapshotInterval time between the snapshots each member takes on its own
     * @param readConsistency consistency of reads that do not ask for one
     * @param maxInFlight     commits proposed by this member and not yet applied, beyond which proposers wait
     *        (back-pressure: without it the Raft node refuses tasks when its queue is full)
     * @param requestTimeout  longest wait for a leader, a forwarded write or a linearizable read
     * @param transport       where the Raft port listens and how its connections are protected
     */
    public RaftClusterOptions {
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(electionTimeout, "electionTimeout");
        Objects.requireNonNull(snapshotInterval, "snapshotInterval");
        Objects.requireNonNull(readConsistency, "readConsistency");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(transport, "transport");
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

    /**
     * Defaults for the given member: 1 s election timeout, hourly snapshots, local reads.
     *
     * @param self          this member's {@code host:raftPort}
     * @param peers         every member's {@code host:raftPort}, this one included
     * @param dataDirectory where the Raft log, metadata and snapshots live
     * @return the options
     */
    public static RaftClusterOptions of(String self, List<String> peers, Path dataDirectory) {
        return new RaftClusterOptions(null, self, peers, dataDirectory, Duration.ofSeconds(1), Duration.ofHours(1),
                ReadConsistency.LOCAL, 4096, Duration.ofSeconds(10), Transport.DEFAULT);
    }

    /**
     * These options with another election timeout.
     *
     * @param timeout the election timeout
     * @return the new options
     */
    public RaftClusterOptions withElectionTimeout(Duration timeout) {
        return new RaftClusterOptions(nodeId, self, peers, dataDirectory, timeout, snapshotInterval, readConsistency,
                maxInFlight, requestTimeout, transport);
    }

    /**
     * These options with another default read consistency.
     *
     * @param consistency the consistency of reads that do not ask for one
     * @return the new options
     */
    public RaftClusterOptions withReadConsistency(ReadConsistency consistency) {
        return new RaftClusterOptions(nodeId, self, peers, dataDirectory, electionTimeout, snapshotInterval,
                consistency, maxInFlight, requestTimeout, transport);
    }

    /**
     * These options with another node id.
     *
     * @param id this member's name in status and logs
     * @return the new options
     */
    public RaftClusterOptions withNodeId(String id) {
        return new RaftClusterOptions(id, self, peers, dataDirectory, electionTimeout, snapshotInterval,
                readConsistency, maxInFlight, requestTimeout, transport);
    }

    /**
     * These options with another time between snapshots.
     *
     * @param interval the time between snapshots
     * @return the new options
     */
    public RaftClusterOptions withSnapshotInterval(Duration interval) {
        return new RaftClusterOptions(nodeId, self, peers, dataDirectory, electionTimeout, interval, readConsistency,
                maxInFlight, requestTimeout, transport);
    }

    /**
     * These options with another limit of commits in flight.
     *
     * @param max the most commits proposed and not yet applied
     * @return the new options
     */
    public RaftClusterOptions withMaxInFlight(int max) {
        return new RaftClusterOptions(nodeId, self, peers, dataDirectory, electionTimeout, snapshotInterval,
                readConsistency, max, requestTimeout, transport);
    }

    /**
     * The Raft port listens on {@code bindAddress}; it stays the same for the lifetime of the member.
     *
     * @param bindAddress the address to listen on
     * @return the new options
     */
    public RaftClusterOptions withBindAddress(String bindAddress) {
        return withTransport(new Transport(bindAddress, transport.tls(), transport.insecureAllowed()));
    }

    /**
     * Every Raft connection of this member, in and out, is mutual TLS with {@code tls}.
     *
     * @param tls the mutual TLS
     * @return the new options
     */
    public RaftClusterOptions withMutualTls(MutualTls tls) {
        return withTransport(new Transport(transport.bindAddress(), tls, transport.insecureAllowed()));
    }

    /**
     * Lets a member reachable beyond loopback run without TLS (it warns at start).
     *
     * @param allowed whether plain TCP is allowed beyond loopback
     * @return the new options
     */
    public RaftClusterOptions withInsecureTransportAllowed(boolean allowed) {
        return withTransport(new Transport(transport.bindAddress(), transport.tls(), allowed));
    }

    /**
     * These options with another transport.
     *
     * @param newTransport where the Raft port listens and how it is protected
     * @return the new options
     */
    public RaftClusterOptions withTransport(Transport newTransport) {
        return new RaftClusterOptions(nodeId, self, peers, dataDirectory, electionTimeout, snapshotInterval,
                readConsistency, maxInFlight, requestTimeout, newTransport);
    }

    /**
     * The address the Raft port listens on: the bind address, or else this member's host.
     *
     * @return the address
     */
    public String bindHost() {
        return transport.bindAddress() != null ? transport.bindAddress() : self.substring(0, self.lastIndexOf(':'));
    }

    /**
     * This member's Raft port.
     *
     * @return the port
     */
    public int port() {
        return Integer.parseInt(self.substring(self.lastIndexOf(':') + 1));
    }

    /**
     * Whether this member's host or bind address is anything but a loopback address (a name that does
     * not resolve counts as reachable): such a member needs TLS, or an explicit opt-out.
     *
     * @return whether it is reachable beyond loopback
     */
    public boolean reachableBeyondLoopback() {
        return !loopback(self.substring(0, self.lastIndexOf(':'))) || !loopback(bindHost());
    }

    private static boolean loopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            InetAddress[] addresses = InetAddress.getAllByName(bare);
            return addresses.length > 0 && Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            return false;
        }
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
