package dev.lithair.store;

import static dev.lithair.support.Entities.fastOptions;
import static dev.lithair.support.Entities.putProduct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.annotation.Immutable;
import dev.lithair.exception.ImmutableFieldException;
import dev.lithair.model.EntityModel;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.CommitResult;
import dev.lithair.store.spi.CommitTrace;
import dev.lithair.store.spi.Operation;

/** A commit's trace is told, on the committing thread, how long that commit waited for its force. */
class CommitTraceTest {

    @TempDir
    Path tmp;

    /** Records each wait with the thread that reported it. */
    private static final class Recording implements CommitTrace {
        final List<Long> waits = new CopyOnWriteArrayList<>();
        final List<Thread> threads = new CopyOnWriteArrayList<>();

        @Override
        public void forceWaited(long forceWaitNanos) {
            waits.add(forceWaitNanos);
            threads.add(Thread.currentThread());
        }
    }

    @Test
    void aDurableCommitTellsItsTraceOnceOnTheCallingThreadAWaitWithinItsLatency() {
        // given
        Recording trace = new Recording();
        List<Long> latencies = new CopyOnWriteArrayList<>();
        try (LithairStore store = LithairStore.open(fastOptions(tmp).withFsyncPolicy(FsyncPolicy.ALWAYS))) {
            store.addObserver(new StoreObserver() {
                @Override
                public void committed(CommitResult result, long latencyNanos) {
                    latencies.add(latencyNanos);
                }
            });

            // when
            CommitResult result = store.commit(Commit.of(putProduct("p1", "Pen", 1), putProduct("p2", "Ink", 2)), trace);

            // then
            assertThat(result.events()).hasSize(2);
            assertThat(store.get("Product", "p2")).isPresent();
            assertThat(trace.threads).containsExactly(Thread.currentThread());
            assertThat(trace.waits).singleElement().satisfies(wait -> {
                assertThat(wait).isPositive();
                assertThat(wait).isLessThanOrEqualTo(latencies.get(0));
            });
        }
    }

    @Test
    void aDuplicateCommitIsTracedToo() {
        // given
        Recording trace = new Recording();
        try (LithairStore store = LithairStore.open(fastOptions(tmp))) {
            Commit payment = Commit.of(putProduct("p1", "Pen", 1)).withIdempotencyKey("order-1");
            store.commit(payment);

            // when
            CommitResult again = store.commit(payment, trace);

            // then
            assertThat(again.duplicate()).isTrue();
            assertThat(trace.waits).singleElement().satisfies(wait -> assertThat(wait).isNotNegative());
        }
    }

    record Sku(String id, @Immutable String code) {
    }

    @Test
    void aRefusedCommitTellsItsTraceNothingAndChangesNothing() {
        // given
        Recording trace = new Recording();
        try (LithairStore store = LithairStore.open(fastOptions(tmp),
                List.of(EntityModel.of(Sku.class, HistoryPolicy.NONE)))) {
            store.commit(Commit.of(new Operation.Put("Sku", "s1", new Sku("s1", "A"))));

            // when
            assertThatThrownBy(() -> store.commit(Commit.of(new Operation.Put("Sku", "s1", new Sku("s1", "B"))), trace))
                    .isInstanceOf(ImmutableFieldException.class);

            // then
            assertThat(trace.waits).isEmpty();
            assertThat(store.get("Sku", "s1").orElseThrow().get("code").asString()).isEqualTo("A");
        }
    }
}
