package dev.lithair.store.spi;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.lithair.backup.BackupInfo;

/**
 * How a store makes commits durable: its own local log (the default), or a replicated log whose
 * committed entries every member applies through {@link StoreReplica}. Either way a commit is
 * validated and applied by one writer, so the rules, indexes, history and idempotency behave the same.
 *
 * <p>Implementations are thread-safe: any thread may commit and read.
 */
public interface CommitPath extends AutoCloseable {

    /**
     * Commits atomically and returns once the commit is durable and applied, or throws its rejection.
     *
     * @param commit the commit
     * @return what it did
     */
    CommitResult commit(Commit commit);

    /**
     * {@link #commit(Commit)}, telling {@code trace} what the commit waited for before it returns. A path that
     * cannot tell (the default) tells nothing.
     *
     * @param commit the commit
     * @param trace  told, on the calling thread, how long the commit waited for its force
     * @return what it did
     */
    default CommitResult commit(Commit commit, CommitTrace trace) {
        return commit(commit);
    }

    /**
     * Commits atomically; the future completes as {@link #commit} returns.
     *
     * @param commit the commit
     * @return what it did, once done
     */
    CompletableFuture<CommitResult> commitAsync(Commit commit);

    /**
     * Returns once this node's state includes every commit acknowledged anywhere before the call, when
     * {@code consistency} asks for it; at once for {@link ReadConsistency#LOCAL} and on a single node.
     *
     * @param consistency the consistency the reads need
     */
    void awaitReadable(ReadConsistency consistency);

    /**
     * Takes a snapshot now.
     *
     * @return the snapshot, once on disk
     */
    CompletableFuture<SnapshotInfo> snapshot();

    /**
     * Keeps the smallest data that still recovers the same state.
     *
     * @return the snapshot kept, once done
     */
    CompletableFuture<SnapshotInfo> compact();

    /**
     * Backs the store up into a new folder of {@code backupDirectory} while commits go on; the future completes
     * once the folder is a complete backup. Refused by default: a path knows its own files (the local log
     * copies its snapshots and segments, a Raft member its newest snapshot).
     *
     * @param backupDirectory the directory of backup folders
     * @return the backup, once written
     * @throws UnsupportedOperationException when this path cannot take backups
     */
    default CompletableFuture<BackupInfo> backup(Path backupDirectory) {
        throw new UnsupportedOperationException("backups are not supported by this commit path ("
                + getClass().getSimpleName() + ")");
    }

    /**
     * A view for monitoring.
     *
     * @return the statistics
     */
    StoreStats stats();

    /**
     * Why the path refuses commits now after a storage failure; empty while it accepts them.
     *
     * @return the failure, or empty
     */
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
         *
         * @param replica the store's side
         * @return the open path
         */
        CommitPath open(StoreReplica replica);
    }
}
