package dev.lithair.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.node.JsonNodeFactory;

/** A blocking caller is told its commit's outcome by another thread, whether it has parked yet or not. */
class BlockingCommitTest {

    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    private final List<CommitResult> observed = new CopyOnWriteArrayList<>();
    private final StoreObserver observer = new StoreObserver() {
        @Override
        public void committed(CommitResult result, long latencyNanos) {
            observed.add(result);
        }
    };

    private BlockingCommit newCommit() {
        return new BlockingCommit(Commit.of(new Operation.Put("Reading", "r-1", JsonNodeFactory.instance.objectNode())),
                observer);
    }

    @Test
    void aCallerAlreadyParkedIsWokenWithItsResultAndObservesItBeforeReturning() throws Exception {
        // given a caller waiting for its commit
        BlockingCommit pending = newCommit();
        CommitResult result = new CommitResult(7, false, List.of());
        pending.result = result;
        Thread caller = Thread.currentThread();
        Thread teller = new Thread(() -> {
            // when another thread tells it durable once the caller is parked on it (or after a while anyway)
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (LockSupport.getBlocker(caller) != pending && System.nanoTime() < giveUp) {
                Thread.onSpinWait();
            }
            pending.durable();
        });
        teller.start();

        // then the caller gets the result, and the observer saw it before await returned
        assertThat(pending.await(MINUTE)).isSameAs(result);
        assertThat(observed).containsExactly(result);
        teller.join();
    }

    @Test
    void anOutcomeToldBeforeTheCallerWaitsIsReturnedWithoutParking() {
        // given a commit told durable on the caller's own thread (a lone committer that forced it)
        BlockingCommit pending = newCommit();
        CommitResult result = new CommitResult(3, true, List.of());
        pending.result = result;
        pending.durable();

        // when / then
        assertThat(pending.await(MINUTE)).isSameAs(result);
        assertThat(observed).containsExactly(result);
    }

    @Test
    void aRejectionIsThrownAsItIsAndIsNotObserved() {
        // given
        BlockingCommit pending = newCommit();
        VersionConflictException conflict = new VersionConflictException("Reading", "r-1", "version", 1, 2);

        // when
        pending.reject(conflict);

        // then
        assertThatThrownBy(() -> pending.await(MINUTE)).isSameAs(conflict);
        assertThat(observed).isEmpty();
    }

    @Test
    void aFailedForceIsThrownAsStoreUnavailableWithItsCause() {
        // given
        BlockingCommit pending = newCommit();
        IOException diskFull = new IOException("no space left on device");

        // when
        pending.failed(diskFull);

        // then
        assertThatThrownBy(() -> pending.await(MINUTE)).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("commit not durable").hasMessageContaining("no space left on device")
                .hasCause(diskFull);
    }

    @Test
    void anInterruptedCallerGivesUpWithStoreUnavailableAndKeepsItsInterrupt() {
        // given a caller whose thread is interrupted while its commit is still pending
        BlockingCommit pending = newCommit();
        Thread.currentThread().interrupt();
        try {
            // when / then
            assertThatThrownBy(() -> pending.await(MINUTE)).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aCallerWithoutAnAnswerGivesUpAfterItsTimeout() {
        // given a commit nobody tells
        BlockingCommit pending = newCommit();

        // when / then
        assertThatThrownBy(() -> pending.await(TimeUnit.MILLISECONDS.toNanos(1)))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("did not answer");
        assertThat(observed).isEmpty();
    }

    @Test
    void aCommitThatBecomesDurableAfterItsCallerGaveUpIsStillObservedOnce() {
        // given a caller that gave up waiting
        BlockingCommit pending = newCommit();
        CommitResult result = new CommitResult(9, false, List.of());
        pending.result = result;
        assertThatThrownBy(() -> pending.await(TimeUnit.MILLISECONDS.toNanos(1)))
                .isInstanceOf(StoreUnavailableException.class);

        // when the store makes the commit durable afterwards
        pending.durable();

        // then the teller observed it, once
        assertThat(observed).containsExactly(result);
    }
}
