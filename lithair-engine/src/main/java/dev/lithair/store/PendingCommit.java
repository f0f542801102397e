package dev.lithair.store;

import dev.lithair.exception.StoreUnavailableException;
import dev.lithair.internal.log.DurabilityWaiter;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.CommitResult;

/**
 * A commit queued for the single writer, and how its caller learns the outcome: once its record
 * is durable, when it is rejected, or when the store cannot make it durable.
 *
 * <p>The writer's pass sets {@link #result} and the record's fields before handing the commit to the
 * syncer; the syncer's hand-off orders those writes before the record is applied and before
 * {@link #durable()}.
 */
abstract sealed class PendingCommit implements StoreWriter.Task, DurabilityWaiter permits AsyncCommit, BlockingCommit {

    final Commit commit;
    final StoreObserver observer;
    final long submittedNanos = System.nanoTime();
    /**
     * When the writer wrote the commit's record to the log (for a commit without one, the records of its
     * group), so that its caller can tell how long it then waited for the force; 0 until then.
     */
    long writtenNanos;
    CommitResult result;
    /** The record to apply once durable, with what applying it needs; {@code null} when nothing changes. */
    dev.lithair.internal.codec.LogRecord record;
    java.util.List<Object> afterStates;
    /** What the validators remembered of the accepted record ({@link CommitPlanner#pending}). */
    Object[] validatorMemo;
    /** The record's hash when the hash chain is on. */
    String chainHash;
    /**
     * The commit's rejection, when it was planned against records accepted and not applied yet: it is
     * delivered with the group, once those are applied, so that its caller then reads the state that
     * refused it (a retry after a version conflict sees the newer version).
     */
    RuntimeException rejectionWithGroup;

    PendingCommit(Commit commit, StoreObserver observer) {
        this.commit = commit;
        this.observer = observer;
    }

    /** Notes that the records of {@code commits} were written to the log at {@code nanos}. */
    static void written(java.util.List<PendingCommit> commits, long nanos) {
        for (PendingCommit pending : commits) {
            pending.writtenNanos = nanos;
        }
    }

    /** The commit was refused (validation, version conflict, unique violation): its caller gets {@code rejected}. */
    abstract void reject(RuntimeException rejected);

    static StoreUnavailableException notDurable(Throwable cause) {
        return new StoreUnavailableException("commit not durable: " + cause.getMessage(), cause);
    }
}
