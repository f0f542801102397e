package dev.lithair.internal.log;

import static dev.lithair.support.Entities.contentsOf;
import static dev.lithair.support.Entities.createProduct;
import static dev.lithair.support.Entities.fastOptions;
import static dev.lithair.support.Entities.product;
import static dev.lithair.support.Entities.putProduct;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.CommitResult;
import dev.lithair.support.DataDirectory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A crash while a record is being appended leaves a torn tail: a prefix of the record, or bytes
 * that were never written (zeros, garbage). Opening must drop exactly that tail, keep every intact
 * record before it, and continue the sequence where the intact log ends.
 */
class TornTailRecoveryTest {

    @TempDir
    Path tmp;

    /** Four single-event commits, then a fifth commit of two events (sequences 5 and 6). */
    private DataDirectory fiveCommits(boolean snapshotAfterFourth) {
        Path directory = tmp.resolve("original");
        try (LithairStore store = LithairStore.open(fastOptions(directory))) {
            for (int i = 1; i <= 4; i++) {
                store.commit(createProduct("p" + i, "Product " + i, i * 10));
            }
            if (snapshotAfterFourth) {
                store.snapshot().join();
            }
            store.commit(new Commit("batch-5", "alice", List.of(putProduct("p5", "Five", 50),
                    putProduct("p1", "One, renamed", 11))));
        }
        return DataDirectory.at(directory);
    }

    private static Map<String, Map<String, ObjectNode>> firstFourCommits() {
        return Map.of("Product", Map.of("p1", product("p1", "Product 1", 10), "p2", product("p2", "Product 2", 20),
                "p3", product("p3", "Product 3", 30), "p4", product("p4", "Product 4", 40)));
    }

    @Test
    void aTailTornAtAnyByteOfTheLastRecordIsTruncatedToTheEndOfThePreviousRecord() {
        // given
        DataDirectory original = fiveCommits(false);
        Frame last = lastRecordOf(original);

        for (long cut = last.offset(); cut < last.offset() + last.sizeOnDisk(); cut++) {
            assertTornTailRecovers(original, last, cut, false);
        }
    }

    @Test
    void aTailTornAfterASnapshotIsTruncatedAndTheSnapshotStillApplies() {
        // given
        DataDirectory original = fiveCommits(true);
        assertThat(original.snapshots()).extracting(DataDirectory::sequenceOfSnapshot).containsExactly(4L);
        Frame last = lastRecordOf(original);
        long start = last.offset();
        long end = start + last.sizeOnDisk();

        for (long cut : new long[] {start, start + 1, start + Frame.PREFIX_BYTES, start + 20, (start + end) / 2, end - 1}) {
            assertTornTailRecovers(original, last, cut, true);
        }
    }

    private static Frame lastRecordOf(DataDirectory original) {
        Path segment = original.lastSegment();
        List<Frame> frames = DataDirectory.frames(segment);
        assertThat(frames).extracting(Frame::firstSequence).containsExactly(1L, 2L, 3L, 4L, 5L);
        Frame last = frames.get(4);
        assertThat(last.eventCount()).isEqualTo(2);
        assertThat(DataDirectory.size(segment)).isEqualTo(last.offset() + last.sizeOnDisk());
        return last;
    }

    /** Cuts a copy of {@code original} at {@code cut}, inside its last record, and checks the recovery. */
    private void assertTornTailRecovers(DataDirectory original, Frame last, long cut, boolean reopenAfterwards) {
        String name = original.lastSegment().getFileName().toString();
        DataDirectory copy = original.copyTo(tmp.resolve("cut-" + cut));
        Path torn = copy.resolve(name);
        DataDirectory.truncate(torn, cut);
        long lastStart = last.offset();

        // when
        try (LithairStore store = LithairStore.open(fastOptions(copy.path()))) {
            // then
            assertThat(DataDirectory.size(torn)).as("segment size after a cut at byte %d", cut).isEqualTo(lastStart);
            assertThat(store.recovery().truncatedBytes()).as("cut at byte %d", cut).isEqualTo(cut - lastStart);
            assertThat(store.lastSequence()).as("cut at byte %d", cut).isEqualTo(4);
            assertThat(contentsOf(store)).as("cut at byte %d", cut).isEqualTo(firstFourCommits());

            CommitResult next = store.commit(createProduct("p7", "Seven", 70));
            assertThat(next.sequence()).as("cut at byte %d", cut).isEqualTo(5);
        }
        List<Frame> after = DataDirectory.frames(torn);
        assertThat(after).as("cut at byte %d", cut).extracting(Frame::firstSequence).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(after.get(4).offset()).as("cut at byte %d", cut).isEqualTo(lastStart);
        if (reopenAfterwards) {
            try (LithairStore reopened = LithairStore.open(fastOptions(copy.path()))) {
                assertThat(reopened.lastSequence()).as("cut at byte %d", cut).isEqualTo(5);
                assertThat(reopened.get("Product", "p7")).as("cut at byte %d", cut).contains(product("p7", "Seven", 70));
                assertThat(reopened.get("Product", "p5")).as("cut at byte %d", cut).isEmpty();
                assertThat(reopened.recovery().truncatedBytes()).isZero();
            }
        }
    }

