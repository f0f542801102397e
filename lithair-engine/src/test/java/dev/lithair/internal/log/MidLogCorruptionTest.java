package dev.lithair.internal.log;

import static dev.lithair.support.Entities.createProduct;
import static dev.lithair.support.Entities.fastOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lithair.exception.LogCorruptedException;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.support.DataDirectory;

/**
 * Damage followed by intact records is not a torn tail: dropping it would silently drop the good
 * records after it. Opening must refuse with a {@link LogCorruptedException} naming the file and
 * the byte offset of the damaged record, and must leave every file exactly as it found it.
 */
class MidLogCorruptionTest {

    private static final int LENGTH_FIELD = 0;
    private static final int CHECKSUM_FIELD = 4;

    @TempDir
    Path tmp;

    private DataDirectory original;
    private Path segment;
    private Frame middle;

    @BeforeEach
    void fiveCommitsInOneSegment() {
        Path directory = tmp.resolve("original");
        try (LithairStore store = LithairStore.open(fastOptions(directory))) {
            for (int i = 1; i <= 5; i++) {
                store.commit(createProduct("p" + i, "Product " + i, i * 10));
            }
        }
        original = DataDirectory.at(directory);
        segment = original.lastSegment();
        List<Frame> frames = DataDirectory.frames(segment);
        assertThat(frames).hasSize(5);
        middle = frames.get(2);
    }

    @Test
    void aFlippedBitInTheLengthFieldOfAMiddleRecordStopsStartUpAndLeavesTheFileUntouched() {
        for (int bit = 0; bit < 32; bit++) {
            // the length is big-endian: bit 0 of the field is the lowest bit of its fourth byte
            assertRefusedAfterFlipping(middle.offset() + LENGTH_FIELD + 3 - bit / 8, bit % 8);
        }
    }

    @Test
    void aFlippedBitInTheChecksumOfAMiddleRecordStopsStartUpAndLeavesTheFileUntouched() {
        for (int bit = 0; bit < 32; bit++) {
            assertRefusedAfterFlipping(middle.offset() + CHECKSUM_FIELD + bit / 8, bit % 8);
        }
    }

    @Test
    void aFlippedBitInTheSequenceCountOrFormatOfAMiddleRecordStopsStartUpAndLeavesTheFileUntouched() {
        long checkedHeader = middle.offset() + Frame.PREFIX_BYTES;
        for (int bit = 0; bit < Frame.CHECKED_HEADER_BYTES * 8; bit++) {
            assertRefusedAfterFlipping(checkedHeader + bit / 8, bit % 8);
        }
    }

    @Test
    void aFlippedBitAnywhereInTheBodyOfAMiddleRecordStopsStartUpAndLeavesTheFileUntouched() {
        long body = middle.offset() + Frame.PREFIX_BYTES + Frame.CHECKED_HEADER_BYTES;
        for (int i = 0; i < middle.body().length; i++) {
            assertRefusedAfterFlipping(body + i, i % 8);
        }
    }

    @Test
    void aDamagedLastRecordOfAnOlderSegmentStopsStartUpInsteadOfDroppingTheNewerSegments() {
        // given: three segments; the damaged record ends the first one, so its own file holds nothing after it
        Path directory = tmp.resolve("segmented");
        StoreOptions options = fastOptions(directory).withSegmentBytes(4096);
        try (LithairStore store = LithairStore.open(options)) {
            int i = 0;
            while (store.stats().logSegments() < 3) {
                i++;
                store.commit(createProduct("p" + i, "Product " + i, i));
            }
        }
        DataDirectory segmented = DataDirectory.at(directory);
        Path first = segmented.segments().get(0);
        List<Frame> frames = DataDirectory.frames(first);
        Frame lastOfFirst = frames.get(frames.size() - 1);
        DataDirectory.flipBit(first, lastOfFirst.offset() + Frame.PREFIX_BYTES + Frame.CHECKED_HEADER_BYTES + 5, 2);
        Map<String, String> before = segmented.fingerprint();

        // when / then
        assertThatThrownBy(() -> LithairStore.open(options).close())
                .isInstanceOf(LogCorruptedException.class)
                .hasMessageContaining(first.getFileName().toString())
                .hasMessageContaining("byte offset " + lastOfFirst.offset());
        assertThat(segmented.fingerprint()).isEqualTo(before);
        assertThat(segmented.segments()).hasSize(3);
    }

    @Test
    void aMiddleRecordOverwrittenWithZerosStopsStartUp() {
        // given
        DataDirectory copy = original.copyTo(tmp.resolve("zeroed"));
        Path damaged = copy.resolve(segment.getFileName().toString());
        DataDirectory.zero(damaged, middle.offset(), middle.sizeOnDisk());
        Map<String, String> before = copy.fingerprint();

        // when / then
        assertThatThrownBy(() -> LithairStore.open(fastOptions(copy.path())).close())
                .isInstanceOf(LogCorruptedException.class)
                .hasMessageContaining(segment.getFileName().toString())
                .hasMessageContaining("byte offset " + middle.offset());
        assertThat(copy.fingerprint()).isEqualTo(before);
    }

    private void assertRefusedAfterFlipping(long offset, int bit) {
        // given
        DataDirectory copy = original.copyTo(tmp.resolve("flip-" + offset + "-" + bit));
        Path damaged = copy.resolve(segment.getFileName().toString());
        DataDirectory.flipBit(damaged, offset, bit);
        Map<String, String> before = copy.fingerprint();
        assertThat(before).isNotEqualTo(original.fingerprint());

        // when / then
        assertThatThrownBy(() -> LithairStore.open(fastOptions(copy.path())).close())
                .as("bit %d of byte %d flipped", bit, offset)
                .isInstanceOf(LogCorruptedException.class)
                .hasMessageContaining(segment.getFileName().toString())
                .hasMessageContaining("byte offset " + middle.offset() + ":");
        assertThat(copy.fingerprint()).as("files after bit %d of byte %d flipped", bit, offset).isEqualTo(before);
    }
}
