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
     * that breaks a rule is rejected whole, anything else becomes events applied to the state. Any
     * rejection leaves the state as it was, and every member rejects the same entry the same way.
     *
     * @throws MalformedEntryException   when the entry cannot be read as a commit
     * @throws CommitRejectedException   when a declared rule is broken
     * @throws IllegalArgumentException  when an operation is malformed (wrong type, id mismatch)
     * @throws RuntimeException          whatever a {@link dev.lithair.event.ChangeValidator} throws to refuse
     * @throws StoreUnavailableException when changing the state failed once the commit was accepted: the
     *                                   state may hold part of the commit, so this replica must stop applying
     */
    public CommitResult apply(byte[] entry) {
        Decoded decoded = decode(entry);
        ReplicatedCommit replicated = decoded.replicated();
        if (replicated.idempotencyKey() != null) {
            AppliedKeys.Entry applied = state.appliedKeys().find(replicated.idempotencyKey());
            if (applied != null) {
                return new CommitResult(applied.sequence(), true, List.of());
            }
        }
        CommitPlanner.Plan plan = planner.plan(decoded.commit(), state.lastSequence() + 1, replicated.timestamp());
        if (plan == null) {
            return new CommitResult(state.lastSequence(), false, List.of());
        }
        try {
            state.apply(plan.record(), plan.afterStates());
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("applying the commit of events " + plan.record().firstSequence()
                    + ".." + plan.record().lastSequence() + " failed after it was accepted: " + e, e);
        }
        return new CommitResult(plan.record().lastSequence(), false, plan.record().events());
    }

    /**
     * Reads an entry as {@link #apply} does, without applying it: the leader checks a forwarded entry
     * before proposing it, so that a malformed one is refused to its sender instead of entering the log.
     *
     * @throws MalformedEntryException when the entry cannot be read as a commit
     */
    public void requireReadable(byte[] entry) {
        decode(entry);
    }

    private record Decoded(ReplicatedCommit replicated, Commit commit) {
    }

    /** The entry as a commit, every part present and readable; anything else is a {@link MalformedEntryException}. */
    private Decoded decode(byte[] entry) {
        if (entry == null || entry.length < 2) {
            throw new MalformedEntryException("a replicated entry holds a format marker and a commit; this one has "
                    + (entry == null ? "no bytes" : entry.length + " byte(s)"));
        }
        StorageFormat format;
        try {
            format = StorageFormat.ofMarker(entry[0]);
        } catch (IllegalArgumentException e) {
            throw new MalformedEntryException("replicated entry: " + e.getMessage(), e);
        }
        ReplicatedCommit replicated;
        try {
            replicated = codec.mapper(format).readValue(entry, 1, entry.length - 1, ReplicatedCommit.class);
        } catch (RuntimeException e) {
            throw new MalformedEntryException("the replicated entry is not a readable commit: " + e.getMessage(), e);
        }
        if (replicated == null) {
            throw new MalformedEntryException("the replicated entry holds no commit");
        }
        if (replicated.timestamp() == null) {
            throw new MalformedEntryException("the replicated commit has no timestamp");
        }
        try {
            replicated.timestamp().toEpochMilli();
        } catch (ArithmeticException e) {
            throw new MalformedEntryException("the replicated commit's timestamp " + replicated.timestamp()
                    + " is out of range", e);
        }
        if (replicated.operations() == null || replicated.operations().isEmpty()) {
            throw new MalformedEntryException("the replicated commit has no operations");
        }
        List<Operation> operations = new ArrayList<>(replicated.operations().size());
        for (int i = 0; i < replicated.operations().size(); i++) {
            ReplicatedCommit.ReplicatedOperation operation = replicated.operations().get(i);
            try {
                operations.add(toOperation(operation));
            } catch (RuntimeException e) {
                throw new MalformedEntryException("operation " + i + " of the replicated commit is malformed: "
                        + e.getMessage(), e);
            }
        }
        try {
            return new Decoded(replicated, new Commit(replicated.idempotencyKey(), replicated.actor(), operations));
        } catch (RuntimeException e) {
            throw new MalformedEntryException("the replicated commit is malformed: " + e.getMessage(), e);
        }
    }

    private Operation toOperation(ReplicatedCommit.ReplicatedOperation operation) {
        if (operation == null) {
            throw new IllegalArgumentException("it is null");
        }
        if (operation.delete()) {
            if (operation.payload() != null) {
                throw new IllegalArgumentException("a delete carries no entity");
            }
            return new Operation.Delete(operation.entityType(), operation.entityId());
        }
        if (operation.payload() == null) {
            throw new IllegalArgumentException("a put carries the entity");
        }
        if (operation.entityType() == null || operation.entityType().isBlank()) {
            throw new IllegalArgumentException("entityType must not be blank");
        }
        Object entity = state.types().codec(operation.entityType()).fromPayload(operation.payload());
        return new Operation.Put(operation.entityType(), operation.entityId(), entity);
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
