package dev.lithair.store;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.lithair.exception.StoreUnavailableException;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.CommitResult;

/**
 * The bound on {@link LithairStore#commitAsync asynchronous commits} not yet answered, whatever path
 * they take (the local writer's queue, or replication). A commit past the bound waits for an answer
 * to make room, up to a set time, then its future fails with {@link StoreUnavailableException}: the
 * caller learns that commits arrive faster than the store makes them durable, instead of the store
 * queueing them until memory runs out.
 *
 * <p>Thread-safe.
 */
final class PendingAsyncCommits {

    private final int max;
    private final Duration wait;
    private final Semaphore room;

    PendingAsyncCommits(int max, Duration wait) {
        this.max = max;
        this.wait = wait;
        this.room = new Semaphore(max);
    }

    /** Hands {@code commit} to {@code path} once there is room; the room is given back when its future completes. */
    CompletableFuture<CommitResult> submit(Commit commit, Function<Commit, CompletableFuture<CommitResult>> path) {
        if (!takeRoom()) {
            return CompletableFuture.failedFuture(new StoreUnavailableException(max
                    + " asynchronous commits are pending and none was answered within " + wait
                    + ": commits arrive faster than the store makes them durable", null));
        }
        CompletableFuture<CommitResult> future;
        try {
            future = path.apply(commit);
        } catch (RuntimeException | Error e) {
            room.release();
            throw e;
        }
        // The caller's future completes only once the room is back: completing it first let a caller that saw its
        // commit answered find the room still taken by it.
        CompletableFuture<CommitResult> answered = new CompletableFuture<>();
        future.whenComplete((result, failure) -> {
            room.release();
            if (failure != null) {
                answered.completeExceptionally(failure);
            } else {
                answered.complete(result);
            }
        });
        return answered;
    }

    /** Commits pending now, for monitoring and tests. */
    int pending() {
        return max - room.availablePermits();
    }

    private boolean takeRoom() {
        if (room.tryAcquire()) {
            return true;
        }
        try {
            return room.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
