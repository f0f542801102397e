package dev.lithair.replication.raft;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Iterator;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.core.StateMachineAdapter;
import com.alipay.sofa.jraft.entity.LeaderChangeContext;
import com.alipay.sofa.jraft.error.RaftError;
import com.alipay.sofa.jraft.error.RaftException;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotReader;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotWriter;

import dev.lithair.exception.MalformedEntryException;
import dev.lithair.exception.StoreUnavailableException;
import dev.lithair.store.spi.CommitResult;
import dev.lithair.store.spi.SnapshotInfo;
import dev.lithair.store.spi.StoreReplica;

/**
 * The Raft state machine: decodes each committed entry and applies it through the store's replica,
 * the same planner and state the local writer uses, then completes the proposer's closure (on the
 * member that proposed it). A rejected commit, whether it breaks a rule or cannot be read at all, is
 * rejected identically on every member, changes nothing, and never stops a member from applying the
 * entries after it. Snapshots are captured on the apply thread and written on another one, in the store's
 * snapshot format.
 *
 * <p>Raft calls every method on its one apply thread, except {@link #awaitApplied}, which any thread
 * may call.
 */
final class LithairStateMachine extends StateMachineAdapter {

    private static final Logger log = LoggerFactory.getLogger(LithairStateMachine.class);

    private final String group;
    private final StoreReplica replica;
    private final ExecutorService snapshotWriter;
    private final LongConsumer replicationLatency;
    private final Object appliedMonitor = new Object();
    private volatile long term;
    private volatile boolean leader;
    private volatile Throwable failure;
    private volatile SnapshotInfo lastSnapshot;
    private final AtomicLong snapshotsInstalled = new AtomicLong();
    private final AtomicLong malformedRejected = new AtomicLong();
    private volatile long leaderlessSinceNanos = System.nanoTime();
    private volatile String knownLeader;
    private long eventsAtLastSnapshot;
    private final long snapshotEveryEvents;
    private volatile Runnable snapshotTrigger = () -> { };
    private volatile LongConsumer dormantListener = term -> { };

    /**
     * @param group              the Raft group's id, for the log
     * @param replica            the store the entries are applied to
     * @param snapshotWriter     where snapshots are written
     * @param replicationLatency told the time from proposal to application of each commit this member leads
     */
    LithairStateMachine(String group, StoreReplica replica, ExecutorService snapshotWriter,
            LongConsumer replicationLatency) {
        this.group = group;
        this.replica = replica;
        this.snapshotWriter = snapshotWriter;
        this.replicationLatency = replicationLatency;
        this.snapshotEveryEvents = replica.snapshotEveryEvents();
    }

    void onSnapshotDue(Runnable trigger) {
        this.snapshotTrigger = trigger;
    }

    /**
     * Tells {@code listener} the term of each control entry putting the group to sleep, when applied in the
     * term this member is in (an older one, replayed after a restart or proposed by a deposed leader, is
     * ignored: the group is awake again since). Called on the apply thread: it must not block.
     */
    void onDormant(LongConsumer listener) {
        this.dormantListener = listener;
    }

    @Override
    public void onApply(Iterator iterator) {
        while (iterator.hasNext()) {
            Closure done = iterator.done();
            long index = iterator.getIndex();
            List<byte[]> entries;
            try {
                // Decoded through a view: the leader's log keeps the same buffer and may still send it to a follower.
                ByteBuffer data = iterator.getData();
                if (data != null && ProposalBatch.isDormantMarker(data)) {
                    long entryTerm = iterator.getTerm();
                    if (entryTerm >= term) {
                        dormantListener.accept(entryTerm);
                    }
                    finish(done);
                    iterator.next();
                    continue;
                }
                entries = ProposalBatch.decode(data == null ? ByteBuffer.allocate(0) : data);
            } catch (MalformedEntryException malformed) {
                malformedRejected.incrementAndGet();
                log.warn("Raft entry {} of group {} is malformed and rejected, as on every member: {}", index, group,
                        malformed.getMessage());
                if (done instanceof ProposalBatch batch) {
                    batch.rejectAll(malformed);
                }
                finish(done);
                iterator.next();
                continue;
            }
            for (int i = 0; i < entries.size(); i++) {
                CommitResult result = null;
                RuntimeException rejection = null;
                try {
                    result = replica.apply(entries.get(i));
                } catch (StoreUnavailableException halted) {
                    // The state may hold part of an accepted commit: applying more would build on it.
                    log.error("Applying commit {} of Raft entry {} failed after it was accepted; this member stops "
                            + "applying", i, index, halted);
                    iterator.setErrorAndRollback(1, new Status(RaftError.ESTATEMACHINE, "apply failed: %s",
                            halted.getMessage()));
                    return;
                } catch (MalformedEntryException malformed) {
                    malformedRejected.incrementAndGet();
                    log.warn("Commit {} of Raft entry {} is malformed and rejected, as on every member: {}", i, index,
                            malformed.getMessage());
                    rejection = malformed;
                } catch (RuntimeException rejected) {
                    // A broken rule or a validator's refusal: the same on every member, the state unchanged.
                    rejection = rejected;
                }
                if (done instanceof ProposalBatch batch && i < batch.size()) {
                    Proposal proposal = batch.get(i);
                    long latency = System.nanoTime() - proposal.proposedNanos;
                    if (result != null) {
                        proposal.applied(result);
                        replica.acknowledged(result, latency);
                        replicationLatency.accept(latency);
                    } else {
                        proposal.rejected(rejection);
                    }
                } else if (result != null) {
                    replica.acknowledged(result, 0);
                }
            }
            finish(done);
            iterator.next();
        }
        synchronized (appliedMonitor) {
            appliedMonitor.notifyAll();
        }
        if (snapshotEveryEvents > 0 && replica.lastSequence() - eventsAtLastSnapshot >= snapshotEveryEvents) {
            eventsAtLastSnapshot = replica.lastSequence();
            snapshotTrigger.run();
        }
    }

