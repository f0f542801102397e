package dev.lithair.internal.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/** The syncer reports to committers how long a force typically takes, from the forces that made their writes durable. */
class LogSyncerTest {

    @TempDir
    Path tmp;

    /** A waiter whose future completes when its writes are durable, and fails when they never will be. */
    private static final class RecordingWaiter implements DurabilityWaiter {

        final CompletableFuture<Void> durable = new CompletableFuture<>();

        @Override
        public void durable() {
            durable.complete(null);
        }

        @Override
        public void failed(Throwable cause) {
            durable.completeExceptionally(cause);
        }
    }

    private static LogSyncer syncer(ForceMode mode) {
        return new LogSyncer(mode, Duration.ofSeconds(1), failure -> {
        }, "test-syncer-" + mode);
    }

    /** A segment that has just received {@code text}, not forced yet. */
    private SegmentFile written(String name, String text) throws IOException {
        Path path = tmp.resolve(name);
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        return new SegmentFile(path, channel);
    }

    @Test
    void withAlwaysTheTypicalForceIsZeroBeforeTheFirstForceAndPositiveOnceAWriteWasForced() throws Exception {
        // given a syncer forcing before acknowledging, which has forced nothing yet
        try (LogSyncer syncer = syncer(ForceMode.EVERY_WRITE)) {
            assertThat(syncer.typicalForceNanos()).isZero();
            SegmentFile segment = written("segment-always", "record-1");
            RecordingWaiter waiter = new RecordingWaiter();

            // when a write is handed to it and made durable
            syncer.afterWrite(List.of(segment), List.of(waiter), true);
            waiter.durable.get(1, TimeUnit.MINUTES);

            // then it was forced, and its duration counts
            assertThat(syncer.forceCount()).isPositive();
            assertThat(syncer.typicalForceNanos()).isPositive();
            assertThat(Files.readString(segment.path())).isEqualTo("record-1");
            segment.close();
        }
    }

    @Test
    void withNeverTheTypicalForceStaysZeroEvenAfterABarrierForcedTheLog() throws Exception {
        // given a syncer that never forces before acknowledging
        try (LogSyncer syncer = syncer(ForceMode.NEVER)) {
            SegmentFile segment = written("segment-never", "record-1");
            RecordingWaiter waiter = new RecordingWaiter();

            // when a write is acknowledged, then forced by a barrier (as before a snapshot)
            syncer.afterWrite(List.of(segment), List.of(waiter), true);
            waiter.durable.get(1, TimeUnit.MINUTES);
            syncer.forceNow(List.of(segment)).get(1, TimeUnit.MINUTES);

            // then the barrier's force does not count: no committer waits for a force under NEVER
            assertThat(syncer.forceCount()).isPositive();
            assertThat(syncer.typicalForceNanos()).isZero();
            assertThat(Files.readString(segment.path())).isEqualTo("record-1");
            segment.close();
        }
    }
}
