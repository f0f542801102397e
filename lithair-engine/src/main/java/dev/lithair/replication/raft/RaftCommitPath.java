package dev.lithair.replication.raft;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.closure.ReadIndexClosure;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.entity.Task;
import com.alipay.sofa.jraft.error.RaftError;
import com.alipay.sofa.jraft.rpc.RpcClient;

import dev.lithair.backup.BackupInfo;
import dev.lithair.exception.MalformedEntryException;
import dev.lithair.exception.StoreUnavailableException;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.CommitPath;
import dev.lithair.store.spi.CommitResult;
import dev.lithair.store.spi.CommitWait;
import dev.lithair.store.spi.ReadConsistency;
import dev.lithair.store.spi.SnapshotInfo;
import dev.lithair.store.spi.StoreReplica;
import dev.lithair.store.spi.StoreStats;

/**
 * Commits through Raft. On the leader a commit becomes part of one Raft task (concurrent commits share
 * a task), its outcome known once the
 * entry is applied here (the same typed exception a single node throws when it is rejected). On a
 * follower the encoded entry is forwarded to the leader, whose outcome is returned once this member
 * has applied the entry too, so a caller reads its own write on the member it wrote to.
 *
 * <p>Back-pressure: at most {@code maxInFlight} proposals of this member wait for their entries; a
 * proposer beyond that waits for a slot. Thread-safe.
 */
final class RaftCommitPath implements CommitPath {

    /** Pause between two ReadIndex attempts while the cluster has no leader able to confirm reads. */
    private static final long READ_INDEX_RETRY_MILLIS = 20;

    private final RaftGroup group;
    private final StoreReplica replica;
    private final LithairStateMachine stateMachine;
    private final RpcClient rpcClient;
    private final ExecutorService forwarders;
    private final RaftClusterOptions options;
    private final int maxInFlight;
    private final Semaphore inFlight;
    private final OutcomeCodec outcomes;
    private final ConcurrentLinkedQueue<Queued> queued = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean handingOver = new AtomicBoolean();
    /** Commits handed to Raft whose closure has not run yet. */
    private final AtomicInteger withRaft = new AtomicInteger();
    private volatile Node node;
    /** When this member last proposed a commit (its own or a forwarded one). */
    private volatile long lastProposalNanos = System.nanoTime();

    /** Most commits in one Raft task, and the size beyond which a task takes no more. */
    private static final int MAX_BATCH = 256;
    private static final int MAX_BATCH_BYTES = 256 * 1024;

    private record Queued(byte[] entry, Proposal proposal) {
    }

    /**
     * @param group        the group it commits through, on a started member
     * @param replica      the store the group's entries are applied to
     * @param stateMachine the group's state machine
     * @param maxInFlight  the most proposals of this member waiting for their entries
     */
    RaftCommitPath(RaftGroup group, StoreReplica replica, LithairStateMachine stateMachine, int maxInFlight) {
        this.group = group;
        this.replica = replica;
        this.stateMachine = stateMachine;
        this.rpcClient = group.member().rpcClient();
        this.forwarders = group.member().forwarders();
        this.options = group.member().options();
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
        this.outcomes = new OutcomeCodec(replica.valueLimits());
    }

    void started(Node started) {
        this.node = started;
    }

    OutcomeCodec outcomes() {
        return outcomes;
    }

    boolean isLeader() {
        Node current = node;
        return current != null && current.isLeader();
    }

    String self() {
        return options.self();
    }

    /** Proposals this member may still start before proposers wait (back-pressure), for monitoring and tests. */
    int freeSlots() {
        return inFlight.availablePermits();
    }

    @Override
    public CommitResult commit(Commit commit) {
        group.committingLocally();
        byte[] entry = replica.encode(commit);
        if (isLeader()) {
            try {
                return await(propose(entry));
            } catch (NotAppendedException leadershipMoved) {
                return forward(entry);
            }
        }
        return forward(entry);
    }