    @ParameterizedTest(name = "{0} zero bytes")
    @ValueSource(ints = {1, 7, 8, 20, 21, 512, 4096})
    void zeroBytesAfterTheLastRecordAreTruncated(int zeros) {
        assertGarbageTailIsTruncated(new byte[zeros]);
    }

    @ParameterizedTest(name = "{0} random bytes")
    @ValueSource(ints = {1, 5, 13, 21, 100, 3000})
    void randomBytesAfterTheLastRecordAreTruncated(int length) {
        byte[] garbage = new byte[length];
        new Random(length).nextBytes(garbage);
        assertGarbageTailIsTruncated(garbage);
    }

    @Test
    void aPlausibleHeaderWithABadChecksumAfterTheLastRecordIsTruncated() {
        // a frame-shaped tail: a length that fits the file, then bytes whose checksum does not match
        byte[] body = new byte[64];
        new Random(7).nextBytes(body);
        ByteBuffer tail = ByteBuffer.allocate(Frame.PREFIX_BYTES + body.length);
        tail.putInt(body.length).putInt(0x12345678).put(body);
        assertGarbageTailIsTruncated(tail.array());
    }

    private void assertGarbageTailIsTruncated(byte[] garbage) {
        // given
        DataDirectory original = fiveCommits(false);
        Path segment = original.lastSegment();
        long intactSize = DataDirectory.size(segment);
        byte[] intactBytes = DataDirectory.read(segment);
        DataDirectory.append(segment, garbage);

        // when
        try (LithairStore store = LithairStore.open(fastOptions(original.path()))) {
            // then
            assertThat(DataDirectory.size(segment)).isEqualTo(intactSize);
            assertThat(DataDirectory.read(segment)).isEqualTo(intactBytes);
            assertThat(store.recovery().truncatedBytes()).isEqualTo(garbage.length);
            assertThat(store.lastSequence()).isEqualTo(6);
            assertThat(store.get("Product", "p5")).contains(product("p5", "Five", 50));
            assertThat(store.commit(createProduct("p8", "Eight", 80)).sequence()).isEqualTo(7);
        }
        List<Frame> frames = DataDirectory.frames(segment);
        assertThat(frames).extracting(Frame::firstSequence).containsExactly(1L, 2L, 3L, 4L, 5L, 7L);
        assertThat(frames.get(5).offset()).isEqualTo(intactSize);
    }

    @Test
    void aTornFirstRecordOfTheNewestSegmentLeavesTheOlderSegmentsUntouched() {
        // given: commits until the log rolls over, so the newest segment holds exactly one record
        Path directory = tmp.resolve("original");
        StoreOptions options = fastOptions(directory).withSegmentBytes(4096);
        long lastSequence;
        try (LithairStore store = LithairStore.open(options)) {
            int i = 0;
            do {
                i++;
                store.commit(createProduct("p" + i, "Product " + i, i));
            } while (store.stats().logSegments() < 2);
            lastSequence = store.lastSequence();
        }
        DataDirectory original = DataDirectory.at(directory);
        List<Path> segments = original.segments();
        assertThat(segments).hasSize(2);
        Path newest = segments.get(1);
        assertThat(DataDirectory.firstSequenceOf(newest)).isEqualTo(lastSequence);
        assertThat(DataDirectory.frames(newest)).singleElement().extracting(Frame::firstSequence).isEqualTo(lastSequence);
        long size = DataDirectory.size(newest);

        // an empty file, a partial prefix, a whole prefix with no body, half the record, all but one byte
        for (long cut : new long[] {0, 1, Frame.PREFIX_BYTES, Frame.PREFIX_BYTES + Frame.CHECKED_HEADER_BYTES,
                size / 2, size - 1}) {
            DataDirectory copy = original.copyTo(tmp.resolve("cut-" + cut));
            DataDirectory.truncate(copy.resolve(newest.getFileName().toString()), cut);
            Map<String, String> olderBefore = fingerprintWithout(copy, newest);

            // when
            try (LithairStore store = LithairStore.open(fastOptions(copy.path()).withSegmentBytes(4096))) {
                // then
                assertThat(store.lastSequence()).as("cut at byte %d", cut).isEqualTo(lastSequence - 1);
                assertThat(store.get("Product", "p" + lastSequence)).as("cut at byte %d", cut).isEmpty();
                assertThat(store.get("Product", "p" + (lastSequence - 1))).as("cut at byte %d", cut).isPresent();
                assertThat(store.commit(createProduct("again", "Again", 1)).sequence()).as("cut at byte %d", cut)
                        .isEqualTo(lastSequence);
            }
            assertThat(fingerprintWithout(copy, newest)).as("older segments after a cut at byte %d", cut)
                    .isEqualTo(olderBefore);
            assertThat(copy.segments()).extracting(DataDirectory::firstSequenceOf)
                    .containsExactly(1L, lastSequence);
            assertThat(DataDirectory.frames(copy.lastSegment())).singleElement()
                    .extracting(Frame::firstSequence).isEqualTo(lastSequence);
        }
    }

    private static Map<String, String> fingerprintWithout(DataDirectory directory, Path segment) {
        Map<String, String> fingerprint = new TreeMap<>(directory.fingerprint());
        fingerprint.remove(segment.getFileName().toString());
        return fingerprint;
    }
}
