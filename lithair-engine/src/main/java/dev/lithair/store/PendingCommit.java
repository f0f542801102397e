package dev.lithair.store;

import dev.lithair.log.DurabilityWaiter;

/**
 * A commit queued for the single writer, and how its caller is told the outcome: once its record
 * is durable, when it is rejected, or when the store cannot make it durable.
 *
 * <p>The writer's pass sets {@link #result} before handing the commit to the syncer; the syncer's
 * hand-off orders that write before {@link #durable()}.
 */
abstract sealed class PendingCommit implements StoreWriter.Task, DurabilityWaiter permits AsyncCommit, BlockingCommit {

    final Commit commit;
    final StoreObserver observer;
    final long submittedNanos = System.nanoTime();
    CommitResult result;

    PendingCommit(Commit commit, StoreObserver observer) {
        this.commit = commit;
        this.observer = observer;
    }

    /** The commit was refused (validation, version conflict, unique violation): its caller gets {@code rejected}. */
    abstract void reject(RuntimeException rejected);

    static StoreUnavailableException notDurable(Throwable cause) {
        return new StoreUnavailableException("commit not durable: " + cause.getMessage(), cause);
    }
}
