package dev.lithair.spring.boot.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import dev.lithair.replication.Cluster;
import dev.lithair.replication.ClusterStatus;
import dev.lithair.store.LithairStore;
import dev.lithair.store.spi.StoreStats;

/**
 * The store's health, named {@code lithair}: UP while the store is open, accepting commits and its data
 * directory is writable; DOWN when it was closed, when it cannot write its log (a full disk, an I/O
 * error: it refuses commits, retries on its own and is UP again once the disk takes writes, without a
 * restart), or when its directory cannot be written. Details: last sequence, last snapshot sequence,
 * data directory and its free space; while DOWN, the reason and the storage failure.
 *
 * <p>In a cluster it also reports this member's role, term and leader, and is DOWN while the member has
 * had no leader for longer than the election timeout (no write can commit then).
 */
public class LithairHealthIndicator extends AbstractHealthIndicator {

    private final LithairStore store;
    private final Cluster cluster;

    /**
     * The health of a single node's store.
     *
     * @param store the store
     */
    public LithairHealthIndicator(LithairStore store) {
        this(store, null);
    }

    /**
     * The health of a store and of its member's cluster.
     *
     * @param store   the store
     * @param cluster this member's cluster, {@code null} on a single node
     */
    public LithairHealthIndicator(LithairStore store, Cluster cluster) {
        super("Lithair health check failed");
        this.store = store;
        this.cluster = cluster;
    }

    /** The free space, when the file system still answers. */
    private static void freeSpace(Health.Builder builder, Path directory) {
        try {
            builder.withDetail("freeBytes", Files.getFileStore(directory).getUsableSpace());
        } catch (IOException unknown) {
            builder.withDetail("freeBytes", "unknown: " + unknown.getMessage());
        }
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws IOException {
        Path directory = store.options().dataDirectory();
        builder.withDetail("dataDirectory", directory.toString());
        if (store.isClosed()) {
            builder.down().withDetail("reason", "the store is closed");
            return;
        }
        if (!store.isStarted()) {
            builder.down().withDetail("reason", "the store is not open yet: it opens when the application starts");
            return;
        }
        java.util.Optional<Throwable> storageFailure = store.haltCause();
        if (storageFailure.isPresent()) {
            builder.down().withDetail("reason", storageFailure.get().getMessage())
                    .withDetail("error", String.valueOf(storageFailure.get().getCause()));
            freeSpace(builder, directory);
            return;
        }
        builder.withDetail("freeBytes", Files.getFileStore(directory).getUsableSpace());
        if (!Files.isDirectory(directory) || !Files.isWritable(directory)) {
            builder.down().withDetail("reason", "the data directory is not writable");
            return;
        }
        if (cluster != null) {
            ClusterStatus status = cluster.status();
            builder.withDetail("role", status.role()).withDetail("term", status.term())
                    .withDetail("leader", String.valueOf(status.leader()));
            long timeout = cluster.electionTimeout().toMillis();
            if (status.leader() == null && status.leaderlessMillis() > timeout) {
                builder.down().withDetail("reason", "no leader for " + status.leaderlessMillis()
                        + " ms (election timeout " + timeout + " ms): writes cannot commit");
                return;
            }
        }
        StoreStats stats = store.stats();
        builder.up().withDetail("lastSequence", stats.lastSequence())
                .withDetail("lastSnapshotSequence", stats.lastSnapshotSequence());
    }
}
