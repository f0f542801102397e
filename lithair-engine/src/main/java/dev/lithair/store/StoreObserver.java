package dev.lithair.store;

import dev.lithair.store.spi.CommitResult;
import dev.lithair.store.spi.SnapshotInfo;

/**
 * Notified of what a store did, for monitoring (metrics, tracing). Register one with
 * {@link LithairStore#addObserver}; every method has an empty default, so an observer implements only
 * what it needs.
 *
 * <p>Methods run on the store's own threads (the syncer, the writer or the snapshot thread), or, for
 * {@link #committed} of a blocking {@code commit}, on the committing thread just before it returns (on the
 * store's thread when that caller gave up waiting); so
 * they must be fast, must not block and must not call the store. One that throws is logged and otherwise
 * ignored: observing never changes what the store does.
 */
public interface StoreObserver {

    /**
     * A commit was acknowledged: it is durable under the fsync policy. Called before the committing
     * caller returns, so what an observer records is visible once {@code commit} has returned.
     *
     * @param result       the commit's outcome; {@code events()} is empty for a duplicate or a commit
     *                     that changed nothing
     * @param latencyNanos time from the commit's submission to its acknowledgement; 0 in a cluster for a
     *                     commit another member took, applied here as the replicated log delivered it
     */
    default void committed(CommitResult result, long latencyNanos) {
    }

    /**
     * A snapshot was written, whether on demand, by compaction or every configured number of events.
     * Called before the future returned by {@link LithairStore#snapshot()} or {@link LithairStore#compact()}
     * completes.
     *
     * @param info the snapshot
     */
    default void snapshotWritten(SnapshotInfo info) {
    }
}
