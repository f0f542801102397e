package dev.lithair.spring.boot.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreStats;

/**
 * The store's health, named {@code lithair}: UP while the store is open, accepting commits and its data
 * directory is writable; DOWN when it was closed, halted after a storage failure (it then refuses
 * commits until a restart), or its directory cannot be written. Details: last sequence, last snapshot
 * sequence, data directory and its free space.
 */
public class LithairHealthIndicator extends AbstractHealthIndicator {

    private final LithairStore store;

    public LithairHealthIndicator(LithairStore store) {
        super("Lithair health check failed");
        this.store = store;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws IOException {
        Path directory = store.options().dataDirectory();
        builder.withDetail("dataDirectory", directory.toString());
        if (store.isClosed()) {
            builder.down().withDetail("reason", "the store is closed");
            return;
        }
        if (store.haltCause().isPresent()) {
            builder.down(store.haltCause().get()).withDetail("reason",
                    "the store halted after a storage failure and refuses commits; restart to recover from the log");
            return;
        }
        builder.withDetail("freeBytes", Files.getFileStore(directory).getUsableSpace());
        if (!Files.isDirectory(directory) || !Files.isWritable(directory)) {
            builder.down().withDetail("reason", "the data directory is not writable");
            return;
        }
        StoreStats stats = store.stats();
        builder.up().withDetail("lastSequence", stats.lastSequence())
                .withDetail("lastSnapshotSequence", stats.lastSnapshotSequence());
    }
}
