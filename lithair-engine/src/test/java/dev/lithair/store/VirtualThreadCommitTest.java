package dev.lithair.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;

import dev.lithair.event.StorageFormat;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;

/**
 * Committers on virtual threads (a Spring application with {@code spring.threads.virtual.enabled}) wait
 * for their commits without pinning their carrier: a pinned carrier cannot run other virtual threads
 * while the commit waits for its force, so a few waiting commits would stall the whole application.
 * JFR's {@code jdk.VirtualThreadPinned} reports every park of a virtual thread that kept its carrier.
 */
@EnabledForJreRange(min = JRE.JAVA_21)
class VirtualThreadCommitTest {

    private static final String PINNED = "jdk.VirtualThreadPinned";
    private static final int THREADS = 64;
    private static final int COMMITS_PER_THREAD = 20;

    @TempDir
    Path dir;

    @Test
    void virtualThreadsWaitingForForcedCommitsPinNoCarrier() throws Exception {
        StoreOptions options = StoreOptions.defaults(dir.resolve("store")).withFsyncPolicy(FsyncPolicy.ALWAYS)
                .withFormat(StorageFormat.BINARY);
        List<Long> sequences = new ArrayList<>();
        List<RecordedEvent> pinned;
        try (LithairStore store = LithairStore.open(options)) {
            // One commit first, on this thread: classes initialized while many virtual threads first use them
            // pin their carriers once (waiting for another thread's initialization), which is not the wait
            // this test is about. The payloads are built up front for the same reason.
            store.commit(Commit.of(new Operation.Put("Reading", "warm-up", ConcurrentCommitTest.reading(-1, 0))));
            List<Callable<List<Long>>> committers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                List<Commit> commits = new ArrayList<>();
                for (int n = 0; n < COMMITS_PER_THREAD; n++) {
                    commits.add(Commit.of(new Operation.Put("Reading", t + "-" + n, ConcurrentCommitTest.reading(t, n))));
                }
                committers.add(() -> {
                    List<Long> own = new ArrayList<>();
                    for (Commit commit : commits) {
                        own.add(store.commit(commit).sequence());
                    }
                    return own;
                });
            }
            pinned = recordPinning(() -> onVirtualThreads(committers).forEach(sequences::addAll));
        }

        assertThat(sequences).hasSize(THREADS * COMMITS_PER_THREAD).doesNotHaveDuplicates();
        assertThat(pinned).as("pinned parks, with their stacks:%n%s", describe(pinned)).isEmpty();
    }

    /** The control: the recording does see a virtual thread that parks while pinned. */
    @Test
    void aParkInsideAClassInitializerIsReportedAsPinned() throws Exception {
        List<RecordedEvent> pinned = recordPinning(() -> onVirtualThreads(List.of(() -> ParksWhileInitialized.READY)));

        assertThat(pinned).isNotEmpty();
    }

    /** Runs {@code work} under a JFR recording of pinned parks, and returns those it saw. */
    private List<RecordedEvent> recordPinning(Work work) throws Exception {
        Path file = dir.resolve("pinning.jfr");
        try (Recording recording = new Recording()) {
            recording.enable(PINNED).withThreshold(Duration.ZERO).withStackTrace();
            recording.start();
            work.run();
            recording.stop();
            recording.dump(file);
        }
        return RecordingFile.readAllEvents(file).stream().filter(event -> event.getEventType().getName().equals(PINNED))
                .toList();
    }

    private static String describe(List<RecordedEvent> events) {
        return events.stream().limit(3).map(RecordedEvent::toString).collect(Collectors.joining("\n"));
    }

    /**
     * Runs each task on a virtual thread of its own and returns their results; the executor is looked up
     * reflectively, since the tests compile for Java 17.
     */
    private static <T> List<T> onVirtualThreads(List<Callable<T>> tasks) throws Exception {
        ExecutorService threads = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
                .invoke(null);
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> result : threads.invokeAll(tasks)) {
                results.add(result.get(2, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    /** A class whose initializer parks: a virtual thread initializing it keeps its carrier meanwhile. */
    private static final class ParksWhileInitialized {
        static final boolean READY;

        static {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            READY = true;
        }
    }
}
