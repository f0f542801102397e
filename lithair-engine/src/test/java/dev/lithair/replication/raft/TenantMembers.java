package dev.lithair.replication.raft;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.model.EntityModel;
import dev.lithair.replication.TenantHost;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;
import dev.lithair.testsupport.FreePorts;

/**
 * Three cluster members in this JVM on loopback hosting tenants: each tenant's store lives in
 * {@code member-i/tenants/{tenant}} and commits through the tenant's own Raft group. A tenant's store opens
 * on a member when the test uses it there ({@link #store}) or when a peer asks its group for something.
 * Members can be stopped and started again on their directories.
 */
final class TenantMembers implements AutoCloseable {

    static final Duration ELECTION_TIMEOUT = Duration.ofMillis(1000);

    /** The one entity the tenants' stores hold, in this JVM and in a member's child JVM. */
    record Note(String id, String text) {
    }

    static final List<EntityModel<?>> MODELS = List.of(EntityModel.of(Note.class, HistoryPolicy.NONE));

    /** {@return the commit that saves {@code note}} */
    static Commit put(Note note) {
        return Commit.of(new Operation.Put("Note", note.id(), note));
    }

    private final Path root;
    private final Duration idleTimeout;
    private final int maxOpen;
    private final List<String> peers = new ArrayList<>();
    private final RaftCluster[] clusters = new RaftCluster[3];
    private final List<Map<String, LithairStore>> stores = new ArrayList<>();

    TenantMembers(Path root) {
        this(root, Duration.ofNanos(Long.MAX_VALUE), Integer.MAX_VALUE);
    }

    /**
     * @param idleTimeout how long a tenant's group may take no write before it is put to sleep
     * @param maxOpen     how many groups may run on a member before the least recently written are put to sleep
     */
    TenantMembers(Path root, Duration idleTimeout, int maxOpen) {
        this.root = root;
        this.idleTimeout = idleTimeout;
        this.maxOpen = maxOpen;
        FreePorts.distinct(3).forEach(port -> peers.add("127.0.0.1:" + port));
        for (int i = 0; i < 3; i++) {
            stores.add(new ConcurrentHashMap<>());
        }
    }

    /** Starts every member's transport; no tenant group runs yet. */
    TenantMembers start() {
        for (int i = 0; i < 3; i++) {
            startMember(i);
        }
        return this;
    }

    void startMember(int i) {
        RaftCluster cluster = new RaftCluster(RaftClusterOptions.of(peers.get(i), peers, memberDirectory(i).resolve("raft"))
                .withNodeId("member-" + i).withElectionTimeout(ELECTION_TIMEOUT));
        clusters[i] = cluster;
        cluster.hostTenants(TenantHost.of(tenant -> openForPeer(i, cluster, tenant), tenant -> {
            closeStore(i, tenant);
            return true;
        }, idleTimeout, maxOpen));
    }

    /** Closes the tenant's store on member {@code i}, as its group went to sleep. */
    private synchronized void closeStore(int i, String tenant) {
        LithairStore store = stores.get(i).remove(tenant);
        if (store != null) {
            store.close();
        }
    }

    /** Opens a store a peer asked for, unless the member is stopping (its peers keep asking meanwhile). */
    private synchronized void openForPeer(int i, RaftCluster cluster, String tenant) {
        if (clusters[i] == cluster) {
            store(i, tenant);
        }
    }

    /** Closes member {@code i}'s tenant stores and its transport, as a clean stop. */
    void stopMember(int i) {
        RaftCluster cluster;
        synchronized (this) {
            cluster = clusters[i];
            clusters[i] = null;
        }
        stores.get(i).values().forEach(LithairStore::close);
        stores.get(i).clear();
        cluster.close();
    }

    boolean running(int i) {
        return clusters[i] != null;
    }

    Path memberDirectory(int i) {
        return root.resolve("member-" + i);
    }

    Path tenantDirectory(int i, String tenant) {
        return memberDirectory(i).resolve("tenants").resolve(tenant);
    }

    /** The tenant's store on member {@code i}, opened on the tenant's group first if it is not open. */
    synchronized LithairStore store(int i, String tenant) {
        RaftCluster cluster = clusters[i];
        if (cluster == null) {
            throw new IllegalStateException("member " + i + " is stopped");
        }
        return stores.get(i).computeIfAbsent(tenant, id -> {
            Path directory = tenantDirectory(i, id);
            LithairStore store = LithairStore.create(StoreOptions.defaults(directory), MODELS, List.of(),
                    cluster.tenantGroup(id, directory.resolve("raft")));
            store.start();
            return store;
        });
    }

    /** The tenant's store on member {@code i} if it is open there, else {@code null}. */
    LithairStore openStore(int i, String tenant) {
        return stores.get(i).get(tenant);
    }

    List<String> peers() {
        return peers;
    }

    RaftCluster cluster(int i) {
        return clusters[i];
    }

    @Override
    public void close() {
        for (int i = 0; i < 3; i++) {
            if (clusters[i] != null) {
                stopMember(i);
            }
        }
    }
}
