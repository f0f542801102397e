package dev.lithair.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.lithair.replication.raft.RaftCluster;
import dev.lithair.replication.raft.RaftClusterOptions;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.testsupport.FreePorts;

/**
 * Three cluster members in this JVM on loopback hosting tenants, as an application serving many customers
 * runs them: each tenant's store lives in {@code member-i/tenants/{tenant}} and commits through the
 * tenant's own Raft group ({@link RaftCluster#tenantGroup}), durable (Raft log forced) as by default.
 *
 * <p>A tenant's store opens on a member only when the benchmark asks for it ({@link #store}): the members'
 * opener does nothing, so that the benchmark can open the stores member after member and know which
 * member's threads each opening starts. A peer asking for a group that does not run yet is answered "no such
 * group" and asks again. Snapshots are off, so that no phase pays for one.
 */
final class LoopbackTenantMembers implements AutoCloseable {

    static final int MEMBERS = 3;

    private final Path root;
    private final List<String> peers = new ArrayList<>();
    private final RaftCluster[] clusters = new RaftCluster[MEMBERS];
    private final List<Map<String, LithairStore>> stores = new ArrayList<>();

    /** Starts every member's transport in {@code root}; no tenant group runs yet. */
    LoopbackTenantMembers(Path root) {
        this.root = root;
        FreePorts.distinct(MEMBERS).forEach(port -> peers.add("127.0.0.1:" + port));
        for (int i = 0; i < MEMBERS; i++) {
            stores.add(new ConcurrentHashMap<>());
        }
        for (int i = 0; i < MEMBERS; i++) {
            clusters[i] = new RaftCluster(RaftClusterOptions.of(peers.get(i), peers,
                    root.resolve("member-" + i).resolve("raft")).withNodeId("member-" + i));
            clusters[i].hostTenants(tenant -> { });
        }
    }

    /** The tenant's store on member {@code i}, opened on the tenant's group first if it is not open. */
    LithairStore store(int i, String tenant) {
        return stores.get(i).computeIfAbsent(tenant, id -> {
            Path directory = root.resolve("member-" + i).resolve("tenants").resolve(id);
            return LithairStore.create(StoreOptions.defaults(directory).withSnapshotEveryEvents(0), List.of(),
                    List.of(), clusters[i].tenantGroup(id, directory.resolve("raft"))).start();
        });
    }

    /** {@return the members' {@code host:raftPort}, member 0 first} */
    List<String> addresses() {
        return List.copyOf(peers);
    }

    /** {@return the member leading the tenant's group now, as the members themselves say, or -1} */
    int leaderOf(String tenant) {
        for (int i = 0; i < MEMBERS; i++) {
            if (stores.get(i).containsKey(tenant) && clusters[i].tenantStatus(tenant).isLeader()) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        for (int i = 0; i < MEMBERS; i++) {
            stores.get(i).values().forEach(LithairStore::close);
            stores.get(i).clear();
            clusters[i].close();
        }
    }
}
