package dev.lithair.store.spi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import dev.lithair.event.ValueLimits;
import dev.lithair.exception.CommitRejectedException;
import dev.lithair.exception.MalformedEntryException;
import dev.lithair.exception.StoreUnavailableException;
import dev.lithair.exception.ValueLimitException;

/**
 * A store's state as a replica of a replicated log, as the store hands it to a {@link CommitPath.Factory}:
 * commits are encoded into entries by the member that proposes them, and every member applies the
 * committed entries, in log order, through the same planner as the local writer. Validation that can
 * fail (unique, immutable, version, idempotency) happens when an entry is applied, deterministically,
 * against the state every member has at that point of the log, so all members accept or reject the
 * same commits and keep identical state, indexes and history.
 *
 * <p>Concurrency: {@link #encode} may be called from any thread. {@link #apply}, {@link #capture} and
 * {@link #restore} are called by one thread at a time (the replicated log's apply thread), which is
 * the state's single writer; readers of the store never block. {@link #writeSnapshot} may run on any
 * thread, with a capture taken before.
 */
public interface StoreReplica {

    /** State captured between two applied entries, written to a snapshot later on another thread. */
    interface Capture {

        /** {@return the last event sequence the capture includes} */
        long lastSequence();
    }

    /**
     * Events after which the store wants a snapshot; 0 when it takes them only on demand.
     *
     * @return the number of events, or 0
     */
    long snapshotEveryEvents();

    /**
     * The largest values the store accepts and reads back.
     *
     * @return the limits
     */
    ValueLimits valueLimits();

    /**
     * Writes a backup folder in {@code backupDirectory} holding {@code snapshot} (a snapshot file this replica
     * wrote, of the state after {@code sequence}) and the store's metadata: the backup of a member.
     *
     * @param snapshot        the snapshot file
     * @param sequence        the sequence of the state it holds
     * @param backupDirectory the directory of backup folders
     * @return the backup
     * @throws java.io.IOException when reading or writing fails
     * @throws java.nio.file.NoSuchFileException when the snapshot file vanished meanwhile (nothing is left)
     */
    dev.lithair.backup.BackupInfo backUpSnapshot(java.nio.file.Path snapshot, long sequence,
            java.nio.file.Path backupDirectory) throws java.io.IOException;

    /** {@return the sequence of the last applied event} */
    long lastSequence();

    /**
     * The commit as a log entry, its events timestamped now by the store's clock.
     *
     * @param commit the commit
     * @return the entry
     * @throws IllegalArgumentException when an entity is not of the type it is stored as (nothing is proposed)
     * @throws ValueLimitException      when a value is over the store's limits (nothing is proposed); every
     *                                  member checks again when it applies the entry
     */
    byte[] encode(Commit commit);

    /**
     * Applies a committed entry: the duplicate of an applied idempotency key changes nothing, a commit
     * that breaks a rule is rejected whole, anything else becomes events applied to the state. Any
     * rejection leaves the state as it was, and every member rejects the same entry the same way.
     *
     * @param entry a committed entry
     * @return what it did
     * @throws MalformedEntryException   when the entry cannot be read as a commit
     * @throws CommitRejectedException   when a declared rule is broken
     * @throws IllegalArgumentException  when an operation is malformed (wrong type, id mismatch)
     * @throws RuntimeException          whatever a {@link dev.lithair.event.ChangeValidator} throws to refuse
     * @throws StoreUnavailableException when changing the state failed once the commit was accepted: the
     *                                   state may hold part of the commit, so this replica must stop applying
     */
    CommitResult apply(byte[] entry);

    /**
     * Reads an entry as {@link #apply} does, without applying it: the leader checks a forwarded entry
     * before proposing it, so that a malformed one is refused to its sender instead of entering the log.
     *
     * @param entry the entry
     * @throws MalformedEntryException when the entry cannot be read as a commit
     */
    void requireReadable(byte[] entry);

    /**
     * Notifies the store's observers of an applied commit, as the local writer does once a commit is durable.
     *
     * @param latencyNanos from proposal to application on the member that proposed it; 0 on the others
     * @param result what the commit did
     */
    void acknowledged(CommitResult result, long latencyNanos);

    /**
     * Notifies the store's observers of a snapshot written from a capture.
     *
     * @param info the snapshot
     */
    void snapshotWritten(SnapshotInfo info);

    /**
     * Captures the state now, between two applied entries; cheap (references only).
     *
     * @return the capture
     */
    Capture capture();

    /**
     * Writes a capture in the store's snapshot format ({@code state-<seq>.raftsnap}) into
     * {@code directory}, forced and renamed into place; returns the file.
     *
     * @param capture   a capture of this store
     * @param directory where to write
     * @return the snapshot file
     * @throws IOException when writing fails
     */
    Path writeSnapshot(Capture capture, Path directory) throws IOException;

    /**
     * Replaces the state (entities, indexes, history, projections, idempotency keys) with the newest
     * snapshot in {@code directory}; returns the snapshot's last sequence. Readers see the state change
     * at once, not atomically.
     *
     * @param directory the directory holding the snapshot
     * @return the sequence of the restored state
     * @throws IOException when the directory holds no readable snapshot (the state is then unchanged)
     */
    long restore(Path directory) throws IOException;

    /**
     * Live entities per type, for monitoring.
     *
     * @return counts by type name
     */
    Map<String, Integer> counts();

    /**
     * Idempotency keys remembered, for monitoring.
     *
     * @return the number of keys
     */
    int idempotencyKeys();
}
