package dev.lithair.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

class OrderedPipelineTest {

    /** Decodes slowly and at random speeds, so that later batches often finish before earlier ones. */
    private static String decodeSlowly(int batch) {
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(200_000));
        if (batch == 137) {
            throw new IllegalArgumentException("batch 137 is undecodable");
        }
        return "decoded-" + batch;
    }

    @Test
    void resultsAreConsumedOnTheSubmittingThreadInSubmissionOrderWhateverOrderTheHelpersFinishIn() {
        List<String> consumed = new ArrayList<>();
        List<Thread> consumers = new ArrayList<>();
        java.util.Set<Thread> workers = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try (OrderedPipeline<Integer, String> pipeline = new OrderedPipeline<>(batch -> {
            workers.add(Thread.currentThread());
            return decodeSlowly(batch % 100);
        },
                (batch, decoded) -> {
                    consumed.add(batch + "=" + decoded);
                    consumers.add(Thread.currentThread());
                }, 3, "test-decoder")) {
            for (int batch = 0; batch < 500; batch++) {
                pipeline.submit(batch);
            }
            pipeline.drain();
        }

        List<String> expected = new ArrayList<>();
        for (int batch = 0; batch < 500; batch++) {
            expected.add(batch + "=decoded-" + (batch % 100));
        }
        assertThat(consumed).containsExactlyElementsOf(expected);
        assertThat(consumers).containsOnly(Thread.currentThread());
        assertThat(workers).doesNotContain(Thread.currentThread()); // by default, the consumer only consumes
    }

    @Test
    void aDecodingFailureSurfacesInItsTurnAfterEveryEarlierBatchWasConsumedAndBeforeAnyLaterOne() {
        List<Integer> consumed = new ArrayList<>();
        try (OrderedPipeline<Integer, String> pipeline = new OrderedPipeline<>(OrderedPipelineTest::decodeSlowly,
                (batch, decoded) -> consumed.add(batch), 3, "test-decoder")) {
            assertThatThrownBy(() -> {
                for (int batch = 0; batch < 300; batch++) {
                    pipeline.submit(batch);
                }
                pipeline.drain();
            }).isInstanceOf(IllegalArgumentException.class).hasMessage("batch 137 is undecodable");
        }

        List<Integer> expected = new ArrayList<>();
        for (int batch = 0; batch < 137; batch++) {
            expected.add(batch);
        }
        assertThat(consumed).containsExactlyElementsOf(expected);
    }

    @Test
    void whileTheOldestBatchIsWorkedOnTheConsumingThreadWorksOnTheBatchesNoHelperStarted() throws Exception {
        java.util.concurrent.CountDownLatch firstStarted = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch laterWorked = new java.util.concurrent.CountDownLatch(1);
        java.util.Map<Integer, Thread> workers = new java.util.concurrent.ConcurrentHashMap<>();
        List<Integer> consumed = new ArrayList<>();
        try (OrderedPipeline<Integer, Integer> pipeline = new OrderedPipeline<>(batch -> {
            workers.put(batch, Thread.currentThread());
            if (batch == 0) {
                firstStarted.countDown();
                // The only helper waits here until another thread worked on a later batch.
                try {
                    if (!laterWorked.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
                        throw new IllegalStateException("no one worked on a later batch");
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            } else {
                laterWorked.countDown();
            }
            return batch;
        }, (batch, decoded) -> consumed.add(decoded), 1, "test-decoder", true)) {
            pipeline.submit(0);
            firstStarted.await();
            for (int batch = 1; batch < 4; batch++) {
                pipeline.submit(batch);
            }
            pipeline.drain();
        }

        assertThat(consumed).containsExactly(0, 1, 2, 3);
        assertThat(workers.get(0).getName()).startsWith("test-decoder");
        assertThat(workers.get(1)).isSameAs(Thread.currentThread());
    }

    @Test
    void aConsumerFailureStopsTheConsumingAtThatBatch() {
        List<Integer> consumed = new ArrayList<>();
        try (OrderedPipeline<Integer, Integer> pipeline = new OrderedPipeline<>(batch -> batch, (batch, decoded) -> {
            if (batch == 42) {
                throw new IllegalStateException("cannot apply 42");
            }
            consumed.add(decoded);
        }, 2, "test-decoder")) {
            assertThatThrownBy(() -> {
                for (int batch = 0; batch < 100; batch++) {
                    pipeline.submit(batch);
                }
                pipeline.drain();
            }).isInstanceOf(IllegalStateException.class).hasMessage("cannot apply 42");
        }

        assertThat(consumed).hasSize(42).last().isEqualTo(41);
    }
}
