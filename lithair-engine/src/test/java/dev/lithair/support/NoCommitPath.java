package dev.lithair.support;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.CommitPath;
import dev.lithair.store.spi.CommitResult;
import dev.lithair.store.spi.ReadConsistency;
import dev.lithair.store.spi.SnapshotInfo;
import dev.lithair.store.spi.StoreStats;

/**
 * A replicated commit path that takes no commit and no snapshot: for a store whose replica a test drives
 * itself, or that stands for a store not on its local log.
 */
public final class NoCommitPath implements CommitPath {

    @Override
    public CommitResult commit(Commit commit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<CommitResult> commitAsync(Commit commit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void awaitReadable(ReadConsistency consistency) {
    }

    @Override
    public CompletableFuture<SnapshotInfo> snapshot() {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<SnapshotInfo> compact() {
        throw new UnsupportedOperationException();
    }

    @Override
    public StoreStats stats() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Throwable> haltCause() {
        return Optional.empty();
    }

    @Override
    public void close() {
    }
}
