package dev.lithair.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lithair.event.StorageFormat;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.CommitResult;
import dev.lithair.store.spi.Operation;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class ConcurrentCommitTest {

    private static final int THREADS = 12;
    private static final int COMMITS_PER_THREAD = 300;

    @TempDir
    Path dir;

    static ObjectNode reading(int thread, int n) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("thread", thread);
        node.put("n", n);
        return node;
    }

    @Test
    void blockingAndAsynchronousCommittersFromManyThreadsGetGaplessSequencesInTheirOwnOrderAndSurviveARestart()
            throws Exception {
        StoreOptions options = StoreOptions.defaults(dir).withFsyncPolicy(FsyncPolicy.ALWAYS)
                .withFormat(StorageFormat.BINARY).withSnapshotEveryEvents(500);
        ConcurrentLinkedQueue<long[]> sequencesByThread = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        try (LithairStore store = LithairStore.open(options)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                threads.add(new Thread(() -> {
                    long[] sequences = new long[COMMITS_PER_THREAD];
                    try {
                        start.await();
                        List<CompletableFuture<CommitResult>> results = new ArrayList<>();
                        for (int n = 0; n < COMMITS_PER_THREAD; n++) {
                            Commit commit = Commit.of(new Operation.Put("Reading", thread + "-" + n, reading(thread, n)));
                            results.add(ThreadLocalRandom.current().nextInt(4) == 0 ? store.commitAsync(commit)
                                    : CompletableFuture.completedFuture(store.commit(commit)));
                        }
                        for (int n = 0; n < COMMITS_PER_THREAD; n++) {
                            sequences[n] = results.get(n).get(1, TimeUnit.MINUTES).sequence();
                        }
                        sequencesByThread.add(sequences);
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            threads.forEach(Thread::start);
            start.countDown();
            for (Thread thread : threads) {
                thread.join(TimeUnit.MINUTES.toMillis(2));
            }

            assertThat(failures).isEmpty();
            assertThat(sequencesByThread).hasSize(THREADS);
            List<Long> all = new ArrayList<>();
            for (long[] sequences : sequencesByThread) {
                for (int i = 1; i < sequences.length; i++) {
                    assertThat(sequences[i]).as("a thread's commits are sequenced in the order it made them")
                            .isGreaterThan(sequences[i - 1]);
                }
                for (long sequence : sequences) {
                    all.add(sequence);
                }
            }
            long total = (long) THREADS * COMMITS_PER_THREAD;
            assertThat(all).as("every sequence from 1 to the last, once").doesNotHaveDuplicates()
                    .allMatch(sequence -> sequence >= 1 && sequence <= total);
            assertThat(store.lastSequence()).isEqualTo(total);
            assertThat(store.all("Reading")).hasSize((int) total);
        }
        try (LithairStore reopened = LithairStore.open(options)) {
            assertThat(reopened.lastSequence()).isEqualTo((long) THREADS * COMMITS_PER_THREAD);
            assertThat(reopened.get("Reading", "3-17")).get().isEqualTo(reading(3, 17));
            assertThat(reopened.all("Reading")).hasSize(THREADS * COMMITS_PER_THREAD);
        }
    }

    @Test
    void aLoneBlockingCommitterGetsConsecutiveSequencesThatSurviveARestart() {
        try (LithairStore store = LithairStore.open(StoreOptions.defaults(dir))) {
            for (int n = 0; n < 50; n++) {
                CommitResult result = store.commit(Commit.of(new Operation.Put("Reading", "r" + n, reading(0, n))));

                assertThat(result.sequence()).isEqualTo(n + 1);
            }
            assertThat(store.stats().lastSequence()).isEqualTo(50);
        }
        try (LithairStore reopened = LithairStore.open(StoreOptions.defaults(dir))) {
            assertThat(reopened.lastSequence()).isEqualTo(50);
        }
    }
}
