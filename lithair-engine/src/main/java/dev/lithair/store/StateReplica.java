package dev.lithair.store;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.lithair.backup.BackupInfo;
import dev.lithair.event.StorageFormat;
import dev.lithair.event.ValueLimits;
import dev.lithair.exception.MalformedEntryException;
import dev.lithair.exception.StoreUnavailableException;
import dev.lithair.internal.backup.BackupManifest;
import dev.lithair.internal.backup.LiveBackup;
import dev.lithair.internal.codec.RecordCodec;
import dev.lithair.internal.snapshot.AppliedKey;
import dev.lithair.internal.snapshot.CapturedState;
import dev.lithair.internal.snapshot.SnapshotStore;
import dev.lithair.model.EntityCodec;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.CommitResult;
import dev.lithair.store.spi.Operation;
import dev.lithair.store.spi.SnapshotInfo;
import dev.lithair.store.spi.StoreReplica;
import tools.jackson.databind.node.ObjectNode;

/**
 * The store's state as a replica of a replicated log: commits are encoded into entries by the member
 * that proposes them, and every member applies the committed entries, in log order, through the same
 * planner and the same {@link StoreState#apply} as the local writer. Validation that can fail
 * (unique, immutable, version, idempotency) happens when an entry is applied, deterministically,
 * against the state every member has at that point of the log, so all members accept or reject the
 * same commits and keep identical state, indexes and history.
 *
 * <p>Concurrency: as {@link StoreReplica} says.
 */
final class StateReplica implements StoreReplica {

    /** State captured between two applied entries. */
    private record StateCapture(CapturedState state) implements Capture {

        @Override
        public long lastSequence() {
            return state.lastSequence();
        }
    }

    private final StoreOptions options;
    private final StoreState state;
    private final CommitPlanner planner;
    private final StoreObservers observers;
    private final RecordCodec codec;

    StateReplica(StoreOptions options, StoreState state, CommitPlanner planner, StoreObservers observers) {
        this.options = options;
        this.state = state;
        this.planner = planner;
        this.observers = observers;
        this.codec = new RecordCodec(options.format(), options.valueLimits());
    }

    @Override
    public long snapshotEveryEvents() {
        return options.snapshotEveryEvents();
    }

    @Override
    public ValueLimits valueLimits() {
        return options.valueLimits();
    }

    @Override
    public long lastSequence() {
        return state.lastSequence();
    }

    @Override
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
                        payload, null));
            } else {
                boolean erase = operation instanceof Operation.Erase;
                operations.add(new ReplicatedCommit.ReplicatedOperation(!erase, operation.entityType(),
                        operation.entityId(), null, erase ? Boolean.TRUE : null));
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

    @Override
    public CommitResult apply(byte[] entry) {
        Decoded decoded = decode(entry);
        ReplicatedCommit replicated = decoded.replicated();
        if (replicated.idempotencyKey() != null) {
            AppliedKey applied = state.appliedKeys().find(replicated.idempotencyKey());
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
        state.dropExpiredHistoryIfDue();
        return new CommitResult(plan.record().lastSequence(), false, plan.record().events());
    }

    @Override
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
        if (operation.delete() || operation.erases()) {
            if (operation.payload() != null || operation.delete() && operation.erases()) {
                throw new IllegalArgumentException("a delete or an erasure carries no entity");
            }
            return operation.erases() ? new Operation.Erase(operation.entityType(), operation.entityId())
                    : new Operation.Delete(operation.entityType(), operation.entityId());
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

    @Override
    public void acknowledged(CommitResult result, long latencyNanos) {
        observers.committed(result, latencyNanos);
    }

    @Override
    public void snapshotWritten(SnapshotInfo info) {
        observers.snapshotWritten(info);
    }

    @Override
    public Capture capture() {
        return new StateCapture(state.capture());
    }

    @Override
    public Path writeSnapshot(Capture capture, Path directory) throws IOException {
        CapturedState captured = ((StateCapture) capture).state();
        return new SnapshotStore(directory, codec, 1).write(captured, state.types());
    }

    @Override
    public long restore(Path directory) throws IOException {
        return new SnapshotStore(directory, codec, 1).loadNewest(state.types(), state.restoreTarget())
                .orElseThrow(() -> new IOException("no readable snapshot in " + directory));
    }

    @Override
    public BackupInfo backUpSnapshot(Path snapshot, long sequence, Path backupDirectory) throws IOException {
        LiveBackup.Pending pending = LiveBackup.writeSnapshot(options.dataDirectory().resolve(StoreMeta.FILE_NAME),
                snapshot, sequence, Instant.now(options.clock()), backupDirectory);
        BackupManifest manifest = pending.publish();
        return new BackupInfo(pending.folder().getFileName().toString(), pending.folder(), sequence, manifest.time(),
                manifest.bytes());
    }

    @Override
    public Map<String, Integer> counts() {
        return state.counts();
    }

    @Override
    public int idempotencyKeys() {
        return state.appliedKeys().size();
    }
}
