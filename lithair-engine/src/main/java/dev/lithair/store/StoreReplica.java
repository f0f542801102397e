package dev.lithair.store;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.lithair.event.RecordCodec;
import dev.lithair.event.StorageFormat;
import dev.lithair.model.EntityCodec;
import dev.lithair.snapshot.SnapshotStore;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.node.ObjectNode;

/**
 * A store's state as a replica of a replicated log: commits are encoded into entries by the member
 * that proposes them, and every member applies the committed entries, in log order, through the same
 * planner and the same {@link StoreState#apply} as the local writer. Validation that can fail
 * (unique, immutable, version, idempotency) happens when an entry is applied, deterministically,
 * against the state every member has at that point of the log, so all members accept or reject the
 * same commits and keep identical state, indexes and history.
 *
 * <p>Concurrency: {@link #encode} may be called from any thread. {@link #apply}, {@link #capture} and
 * {@link #restore} are called by one thread at a time (the replicated log's apply thread), which is
 * the state's single writer; readers of the store never block. {@link #writeSnapshot} may run on any
 * thread, with a capture taken before.
 */
public final class StoreReplica {

    /** State captured between two applied entries, written to a snapshot later on another thread. */
    public static final class Capture {
        private final CapturedState state;

        private Capture(CapturedState state) {
            this.state = state;
        }

        /** The last event sequence the capture includes. */
        public long lastSequence() {
            return state.lastSequence();
        }
    }

    private final StoreOptions options;
    private final StoreState state;
    private final CommitPlanner planner;
    private final StoreObservers observers;
    private final RecordCodec codec;

    StoreReplica(StoreOptions options, StoreState state, CommitPlanner planner, StoreObservers observers) {
        this.options = options;
        this.state = state;
        this.planner = planner;
        this.observers = observers;
        this.codec = new RecordCodec(options.format(), options.valueLimits());
    }

    public StoreOptions options() {
        return options;
    }

    /** Sequence of the last applied event. */
    public long lastSequence() {
        return state.lastSequence();
    }

    /**
     * The commit as a log entry, its events timestamped now by the store's clock.
     *
     * @throws IllegalArgumentException when an entity is not of the type it is stored as (nothing is proposed)
     * @throws ValueLimitException      when a value is over the store's limits (nothing is proposed); every
     *                                  member checks again when it applies the entry
     */
    public byte[] encode(Commit commit) {
        CommitLimits limits = planner.limits();
        limits.checkCommit(commit);
        List<ReplicatedCommit.ReplicatedOperation> operations = new ArrayList<>(commit.operations().size());
        for (Operation operation : commit.operations()) {
            limits.checkNames(operation);
            if (operation instanceof Operation.Put put) {
                if (!state.types().accepts(put.entityType(), put.entity())) {
                    throw new IllegalArgumentException(put.entityType() + " " + put.entityId() + ": a "
                            + put.entity().getClass().getName() + " cannot be stored as " + put.entityType());
                }
                EntityCodec<Object> entityCodec = state.types().codec(put.entityType());
                if (entityCodec.model() == null) {
                    limits.checkDocument(put, (ObjectNode) put.entity());
                }
                ObjectNode payload;
                try {
                    payload = entityCodec.toPayload(entityCodec.retained(put.entity()));
                } catch (StackOverflowError tooDeep) {
                    throw limits.tooDeepToSerialise(put);
                }
                if (entityCodec.model() != null) {
                    limits.checkDocument(put, payload);
                }
                operations.add(new ReplicatedCommit.ReplicatedOperation(false, put.entityType(), put.entityId(),
                        payload));
            } else {
                operations.add(new ReplicatedCommit.ReplicatedOperation(true, operation.entityType(),
                        operation.entityId(), null));
            }
        }
        ReplicatedCommit entry = new ReplicatedCommit(commit.idempotencyKey(), commit.actor(),
                Instant.now(options.clock()), operations);
        byte[] body = codec.mapper(codec.writeFormat()).writeValueAsBytes(entry);
        limits.checkRecordSize(commit, body.length);
        byte[] framed = new byte[body.length + 1];
        framed[0] = codec.writeFormat().marker();
        System.arraycopy(body, 0, framed, 1, body.length);
        return framed;
    }

