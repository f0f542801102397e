package dev.lithair.replication.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

import dev.lithair.model.EntityModel;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.testsupport.Awaits;
import dev.lithair.testsupport.FreePorts;
import dev.lithair.testsupport.TestDirectories;

/**
 * Three cluster members in this JVM on loopback, each with its own data directory and free port: a
 * store opened on a {@link RaftCluster}. Members can be stopped, wiped and started again.
 */
final class ThreeMembers implements AutoCloseable {

    static final Duration ELECTION_TIMEOUT = Duration.ofMillis(1000);

    private final Path root;
    private final Collection<? extends EntityModel<?>> models;
    private final List<String> peers = new ArrayList<>();
    private final long snapshotEveryEvents;
    private final BiFunction<Integer, RaftClusterOptions, RaftClusterOptions> configure;
    private final LithairStore[] stores = new LithairStore[3];
    private final RaftCluster[] clusters = new RaftCluster[3];

    ThreeMembers(Path root, Collection<? extends EntityModel<?>> models) {
        this(root, models, 0);
    }

    /** @param snapshotEveryEvents each member snapshots after this many events; 0 only on demand */
    ThreeMembers(Path root, Collection<? extends EntityModel<?>> models, long snapshotEveryEvents) {
        this(root, models, snapshotEveryEvents, (i, options) -> options);
    }

    /**
     * @param snapshotEveryEvents each member snapshots after this many events; 0 only on demand
     * @param configure           changes member {@code i}'s options (its TLS, say) before it starts
     */
    ThreeMembers(Path root, Collection<? extends EntityModel<?>> models, long snapshotEveryEvents,
            BiFunction<Integer, RaftClusterOptions, RaftClusterOptions> configure) {
        this.root = root;
        this.models = models;
        this.snapshotEveryEvents = snapshotEveryEvents;
        this.configure = configure;
        FreePorts.distinct(3).forEach(port -> peers.add("127.0.0.1:" + port));
    }

    /** Starts every member and returns once a leader is elected. */
    ThreeMembers start() {
        for (int i = 0; i < 3; i++) {
            startMember(i);
        }
        clusters[0].awaitLeader(Duration.ofSeconds(30));
        return this;
    }

    /** Starts every member without waiting for an election. */
    ThreeMembers startWithoutWaitingForALeader() {
        for (int i = 0; i < 3; i++) {
            startMember(i);
        }
        return this;
    }

    void startMember(int i) {
        Path directory = root.resolve("member-" + i);
        StoreOptions options = StoreOptions.defaults(directory).withSnapshotEveryEvents(snapshotEveryEvents);
        RaftCluster cluster = new RaftCluster(configure.apply(i, RaftClusterOptions.of(peers.get(i), peers,
                directory.resolve("raft")).withNodeId("member-" + i).withElectionTimeout(ELECTION_TIMEOUT)));
        clusters[i] = cluster;
        stores[i] = LithairStore.open(options, models, List.of(), cluster);
    }

    void stopMember(int i) {
        stores[i].close();
        stores[i] = null;
    }

    void wipeMember(int i) {
        TestDirectories.deleteRecursively(root.resolve("member-" + i));
    }

    /** Every member's {@code host:raftPort}. */
    List<String> peers() {
        return peers;
    }

    LithairStore store(int i) {
        return stores[i];
    }

    RaftCluster cluster(int i) {
        return clusters[i];
    }

    /** Index of the member that leads now, waiting for one among the running members. */
    int leader() {
        return Awaits.await().alias("a leader among the running members").until(this::leading, Objects::nonNull);
    }

    /** Index of a running member that leads now, or {@code null}. */
    private Integer leading() {
        for (int i = 0; i < 3; i++) {
            if (stores[i] != null && clusters[i].isLeader()) {
                return i;
            }
        }
        return null;
    }

    /** A running member that does not lead. */
    int follower() {
        int leader = leader();
        for (int i = 0; i < 3; i++) {
            if (i != leader && stores[i] != null) {
                return i;
            }
        }
        throw new AssertionError("no running follower");
    }

    List<Integer> running() {
        List<Integer> running = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            if (stores[i] != null) {
                running.add(i);
            }
        }
        return running;
    }

    /** Waits until every running member has applied up to the leader's last sequence. */
    void awaitConverged() {
        long target = store(leader()).lastSequence();
        for (int i : running()) {
            LithairStore member = stores[i];
            Awaits.await().untilAsserted(() -> assertThat(member.lastSequence())
                    .as("the sequence member %d applied, the leader being at %d", i, target)
                    .isGreaterThanOrEqualTo(target));
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < 3; i++) {
            if (stores[i] != null) {
                stores[i].close();
                stores[i] = null;
            }
        }
    }
}
