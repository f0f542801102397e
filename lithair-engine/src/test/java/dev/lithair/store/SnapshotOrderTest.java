package dev.lithair.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lithair.store.spi.SnapshotInfo;
import dev.lithair.support.Entities;

/**
 * Snapshots asked for while commits go on are written in the order of their sequences, between the automatic
 * ones: a compaction, which keeps only the newest snapshot, never finds a newer one than its own.
 */
class SnapshotOrderTest {

    @TempDir
    Path directory;

    @Test
    void compactionsAndSnapshotsAmongAutomaticSnapshotsUnderConcurrentCommitsAllSucceedInOrder() throws Exception {
        List<Long> written = new java.util.concurrent.CopyOnWriteArrayList<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger counter = new AtomicInteger();
        try (LithairStore store = LithairStore.open(Entities.fastOptions(directory).withSnapshotEveryEvents(5)
                .withSegmentBytes(16 * 1024))) {
            store.addObserver(new StoreObserver() {
                @Override
                public void snapshotWritten(SnapshotInfo info) {
                    written.add(info.sequence());
                }
            });
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                writers.add(new Thread(() -> {
                    try {
                        while (!stop.get()) {
                            int n = counter.incrementAndGet();
                            store.commit(Entities.createProduct("p" + n % 200, "Lamp", n));
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            writers.forEach(Thread::start);
            List<CompletableFuture<SnapshotInfo>> asked = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                asked.add(i % 2 == 0 ? store.compact() : store.snapshot());
            }
            for (CompletableFuture<SnapshotInfo> snapshot : asked) {
                snapshot.join();
            }
            stop.set(true);
            for (Thread writer : writers) {
                writer.join();
            }
        }
        assertThat(failures).isEmpty();
        assertThat(written).isSorted();
    }
}
