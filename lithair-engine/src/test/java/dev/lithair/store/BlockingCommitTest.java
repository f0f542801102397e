package dev.lithair.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import tools.jackson.databind.node.JsonNodeFactory;

import dev.lithair.exception.StoreUnavailableException;
import dev.lithair.exception.VersionConflictException;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.CommitResult;
import dev.lithair.store.spi.Operation;
import dev.lithair.testsupport.Awaits;

/** A blocking caller receives its commit's outcome from another thread, whether it has parked yet or not. */
class BlockingCommitTest {

    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);
    private static final long NO_YIELD = 0;

    private final List<CommitResult> observed = new CopyOnWriteArrayList<>();
    private final List<Thread> observedBy = new CopyOnWriteArrayList<>();
    private final StoreObserver observer = new StoreObserver() {
        @Override
        public void committed(CommitResult result, long latencyNanos) {
            observed.add(result);
            observedBy.add(Thread.currentThread());
        }
    };

    private BlockingCommit newCommit() {
        return new BlockingCommit(Commit.of(new Operation.Put("Reading", "r-1", JsonNodeFactory.instance.objectNode())),
                observer, null);
    }

    @Test
    void aCallerAlreadyParkedIsWokenWithItsResultAndObservesItBeforeReturning() throws Exception {
        // given a caller waiting for its commit
        BlockingCommit pending = newCommit();
        CommitResult result = new CommitResult(7, false, List.of());
        pending.result = result;
        Thread caller = Thread.currentThread();
        Thread completer = new Thread(() -> {
            // when another thread completes it as durable once the caller is parked on it (or after a while anyway)
            Awaits.within(Duration.ofSeconds(10), Duration.ofMillis(1), () -> LockSupport.getBlocker(caller) == pending);
            pending.durable();
        });
        completer.start();

        // then the caller gets the result, and the observer saw it before await returned
        assertThat(pending.await(MINUTE, NO_YIELD)).isSameAs(result);
        assertThat(observed).containsExactly(result);
        completer.join();
    }

    /**
     * Waits (at most ten seconds) until {@code caller} is yielding inside {@link BlockingCommit#await},
     * seen in its stack: {@code Thread.yield} called from {@code await}.
     */
    private static boolean seenYieldingInAwait(Thread caller) {
        return Awaits.within(Duration.ofSeconds(10), Duration.ofMillis(1), () -> yieldingInAwait(caller));
    }

    /** Whether {@code caller}'s stack shows it in {@code Thread.yield} called from {@link BlockingCommit#await}. */
    private static boolean yieldingInAwait(Thread caller) {
        StackTraceElement[] stack = caller.getStackTrace();
        for (int i = 0; i + 1 < stack.length; i++) {
            if (stack[i].getClassName().equals(Thread.class.getName()) && stack[i].getMethodName().equals("yield")
                    && stack[i + 1].getClassName().equals(BlockingCommit.class.getName())
                    && stack[i + 1].getMethodName().equals("await")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Starts a thread that, once {@code caller} is seen yielding in {@code await} and not parked, says so in
     * {@code seenYielding} and runs {@code action}.
     */
    private static Thread onceYielding(Thread caller, AtomicBoolean seenYielding, Runnable action) {
        Thread thread = new Thread(() -> {
            seenYielding.set(seenYieldingInAwait(caller) && LockSupport.getBlocker(caller) == null);
            action.run();
        });
        thread.start();
        return thread;
    }

    @Test
    @Timeout(30) // the caller would otherwise yield for its whole minute
    void anOutcomeCompletedWhileTheCallerYieldsIsReturnedAndObservedOnceByTheCaller() throws Exception {
        // given a caller yielding for up to a minute before it would park
        BlockingCommit pending = newCommit();
        CommitResult result = new CommitResult(5, false, List.of());
        pending.result = result;
        Thread caller = Thread.currentThread();
        AtomicBoolean completedWhileYielding = new AtomicBoolean();
        // when another thread completes it as durable while it is yielding, not parked
        Thread completer = onceYielding(caller, completedWhileYielding, pending::durable);

        // then the caller gets the result at once, and observed it itself, once
        assertThat(pending.await(2 * MINUTE, MINUTE)).isSameAs(result);
        completer.join();
        assertThat(completedWhileYielding).isTrue();
        assertThat(observed).containsExactly(result);
        assertThat(observedBy).containsExactly(caller);
    }

    @Test
    @Timeout(30) // the caller would otherwise yield for its whole minute before timing out
    void aTimeoutShorterThanTheYieldBoundStillTimesOut() {
        // given a commit nobody completes, awaited with a timeout far shorter than the yield bound
        BlockingCommit pending = newCommit();

        // when / then the caller gives up after its timeout, as without yielding
        assertThatThrownBy(() -> pending.await(TimeUnit.MILLISECONDS.toNanos(1), MINUTE))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("did not answer")
                .hasCauseInstanceOf(TimeoutException.class);
        assertThat(observed).isEmpty();
    }

    @Test
    @Timeout(30) // the caller would otherwise yield for its whole minute before looking at the interrupt
    void aCallerInterruptedWhileYieldingGivesUpKeepsItsInterruptAndLeavesTheOutcomeToTheCompletingThread() throws Exception {
        // given a caller yielding for up to a minute before it would park
        BlockingCommit pending = newCommit();
        CommitResult result = new CommitResult(11, false, List.of());
        pending.result = result;
        Thread caller = Thread.currentThread();
        AtomicBoolean interruptedWhileYielding = new AtomicBoolean();
        // when its thread is interrupted while it yields
        Thread interrupter = onceYielding(caller, interruptedWhileYielding, caller::interrupt);
        Throwable thrown = catchThrowable(() -> pending.await(2 * MINUTE, MINUTE));
        boolean interruptKept = Thread.interrupted();
        interrupter.join();

        // then it gives up like a parked caller: StoreUnavailable, interrupt kept
        assertThat(thrown).isInstanceOf(StoreUnavailableException.class).hasMessageContaining("interrupted");
        assertThat(interruptKept).isTrue();
        assertThat(interruptedWhileYielding).isTrue();

        // and when the commit becomes durable afterwards, the thread completing it observes it, once
        pending.durable();
        assertThat(observed).containsExactly(result);
    }

    @Test
    void anOutcomeCompletedBeforeTheCallerWaitsIsReturnedWithoutParking() {
        // given a commit completed as durable on the caller's own thread (a lone committer that forced it)
        BlockingCommit pending = newCommit();
        CommitResult result = new CommitResult(3, true, List.of());
        pending.result = result;
        pending.durable();

        // when / then
        assertThat(pending.await(MINUTE, NO_YIELD)).isSameAs(result);
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
        assertThatThrownBy(() -> pending.await(MINUTE, NO_YIELD)).isSameAs(conflict);
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
        assertThatThrownBy(() -> pending.await(MINUTE, NO_YIELD)).isInstanceOf(StoreUnavailableException.class)
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
            assertThatThrownBy(() -> pending.await(MINUTE, NO_YIELD)).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aCallerWithoutAnAnswerGivesUpAfterItsTimeout() {
        // given a commit nobody completes
        BlockingCommit pending = newCommit();

        // when / then
        assertThatThrownBy(() -> pending.await(TimeUnit.MILLISECONDS.toNanos(1), NO_YIELD))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("did not answer");
        assertThat(observed).isEmpty();
    }

    @Test
    void aCommitThatBecomesDurableAfterItsCallerGaveUpIsStillObservedOnce() {
        // given a caller that gave up waiting
        BlockingCommit pending = newCommit();
        CommitResult result = new CommitResult(9, false, List.of());
        pending.result = result;
        assertThatThrownBy(() -> pending.await(TimeUnit.MILLISECONDS.toNanos(1), NO_YIELD))
                .isInstanceOf(StoreUnavailableException.class);

        // when the store makes the commit durable afterwards
        pending.durable();

        // then the completing thread observed it, once
        assertThat(observed).containsExactly(result);
    }
}
