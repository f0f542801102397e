package dev.lithair.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lithair.exception.StoreUnavailableException;
import dev.lithair.exception.ValueLimitException;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.CommitResult;
import dev.lithair.support.Entities;

/**
 * {@code commitAsync} has a bounded queue (issue 16, point 6): past {@code maxPendingAsyncCommits}
 * unanswered commits, a caller waits up to {@code asyncCommitWait} for room, then gets
 * {@link StoreUnavailableException} and its commit is not queued.
 */
class AsyncCommitBudgetTest {

    @TempDir
    Path dir;

    /** Holds the first acknowledgement until released: that commit stays pending meanwhile. */
    private final CountDownLatch acknowledging = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private LithairStore store;

    private LithairStore open(int maxPending, Duration wait) {
        store = LithairStore.open(Entities.fastOptions(dir).withAsyncCommitQueue(maxPending, wait));
        store.addObserver(new StoreObserver() {
            @Override
            public void committed(CommitResult result, long latencyNanos) {
                acknowledging.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        return store;
    }

    @AfterEach
    void close() {
        release.countDown();
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aCommitPastTheBoundFailsAtOnceWhenNoWaitIsAllowedAndIsNotQueued() throws Exception {
        open(1, Duration.ZERO);
        CompletableFuture<CommitResult> first = store.commitAsync(Entities.createProduct("p1", "Lamp", 10));
        assertThat(acknowledging.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<CommitResult> second = store.commitAsync(Entities.createProduct("p2", "Desk", 20));

        assertThat(second).isCompletedExceptionally();
        assertThat(second.handle((result, failure) -> failure).join())
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessage("1 asynchronous commits are pending and none was answered within PT0S: commits arrive "
                        + "faster than the store makes them durable");
        release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS).sequence()).isEqualTo(1);
        assertThat(store.commitAsync(Entities.createProduct("p3", "Chair", 30)).get(30, TimeUnit.SECONDS)
                .sequence()).isEqualTo(2);
        assertThat(store.get("Product", "p2")).isEmpty();
        assertThat(store.count("Product")).isEqualTo(2);
    }

    @Test
    void aCommitPastTheBoundWaitsForRoomAndGoesThroughOnceAnEarlierOneIsAnswered() throws Exception {
        open(1, Duration.ofSeconds(30));
        CompletableFuture<CommitResult> first = store.commitAsync(Entities.createProduct("p1", "Lamp", 10));
        assertThat(acknowledging.await(30, TimeUnit.SECONDS)).isTrue();
        AtomicReference<CompletableFuture<CommitResult>> second = new AtomicReference<>();
        Thread caller = new Thread(() -> second.set(store.commitAsync(Entities.createProduct("p2", "Desk", 20))));
        caller.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> caller.getState() == Thread.State.TIMED_WAITING);
        assertThat(second.get()).isNull();

        release.countDown();

        first.get(30, TimeUnit.SECONDS);
        caller.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(second.get().get(30, TimeUnit.SECONDS).sequence()).isEqualTo(2);
        assertThat(store.count("Product")).isEqualTo(2);
    }

    @Test
    void rejectedAndFailedCommitsGiveTheirRoomBack() throws Exception {
        release.countDown();
        open(2, Duration.ZERO);
        for (int i = 0; i < 10; i++) {
            CompletableFuture<CommitResult> refused = store.commitAsync(
                    new Commit("k".repeat(300), null, java.util.List.of(Entities.putProduct("p" + i, "Lamp", i))));
            assertThat(refused.handle((result, failure) -> failure).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ValueLimitException.class);
        }

        assertThat(store.commitAsync(Entities.createProduct("p1", "Lamp", 10)).get(30, TimeUnit.SECONDS)).isNotNull();
        assertThat(store.commitAsync(Entities.createProduct("p2", "Desk", 20)).get(30, TimeUnit.SECONDS)).isNotNull();
    }
}
