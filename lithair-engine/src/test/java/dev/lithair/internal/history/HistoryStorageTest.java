package dev.lithair.internal.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lithair.annotation.Historize;
import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.history.FieldChange;
import dev.lithair.model.EntityModel;
import dev.lithair.store.FsyncPolicy;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.CommitResult;
import dev.lithair.store.spi.Operation;
import dev.lithair.testsupport.TestDirectories;

/** Retention shrinks the disk: what no policy keeps is gone once the store is compacted. */
class HistoryStorageTest {

    static final int ENTITIES = 10_000;
    static final int UPDATES = 50;
    static final int BATCH = 1_000;

    record FullCounter(String id, @Historize(HistoryPolicy.FULL) long value) {
    }

    record RecentCounter(String id, @Historize(versions = 3) long value) {
    }

    @TempDir
    Path full;

    @TempDir
    Path recent;

    /** Bytes on disk after compaction, and changes retained in memory. */
    record Footprint(long bytes, long retainedChanges) {
    }

    @Test
    void tenThousandEntitiesUpdatedFiftyTimesKeepingThreeVersionsNeedAtLeastFiveTimesLessDiskThanFullHistory() {
        long started = System.nanoTime();
        // Two stores, two writers: loaded side by side.
        CompletableFuture<Footprint> loadingFull = CompletableFuture.supplyAsync(
                () -> loadAndCompact(full, FullCounter.class, FullCounter::new));
        Footprint threeVersions = loadAndCompact(recent, RecentCounter.class, RecentCounter::new);
        Footprint fullHistory = loadingFull.join();
        double ratio = (double) fullHistory.bytes() / threeVersions.bytes();
        System.out.printf("History storage, %d entities x %d updates, compacted: FULL %,d bytes (%,d changes retained),"
                + " versions=3 %,d bytes (%,d changes retained), ratio %.2f, in %d ms%n", ENTITIES, UPDATES,
                fullHistory.bytes(), fullHistory.retainedChanges(), threeVersions.bytes(),
                threeVersions.retainedChanges(), ratio, (System.nanoTime() - started) / 1_000_000);

        assertThat(ratio).isGreaterThanOrEqualTo(5.0);
        assertThat(fullHistory.retainedChanges()).isEqualTo((long) ENTITIES * (UPDATES + 1));
        assertThat(threeVersions.retainedChanges()).isEqualTo(ENTITIES * 3L);
        try (LithairStore reopened = LithairStore.open(options(recent), models(RecentCounter.class))) {
            assertThat(reopened.retainedHistoryChanges()).as("after a restart").isEqualTo(ENTITIES * 3L);
            assertThat(reopened.history("Counter", "c42", "value"))
                    .extracting(FieldChange::oldValue, FieldChange::newValue)
                    .containsExactly(tuple(47L, 48L), tuple(48L, 49L), tuple(49L, 50L));
        }
    }

    private static StoreOptions options(Path dir) {
        return StoreOptions.defaults(dir).withFsyncPolicy(FsyncPolicy.NEVER).withSnapshotEveryEvents(0);
    }

    private static List<EntityModel<?>> models(Class<?> type) {
        return List.of(EntityModel.of(type, "Counter", HistoryPolicy.NONE));
    }

    /** Creates the entities, updates each {@link #UPDATES} times in batched commits, compacts and closes. */
    private static <T> Footprint loadAndCompact(Path dir, Class<T> type, BiFunction<String, Long, T> counter) {
        long retained;
        try (LithairStore store = LithairStore.open(options(dir), models(type))) {
            List<CompletableFuture<CommitResult>> pending = new ArrayList<>();
            for (long round = 0; round <= UPDATES; round++) {
                for (int first = 0; first < ENTITIES; first += BATCH) {
                    List<Operation> operations = new ArrayList<>(BATCH);
                    for (int i = first; i < first + BATCH; i++) {
                        String id = "c" + i;
                        operations.add(new Operation.Put("Counter", id, counter.apply(id, round)));
                    }
                    pending.add(store.commitAsync(new Commit(null, "loader", operations)));
                }
                if (round % 10 == 9) { // keeps the writer fed while bounding what waits in memory
                    pending.forEach(CompletableFuture::join);
                    pending.clear();
                }
            }
            pending.forEach(CompletableFuture::join);
            store.compact().join();
            retained = store.retainedHistoryChanges();
        }
        return new Footprint(TestDirectories.size(dir), retained);
    }
}