    private static void finish(Closure done) {
        if (done != null) {
            done.run(Status.OK());
        }
    }

    /** Committed entries and commits this member rejected as malformed since it started. */
    long malformedRejected() {
        return malformedRejected.get();
    }

    /** Waits until this member's state includes event {@code sequence}, or the timeout passes; returns whether it does. */
    boolean awaitApplied(long sequence, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (appliedMonitor) {
            while (replica.lastSequence() < sequence) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                appliedMonitor.wait(left);
            }
        }
        return true;
    }

    @Override
    public void onSnapshotSave(SnapshotWriter writer, Closure done) {
        StoreReplica.Capture capture = replica.capture();
        eventsAtLastSnapshot = capture.lastSequence();
        long started = System.nanoTime();
        snapshotWriter.execute(() -> {
            try {
                Path file = replica.writeSnapshot(capture, Path.of(writer.getPath()));
                if (!writer.addFile(file.getFileName().toString())) {
                    done.run(new Status(RaftError.EIO, "cannot add %s to the snapshot", file));
                    return;
                }
                SnapshotInfo info = new SnapshotInfo(capture.lastSequence(), file, Files.size(file),
                        (System.nanoTime() - started) / 1_000_000, 0);
                lastSnapshot = info;
                done.run(Status.OK());
                replica.snapshotWritten(info);
            } catch (Exception e) {
                log.error("Writing the Raft snapshot at sequence {} failed", capture.lastSequence(), e);
                done.run(new Status(RaftError.EIO, "snapshot failed: %s", e.getMessage()));
            }
        });
    }

    @Override
    public boolean onSnapshotLoad(SnapshotReader reader) {
        if (leader) {
            log.warn("A leader is asked to load a snapshot; refused");
            return false;
        }
        try {
            long sequence = replica.restore(Path.of(reader.getPath()));
            eventsAtLastSnapshot = sequence;
            snapshotsInstalled.incrementAndGet();
            log.info("Loaded the Raft snapshot at sequence {} from {}", sequence, reader.getPath());
            return true;
        } catch (Exception e) {
            log.error("Loading the Raft snapshot in {} failed", reader.getPath(), e);
            return false;
        }
    }

    @Override
    public void onLeaderStart(long newTerm) {
        term = newTerm;
        leader = true;
        leaderlessSinceNanos = 0;
        log.info("This member leads the group {} in term {}", group, newTerm);
    }

    @Override
    public void onLeaderStop(Status status) {
        leader = false;
        leaderlessSinceNanos = System.nanoTime();
        knownLeader = null;
        log.info("This member stopped leading the group {}: {}", group, status);
    }

    @Override
    public void onStartFollowing(LeaderChangeContext context) {
        term = context.getTerm();
        knownLeader = context.getLeaderId() == null ? null : context.getLeaderId().getEndpoint().toString();
        leaderlessSinceNanos = 0;
    }

    @Override
    public void onStopFollowing(LeaderChangeContext context) {
        knownLeader = null;
        leaderlessSinceNanos = System.nanoTime();
    }

    @Override
    public void onError(RaftException e) {
        failure = e;
        log.error("The Raft node of group {} failed; this member no longer applies its entries", group, e);
    }

    long term() {
        return term;
    }

    Throwable failure() {
        return failure;
    }

    SnapshotInfo lastSnapshot() {
        return lastSnapshot;
    }

    long snapshotsInstalled() {
        return snapshotsInstalled.get();
    }

    /** How long this member has had no leader, in milliseconds; 0 while it has one or leads. */
    long leaderlessMillis() {
        long since = leaderlessSinceNanos;
        return since == 0 ? 0 : (System.nanoTime() - since) / 1_000_000;
    }
}