    /**
     * Applies a committed entry: the duplicate of an applied idempotency key changes nothing, a commit
     * that breaks a rule is rejected whole, anything else becomes events applied to the state.
     *
     * @throws CommitRejectedException  when a declared rule is broken (every member rejects it alike)
     * @throws IllegalArgumentException when an operation is malformed, or the entry cannot be read (a value over
     *                                  this member's limits: every member with the same limits refuses it alike)
     */
    public CommitResult apply(byte[] entry) {
        ReplicatedCommit replicated;
        try {
            replicated = codec.mapper(StorageFormat.ofMarker(entry[0])).readValue(entry, 1, entry.length - 1,
                    ReplicatedCommit.class);
        } catch (JacksonException unreadable) {
            throw new IllegalArgumentException("the replicated entry cannot be read: " + unreadable.getOriginalMessage(),
                    unreadable);
        }
        if (replicated.idempotencyKey() != null) {
            AppliedKeys.Entry applied = state.appliedKeys().find(replicated.idempotencyKey());
            if (applied != null) {
                return new CommitResult(applied.sequence(), true, List.of());
            }
        }
        CommitPlanner.Plan plan = planner.plan(toCommit(replicated), state.lastSequence() + 1, replicated.timestamp());
        if (plan == null) {
            return new CommitResult(state.lastSequence(), false, List.of());
        }
        state.apply(plan.record(), plan.afterStates());
        return new CommitResult(plan.record().lastSequence(), false, plan.record().events());
    }

    /**
     * Tells the store's observers of an applied commit, as the local writer does once a commit is durable.
     *
     * @param latencyNanos from proposal to application on the member that proposed it; 0 on the others
     */
    public void acknowledged(CommitResult result, long latencyNanos) {
        observers.committed(result, latencyNanos);
    }

    /** Tells the store's observers of a snapshot written from a capture. */
    public void snapshotWritten(SnapshotInfo info) {
        observers.snapshotWritten(info);
    }

    private Commit toCommit(ReplicatedCommit replicated) {
        List<Operation> operations = new ArrayList<>(replicated.operations().size());
        for (ReplicatedCommit.ReplicatedOperation operation : replicated.operations()) {
            if (operation.delete()) {
                operations.add(new Operation.Delete(operation.entityType(), operation.entityId()));
            } else {
                Object entity = state.types().codec(operation.entityType()).fromPayload(operation.payload());
                operations.add(new Operation.Put(operation.entityType(), operation.entityId(), entity));
            }
        }
        return new Commit(replicated.idempotencyKey(), replicated.actor(), operations);
    }

    /** Captures the state now, between two applied entries; cheap (references only). */
    public Capture capture() {
        return new Capture(state.capture());
    }

    /**
     * Writes a capture in the store's snapshot format ({@code state-<seq>.raftsnap}) into
     * {@code directory}, forced and renamed into place; returns the file.
     */
    public Path writeSnapshot(Capture capture, Path directory) throws IOException {
        return new SnapshotStore(directory, codec, 1).write(capture.lastSequence(), capture.state.toSnapshot(state.types()));
    }

    /**
     * Replaces the state (entities, indexes, history, projections, idempotency keys) with the newest
     * snapshot in {@code directory}; returns the snapshot's last sequence. Readers see the state change
     * at once, not atomically.
     *
     * @throws IOException when the directory holds no readable snapshot (the state is then unchanged)
     */
    public long restore(Path directory) throws IOException {
        SnapshotStore.Loaded<RecoveredState> loaded = new SnapshotStore(directory, codec, 1)
                .loadNewest(new StateSnapshotReader(state.types()), StoreState::checkCovers)
                .orElseThrow(() -> new IOException("no readable snapshot in " + directory));
        state.restore(loaded.state());
        return loaded.sequence();
    }

    /** Live entities per type, for monitoring. */
    public Map<String, Integer> counts() {
        return state.counts();
    }

    /** Idempotency keys remembered, for monitoring. */
    public int idempotencyKeys() {
        return state.appliedKeys().size();
    }
}
