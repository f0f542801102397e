package dev.lithair.store;

import java.util.concurrent.CompletableFuture;

import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.CommitResult;

/** A commit whose caller holds a future: completed by whichever thread learns the commit's outcome first. */
final class AsyncCommit extends PendingCommit {

    final CompletableFuture<CommitResult> future = new CompletableFuture<>();

    AsyncCommit(Commit commit, StoreObserver observer) {
        super(commit, observer);
    }

    @Override
    public void durable() {
        if (rejectionWithGroup != null) {
            reject(rejectionWithGroup);
            return;
        }
        // Observed first, so that what the observer records is visible once the future completes.
        observer.committed(result, System.nanoTime() - submittedNanos);
        future.complete(result);
    }

    @Override
    public void failed(Throwable cause) {
        future.completeExceptionally(notDurable(cause));
    }

    @Override
    void reject(RuntimeException rejected) {
        future.completeExceptionally(rejected);
    }
}
