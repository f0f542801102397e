package dev.lithair.replication.raft;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Status;

import dev.lithair.exception.StoreUnavailableException;
import dev.lithair.store.spi.CommitResult;

/**
 * A commit this member proposed, waiting for its entry to be applied. The state machine records the
 * outcome ({@link #applied} or {@link #rejected}) on the apply thread, then Raft runs the closure with
 * {@code OK}; a failed status means the entry may or may not be committed later (a leader change), which
 * the caller resolves by retrying with the same idempotency key.
 */
final class Proposal implements Closure {

    final CompletableFuture<CommitResult> future = new CompletableFuture<>();
    final long proposedNanos = System.nanoTime();
    private final Runnable release;
    private final AtomicBoolean released = new AtomicBoolean();
    private CommitResult result;
    private RuntimeException rejection;

    Proposal(Runnable release) {
        this.release = release;
    }

    void applied(CommitResult applied) {
        this.result = applied;
    }

    void rejected(RuntimeException cause) {
        this.rejection = cause;
    }

    /** Fails a proposal that never reached Raft: its slot is freed and its caller gets {@code cause}. */
    void notProposed(RuntimeException cause) {
        release();
        future.completeExceptionally(cause);
    }

    private void release() {
        if (released.compareAndSet(false, true)) {
            release.run();
        }
    }

    @Override
    public void run(Status status) {
        release();
        if (!status.isOk()) {
            future.completeExceptionally(NotAppendedException.refusedBeforeAppending(status)
                    ? new NotAppendedException(status)
                    : new StoreUnavailableException("the commit's outcome is unknown (" + status
                            + "); retry it with the same idempotency key, which applies it at most once", null));
        } else if (rejection != null) {
            future.completeExceptionally(rejection);
        } else {
            future.complete(result);
        }
    }
}
