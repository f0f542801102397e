package dev.lithair.store.spi;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * How a store makes commits durable: its own local log (the default), or a replicated log whose
 * committed entries every member applies through {@link StoreReplica}. Either way a commit is
 * validated and applied by one writer, so the rules, indexes, history and idempotency behave the same.
 *
 * <p>Implementations are thread-safe: any thread may commit and read.
 */
public interface CommitPath extends AutoCloseable {

    /** Commits atomically and returns once the commit is durable and applied, or throws its rejection. */
    CommitResult commit(Commit commit);

    /** Commits atomically; the future completes as {@link #commit} returns. */
    CompletableFuture<CommitResult> commitAsync(Commit commit);

    /**
     * Returns once this node's state includes every commit acknowledged anywhere before the call, when
     * {@code consistency} asks for it; at once for {@link ReadConsistency#LOCAL} and on a single node.
     */
    void awaitReadable(ReadConsistency consistency);

    /** Takes a snapshot now. */
    CompletableFuture<SnapshotInfo> snapshot();

    /** Keeps the smallest data that still recovers the same state. */
    CompletableFuture<SnapshotInfo> compact();

    /** A view for monitoring. */
    StoreStats stats();

    /** Why the path refuses commits now after a storage failure; empty while it accepts them. */
    Optional<Throwable> haltCause();

    /** Stops accepting commits, finishes those submitted and releases files and threads. */
    @Override
    void close();

    /** Opens a commit path for a store whose state {@code replica} applies to. */
    @FunctionalInterface
    interface Factory {

        /**
         * Starts the path; before returning, it brings the replica's state up to date (snapshot, then
         * committed entries) as far as it knows them.
         */
        CommitPath open(StoreReplica replica);
    }
}