    @Override
    public CompletableFuture<CommitResult> commitAsync(Commit commit) {
        group.committingLocally();
        byte[] entry;
        try {
            entry = replica.encode(commit);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (isLeader()) {
            return propose(entry).exceptionallyCompose(error -> {
                Throwable cause = error instanceof CompletionException completion ? completion.getCause() : error;
                return cause instanceof NotAppendedException
                        ? CompletableFuture.supplyAsync(() -> forward(entry), forwarders)
                        : CompletableFuture.failedFuture(cause);
            });
        }
        return CompletableFuture.supplyAsync(() -> forward(entry), forwarders);
    }

    /**
     * Proposes an entry on this member, which should lead; the future completes when it is applied here.
     * Entries proposed while another thread hands a task to Raft are queued, and that thread (or the
     * next proposer) hands them over together as one task: a caller never waits for other callers' work
     * beyond the task it takes part in.
     */
    CompletableFuture<CommitResult> propose(byte[] entry) {
        try {
            if (!inFlight.tryAcquire(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                return CompletableFuture.failedFuture(new StoreUnavailableException("more than "
                        + maxInFlight + " commits waiting for replication for "
                        + options.requestTimeout().toMillis() + " ms", null));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(new StoreUnavailableException("interrupted", e));
        }
        lastProposalNanos = System.nanoTime();
        Proposal proposal = new Proposal(inFlight::release);
        queued.add(new Queued(entry, proposal));
        handOver();
        return proposal.future;
    }

    /** {@return nanoseconds since this member last proposed a commit, or since the path started} */
    long idleNanos() {
        return System.nanoTime() - lastProposalNanos;
    }

    /**
     * Proposes the control entry that puts the group to sleep on every member once applied; its outcome is
     * not awaited (a leader that lost its leadership meanwhile proposes nothing, and the new one decides).
     */
    void proposeDormant() {
        node.apply(new Task(ProposalBatch.dormantMarker(), status -> { }));
    }

    /**
     * Proposes an entry a follower forwarded, once it reads as a commit: a malformed one is refused to
     * its sender and never enters the log.
     */
    CompletableFuture<CommitResult> proposeForwarded(byte[] entry) {
        try {
            replica.requireReadable(entry);
        } catch (MalformedEntryException malformed) {
            return CompletableFuture.failedFuture(malformed);
        }
        return propose(entry);
    }

    /**
     * Hands everything queued to Raft, as tasks of up to {@link #MAX_BATCH} commits, unless another thread
     * does. An entry that cannot be proposed fails alone: its caller gets the error and its slot is freed,
     * and the entries around it go on.
     */
    private void handOver() {
        while (!queued.isEmpty() && handingOver.compareAndSet(false, true)) {
            try {
                Queued next;
                List<Queued> batch = new ArrayList<>();
                int bytes = 0;
                while ((next = queued.poll()) != null) {
                    if (next.entry() == null || next.entry().length == 0) {
                        next.proposal().notProposed(new MalformedEntryException("an empty entry cannot be proposed"));
                        continue;
                    }
                    batch.add(next);
                    bytes += next.entry().length;
                    if (batch.size() == MAX_BATCH || bytes >= MAX_BATCH_BYTES) {
                        submit(batch);
                        batch = new ArrayList<>();
                        bytes = 0;
                    }
                }
                if (!batch.isEmpty()) {
                    submit(batch);
                }
            } finally {
                handingOver.set(false);
            }
        }
    }

    /** Hands one batch to Raft as one task; if Raft does not take it, only its own proposals fail. */
    private void submit(List<Queued> batch) {
        List<byte[]> entries = new ArrayList<>(batch.size());
        List<Proposal> proposals = new ArrayList<>(batch.size());
        for (Queued queuedEntry : batch) {
            entries.add(queuedEntry.entry());
            proposals.add(queuedEntry.proposal());
        }
        int handed = proposals.size();
        try {
            withRaft.addAndGet(handed);
            node.apply(new Task(ProposalBatch.encode(entries),
                    new ProposalBatch(proposals, () -> withRaft.addAndGet(-handed))));
        } catch (RuntimeException e) {
            StoreUnavailableException notProposed = new StoreUnavailableException("the commit was not handed to Raft ("
                    + e + "); nothing of it is committed", e);
            proposals.forEach(proposal -> proposal.notProposed(notProposed));
        }
    }

    /**
     * Hands this group's leadership to {@code peer} once every commit handed to Raft here has its outcome.
     * A leader that steps down fails the commits still waiting for theirs ("Leader stepped down"), though
     * the member it hands over to holds their entries and commits them: a commit caught in the hand-over would
     * fail with its outcome unknown. Commits proposed meanwhile wait, then the node, transferring, refuses
     * them before appending them, and they go to the new leader.
     *
     * @param peer the member to lead next
     * @return JRaft's answer, or {@code EBUSY} when the waiting commits took longer than an election timeout
     */
    Status transferLeadershipTo(PeerId peer) {
        while (!handingOver.compareAndSet(false, true)) {
            LockSupport.parkNanos(PAUSE_NANOS);
        }
        try {
            long deadline = System.nanoTime() + options.electionTimeout().toNanos();
            while (withRaft.get() > 0) {
                if (System.nanoTime() - deadline > 0 || Thread.currentThread().isInterrupted()) {
                    return new Status(RaftError.EBUSY, "%d commit(s) still wait for their outcome", withRaft.get());
                }
                LockSupport.parkNanos(PAUSE_NANOS);
            }
            return node.transferLeadershipTo(peer);
        } finally {
            handingOver.set(false);
            handOver();
        }
    }

    /** How long a leadership hand-over waits between two looks at the commits it waits for. */
    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /**
     * Hands the entry to the leader and waits for its outcome, then for this member to apply it.
     * Retries only where the leader certainly did not take the entry: no leader known yet, the member
     * asked was not the leader, or the leader refused it before appending it (its leadership moving).
     */
    private CommitResult forward(byte[] entry) {
        long deadline = System.nanoTime() + options.requestTimeout().toNanos();
        while (true) {
            PeerId leader = group.awaitLeaderId(deadline);
            if (leader.getEndpoint().toString().equals(options.self())) {
                try {
                    return await(propose(entry));
                } catch (NotAppendedException leadershipMoved) {
                    if (System.nanoTime() > deadline) {
                        throw leadershipMoved;
                    }
                    RaftGroup.pause(20);
                    continue;
                }
            }
            Object response;
            try {
                long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                response = rpcClient.invokeSync(leader.getEndpoint(), group.forwardedWrite(entry), left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreUnavailableException("interrupted while forwarding a write to " + leader, e);
            } catch (Exception e) {
                throw new StoreUnavailableException("forwarding the write to the leader " + leader + " failed ("
                        + e.getMessage() + "): its outcome is unknown; retry it with the same idempotency key", e);
            }
            if (!(response instanceof ForwardedOutcome outcome)) {
                throw new StoreUnavailableException("the leader " + leader + " answered a forwarded write with "
                        + (response == null ? "nothing" : "a " + response.getClass().getName())
                        + ": its outcome is unknown; retry it with the same idempotency key", null);
            }
            CommitResult result;
            try {
                result = outcomes.read(outcome);
            } catch (OutcomeCodec.NotLeaderException notLeader) {
                if (System.nanoTime() > deadline) {
                    throw new StoreUnavailableException("no leader took the write within "
                            + options.requestTimeout().toMillis() + " ms", notLeader);
                }
                RaftGroup.pause(20);
                continue;
            }
            awaitApplied(result.sequence(), deadline);
            return result;
        }
    }

    private void awaitApplied(long sequence, long deadlineNanos) {
        try {
            stateMachine.awaitApplied(sequence, Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void awaitReadable(ReadConsistency consistency) {
        ReadConsistency wanted = consistency == null ? options.readConsistency() : consistency;
        if (wanted == ReadConsistency.LOCAL) {
            return;
        }
        // No leader yet, or a new leader that has not committed in its term, refuses ReadIndex for a
        // moment: the read waits for the cluster as a write does (up to the request timeout), since
        // failing at once would fail the first reads of a fresh cluster by chance.
        long deadline = System.nanoTime() + options.requestTimeout().toNanos();
        while (true) {
            Status status = await(confirmReadIndex());
            if (status.isOk()) {
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new StoreUnavailableException("a linearizable read could not be confirmed with the leader within "
                        + options.requestTimeout().toMillis() + " ms: " + status, null);
            }
            try {
                Thread.sleep(READ_INDEX_RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreUnavailableException("interrupted while waiting for the cluster", e);
            }
        }
    }

    /** One ReadIndex round: completes with its status, never exceptionally. */
    private CompletableFuture<Status> confirmReadIndex() {
        CompletableFuture<Status> confirmed = new CompletableFuture<>();
        node.readIndex(new byte[0], new ReadIndexClosure(options.requestTimeout().toMillis()) {
            @Override
            public void run(Status status, long index, byte[] context) {
                confirmed.complete(status);
            }
        });
        return confirmed;
    }

    @Override
    public CompletableFuture<SnapshotInfo> snapshot() {
        CompletableFuture<SnapshotInfo> taken = new CompletableFuture<>();
        node.snapshot(status -> {
            SnapshotInfo last = stateMachine.lastSnapshot();
            if (status.isOk()) {
                taken.complete(last != null ? last
                        : new SnapshotInfo(replica.lastSequence(), snapshotDirectory(), 0, 0, 0));
            } else {
                taken.completeExceptionally(new StoreUnavailableException("the Raft snapshot failed: " + status, null));
            }
        });
        return taken;
    }

    /**
     * Compacts this member: a Raft snapshot, then a second one, after which JRaft truncates the log up to
     * the first (it keeps the entries after the one but last snapshot for lagging followers), and the
     * storage purges the truncated entries from its files. Afterwards neither the Raft log nor a snapshot
     * of this member holds anything the state no longer holds (an erased entity's values, say). Other
     * members compact on their own.
     */
    @Override
    public CompletableFuture<SnapshotInfo> compact() {
        long applied = node.getLastAppliedLogIndex();
        return snapshot().thenCompose(first -> snapshot()).thenApplyAsync(second -> {
            awaitPurgedThrough(applied);
            return second;
        }, forwarders);
    }

    private void awaitPurgedThrough(long index) {
        Duration timeout = options.requestTimeout().multipliedBy(3);
        try {
            if (!group.logStorage().awaitPurgedBelow(index + 1, timeout)) {
                throw new StoreUnavailableException("the Raft log up to index " + index + " was not purged from its "
                        + "files within " + timeout.toSeconds() + " s after the snapshots; see the log", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for the Raft log to be purged", e);
        }
    }

    /**
     * Backs this member up: a Raft snapshot, then its file copied into a new backup folder (see
     * {@link MemberBackup}). The backup restores to the snapshot's sequence, and seeds a new cluster.
     */
    @Override
    public CompletableFuture<BackupInfo> backup(Path backupDirectory) {
        return snapshot().thenApplyAsync(taken -> MemberBackup.copyNewest(snapshotDirectory(),
                replica, backupDirectory), forwarders);
    }

    @Override
    public StoreStats stats() {
        SnapshotInfo last = stateMachine.lastSnapshot();
        return new StoreStats(replica.lastSequence(), last == null ? 0 : last.sequence(), replica.counts(),
                sizeOf(group.directory().resolve("log")), 0, replica.idempotencyKeys());
    }

    @Override
    public Optional<Throwable> haltCause() {
        return Optional.ofNullable(stateMachine.failure());
    }

    @Override
    public void close() {
        group.shutdown();
    }

    private Path snapshotDirectory() {
        return group.directory().resolve("snapshot");
    }

    /**
     * The bytes of the regular files under {@code directory}. RocksDB deletes files while it compacts, so a
     * file or folder that vanishes during the walk counts for nothing rather than failing the stats.
     */
    private static long sizeOf(Path directory) {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        long[] bytes = {0};
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        bytes[0] += attributes.size();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes[0];
    }

    private <T> T await(CompletableFuture<T> future) {
        return CommitWait.await(future, options.requestTimeout().multipliedBy(3), "the cluster",
                "; the commit's outcome is unknown");
    }
}
