package dev.lithair.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.annotation.Indexed;
import dev.lithair.annotation.Unique;
import dev.lithair.exception.UniqueViolationException;
import dev.lithair.model.EntityModel;
import dev.lithair.store.FsyncPolicy;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;

class UniqueUnderConcurrencyTest {

    record Member(String id, @Unique String login, @Indexed(sorted = true) int score) {
    }

    private static final int THREADS = 8;
    private static final int ROUNDS = 40;

    @TempDir
    Path dir;

    private LithairStore open() {
        return LithairStore.open(StoreOptions.defaults(dir).withFsyncPolicy(FsyncPolicy.NEVER),
                List.of(EntityModel.of(Member.class, HistoryPolicy.NONE)));
    }

    @Test
    void ofManyThreadsInsertingTheSameUniqueValueAtOnceExactlyOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (LithairStore store = open()) {
            for (int round = 0; round < ROUNDS; round++) {
                String login = "login-" + round;
                CyclicBarrier start = new CyclicBarrier(THREADS);
                List<Future<String>> attempts = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    String id = "m" + round + "-" + t;
                    attempts.add(pool.submit(() -> {
                        start.await();
                        try {
                            store.commitAsync(Commit.of(new Operation.Put("Member", id, new Member(id, login, 0)))).join();
                            return id;
                        } catch (CompletionException e) {
                            if (e.getCause() instanceof UniqueViolationException violation) {
                                assertThat(violation.field()).isEqualTo("login");
                                return null;
                            }
                            throw e;
                        }
                    }));
                }
                List<String> winners = new ArrayList<>();
                for (Future<String> attempt : attempts) {
                    String winner = attempt.get();
                    if (winner != null) {
                        winners.add(winner);
                    }
                }

                assertThat(winners).as("winners of round %d", round).hasSize(1);
                assertThat(store.indexes().uniqueHolder("Member", "login", login)).contains(winners.get(0));
                assertThat(store.findAll(Member.class).stream().filter(m -> m.login().equals(login)))
                        .extracting(Member::id).containsExactly(winners.get(0));
            }
        } finally {
            pool.shutdownNow();
        }
        try (LithairStore reopened = open()) {
            assertThat(reopened.count("Member")).isEqualTo(ROUNDS);
        }
    }

    @Test
    void readersQueryingWhileTheWriterCommitsNeverFailAndNeverSeeAnEntityTwice() throws Exception {
        try (LithairStore store = open()) {
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                Thread reader = new Thread(() -> {
                    try {
                        while (writing.get()) {
                            List<String> top = store.indexes().idsOrdered("Member", "score", true, 20);
                            assertThat(top).doesNotHaveDuplicates();
                            List<String> range = store.indexes().idsInRange("Member", "score", 10, true, 90, false, false,
                                    Integer.MAX_VALUE);
                            assertThat(range).doesNotHaveDuplicates();
                            store.indexes().countEqual("Member", "login", "x");
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                });
                reader.start();
                readers.add(reader);
            }
            java.util.Random random = new java.util.Random(7);
            for (int i = 0; i < 3000; i++) {
                String id = "m" + random.nextInt(200);
                if (random.nextInt(5) == 0) {
                    store.commit(Commit.of(new Operation.Delete("Member", id)));
                } else {
                    store.commit(Commit.of(new Operation.Put("Member", id, new Member(id, id, random.nextInt(100)))));
                }
            }
            writing.set(false);
            for (Thread reader : readers) {
                reader.join();
            }

            assertThat(failure.get()).isNull();
            assertThat(store.indexes().idsOrdered("Member", "score", false, Integer.MAX_VALUE))
                    .hasSize(store.count("Member"));
        }
    }
}
