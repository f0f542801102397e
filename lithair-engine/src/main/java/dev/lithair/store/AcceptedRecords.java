package dev.lithair.store;

import java.util.ArrayList;
import java.util.List;

import dev.lithair.internal.codec.LogRecord;
import dev.lithair.internal.log.DurabilityWaiter;
import dev.lithair.internal.log.SegmentedLog;
import dev.lithair.internal.snapshot.AppliedKey;

/**
 * The records the writer accepted (planned, staged or written) and has not applied yet, because they
 * are not durable yet. Planning reads their effects ({@link #changes()}, {@link #key}); once the log
 * says they are durable they are applied to the state in sequence order and forgotten
 * ({@link #applyDurable}); when writing fails they are all forgotten ({@link #discard}), and the
 * state never held them.
 *
 * <p>Not thread-safe: used under the writer's lock only.
 */
final class AcceptedRecords {

    private final StoreState state;
    private final CommitPlanner planner;
    private final RecordChain chain;
    private final SegmentedLog segmentedLog;
    private final PendingChanges changes = new PendingChanges();

    AcceptedRecords(StoreState state, CommitPlanner planner, RecordChain chain, SegmentedLog segmentedLog) {
        this.state = state;
        this.planner = planner;
        this.chain = chain;
        this.segmentedLog = segmentedLog;
    }

    /** Whether no accepted record waits to be applied. */
    boolean isEmpty() {
        return changes.isEmpty();
    }

    /** What the accepted records change, for planning the next commits. */
    PendingChanges changes() {
        return changes;
    }

    /** The commit that applied {@code key}, or that carries it among the accepted records; {@code null}. */
    AppliedKey key(String key) {
        AppliedKey pending = changes.key(key);
        return pending != null ? pending : state.appliedKeys().find(key);
    }

    /** {@code pending}'s record, planned as {@code plan} and staged, is accepted: later plans see it. */
    void accept(PendingCommit pending, CommitPlanner.Plan plan, LogRecord record, String chainHash) {
        pending.record = record;
        pending.afterStates = plan.afterStates();
        pending.validatorMemo = planner.pending(plan);
        pending.chainHash = chainHash;
        changes.add(record, plan.afterStates());
    }

    /**
     * Applies the records of {@code waiters}, durable now, in sequence order, then forgets them as
     * accepted; the log records that they are durable, so that a later failure never cuts them.
     *
     * @throws RuntimeException when applying fails (a bug): the records from the failing one on are not applied
     */
    void applyDurable(List<? extends DurabilityWaiter> waiters) {
        List<? extends DurabilityWaiter> ordered = waiters;
        long previous = Long.MIN_VALUE;
        for (DurabilityWaiter waiter : waiters) {
            LogRecord record = ((PendingCommit) waiter).record;
            if (record != null) {
                if (record.firstSequence() < previous) {
                    ordered = inSequenceOrder(waiters);
                    break;
                }
                previous = record.firstSequence();
            }
        }
        long last = -1;
        for (DurabilityWaiter waiter : ordered) {
            PendingCommit pending = (PendingCommit) waiter;
            LogRecord record = pending.record;
            if (record != null) {
                state.apply(record, pending.afterStates);
                changes.applied(record);
                planner.settled(pending.validatorMemo);
                chain.durable(record.lastSequence(), pending.chainHash);
                last = record.lastSequence();
            }
        }
        if (last >= 0) {
            segmentedLog.durableThrough(last);
        }
    }

    /** Forgets every accepted record, none of which will be applied: writing the log failed. */
    void discard() {
        changes.clear();
        planner.discardPending();
        chain.rewind();
        segmentedLog.dropStaged();
    }

    /**
     * The waiters sorted by their records' sequences. Records of one force reach the writer in write
     * order per request, but a force may drain a request written after the records it wrote itself.
     */
    private static List<PendingCommit> inSequenceOrder(List<? extends DurabilityWaiter> waiters) {
        List<PendingCommit> sorted = new ArrayList<>(waiters.size());
        for (DurabilityWaiter waiter : waiters) {
            sorted.add((PendingCommit) waiter);
        }
        sorted.sort((a, b) -> Long.compare(a.record == null ? Long.MIN_VALUE : a.record.firstSequence(),
                b.record == null ? Long.MIN_VALUE : b.record.firstSequence()));
        return sorted;
    }
}
