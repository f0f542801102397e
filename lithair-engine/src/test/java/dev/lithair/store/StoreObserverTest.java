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
import dev.lithair.exception.StoreUnavailableException;
import dev.lithair.model.EntityModel;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.CommitResult;
import dev.lithair.store.spi.Operation;
import dev.lithair.store.spi.SnapshotInfo;

/** Observers see every acknowledged commit and every snapshot, and can never disturb the store. */
class StoreObserverTest {

    @TempDir
    Path tmp;

    /** Records what it is notified of. */
    private static final class Recording implements StoreObserver {
        final List<CommitResult> commits = new CopyOnWriteArrayList<>();
        final List<Long> latencies = new CopyOnWriteArrayList<>();
        final List<SnapshotInfo> snapshots = new CopyOnWriteArrayList<>();

        @Override
        public void committed(CommitResult result, long latencyNanos) {
            commits.add(result);
            latencies.add(latencyNanos);
        }

        @Override
        public void snapshotWritten(SnapshotInfo info) {
            snapshots.add(info);
        }
    }

    @Test
    void anObserverIsToldOfEachCommitBeforeTheCallerReturnsWithItsEventsAndLatency() {
        // given
        Recording observer = new Recording();
        try (LithairStore store = LithairStore.open(fastOptions(tmp).withFsyncPolicy(FsyncPolicy.ALWAYS))) {
            store.addObserver(observer);

            // when
            CommitResult one = store.commit(Commit.of(putProduct("p1", "Pen", 1), putProduct("p2", "Ink", 2)));
            CommitResult two = store.commit(Commit.of(putProduct("p3", "Pad", 3)));

            // then
            assertThat(observer.commits).containsExactly(one, two);
            assertThat(observer.commits.get(0).events()).hasSize(2);
            assertThat(observer.latencies).allSatisfy(nanos -> assertThat(nanos).isPositive());
        }
    }

    @Test
    void aDuplicateIsObservedAsADuplicateWithoutEvents() {
        // given
        Recording observer = new Recording();
        try (LithairStore store = LithairStore.open(fastOptions(tmp))) {
            store.addObserver(observer);
            Commit payment = Commit.of(putProduct("p1", "Pen", 1)).withIdempotencyKey("order-1");
            store.commit(payment);

            // when
            store.commit(payment);

            // then
            assertThat(observer.commits).hasSize(2);
            assertThat(observer.commits.get(1).duplicate()).isTrue();
            assertThat(observer.commits.get(1).events()).isEmpty();
        }
    }

    @Test
    void aCommitThatChangesNothingIsObservedWithoutEvents() {
        // given
        Recording observer = new Recording();
        try (LithairStore store = LithairStore.open(fastOptions(tmp))) {
            store.addObserver(observer);

            // when
            store.commit(Commit.of(new Operation.Delete("Product", "absent")));

            // then
            assertThat(observer.commits).singleElement().satisfies(result -> assertThat(result.events()).isEmpty());
        }
    }

    record Sku(String id, @Immutable String code) {
    }

    @Test
    void aRejectedCommitIsNotObserved() {
        // given
        Recording observer = new Recording();
        try (LithairStore store = LithairStore.open(fastOptions(tmp),
                List.of(EntityModel.of(Sku.class, HistoryPolicy.NONE)))) {
            store.commit(Commit.of(new Operation.Put("Sku", "s1", new Sku("s1", "A"))));
            store.addObserver(observer);

            // when
            assertThatThrownBy(() -> store.commit(Commit.of(new Operation.Put("Sku", "s1", new Sku("s1", "B")))))
                    .isInstanceOf(ImmutableFieldException.class);

            // then
            assertThat(observer.commits).isEmpty();
        }
    }

    @Test
    void snapshotsOnDemandByCompactionAndEveryNEventsAreObservedBeforeTheirFutureCompletes() {
        // given
        Recording observer = new Recording();
        try (LithairStore store = LithairStore.open(fastOptions(tmp).withSnapshotEveryEvents(2))) {
            store.addObserver(observer);
            store.commit(Commit.of(putProduct("p1", "Pen", 1)));
            store.commit(Commit.of(putProduct("p2", "Ink", 2)));

            // when
            SnapshotInfo onDemand = store.snapshot().join();
            SnapshotInfo compacted = store.compact().join();

            // then
            assertThat(observer.snapshots).contains(onDemand, compacted);
            assertThat(observer.snapshots).extracting(SnapshotInfo::sequence).allSatisfy(seq -> assertThat(seq)
                    .isEqualTo(2));
        }
    }

    @Test
    void anObserverThatThrowsChangesNothingForTheCallerNorForOtherObservers() {
        // given
        Recording healthy = new Recording();
        try (LithairStore store = LithairStore.open(fastOptions(tmp))) {
            store.addObserver(new StoreObserver() {
                @Override
                public void committed(CommitResult result, long latencyNanos) {
                    throw new IllegalStateException("broken observer");
                }

                @Override
                public void snapshotWritten(SnapshotInfo info) {
                    throw new IllegalStateException("broken observer");
                }
            });
            store.addObserver(healthy);

            // when
            CommitResult result = store.commit(Commit.of(putProduct("p1", "Pen", 1)));
            SnapshotInfo snapshot = store.snapshot().join();

            // then
            assertThat(result.events()).hasSize(1);
            assertThat(store.get("Product", "p1")).isPresent();
            assertThat(healthy.commits).containsExactly(result);
            assertThat(healthy.snapshots).containsExactly(snapshot);
        }
    }

    @Test
    void aRemovedObserverIsNoLongerTold() {
        // given
        Recording observer = new Recording();
        try (LithairStore store = LithairStore.open(fastOptions(tmp))) {
            store.addObserver(observer);
            store.commit(Commit.of(putProduct("p1", "Pen", 1)));

            // when
            store.removeObserver(observer);
            store.commit(Commit.of(putProduct("p2", "Ink", 2)));

            // then
            assertThat(observer.commits).hasSize(1);
        }
    }

    @Test
    void aStoreReportsWhetherItIsClosedAndHasNoHaltCauseWhileHealthy() {
        // given
        LithairStore store = LithairStore.open(fastOptions(tmp));

        // then
        assertThat(store.isClosed()).isFalse();
        assertThat(store.haltCause()).isEmpty();

        // when
        store.close();

        // then
        assertThat(store.isClosed()).isTrue();
        assertThatThrownBy(() -> store.commit(Commit.of(putProduct("p1", "Pen", 1))))
                .isInstanceOf(StoreUnavailableException.class);
    }
}
