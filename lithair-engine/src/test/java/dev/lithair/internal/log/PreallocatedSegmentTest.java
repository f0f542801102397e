package dev.lithair.internal.log;

import static dev.lithair.support.Entities.contentsOf;
import static dev.lithair.support.Entities.createProduct;
import static dev.lithair.support.Entities.fastOptions;
import static dev.lithair.support.Entities.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lithair.exception.LogCorruptedException;
import dev.lithair.store.LithairStore;
import dev.lithair.support.DataDirectory;

/**
 * The active segment is filled ahead of its records ({@link SegmentedLog#PREALLOCATION_BYTES}), so a
 * log found after a crash may end with fill: that is space never written, to be written over, not a
 * torn tail; anything else after the records still is one.
 */
class PreallocatedSegmentTest {

    @TempDir
    Path tmp;

    /** Three commits, the files copied while the store is open, as a crash would leave them. */
    private DataDirectory crashedAfterThreeCommits() {
        Path directory = tmp.resolve("live");
        try (LithairStore store = LithairStore.open(fastOptions(directory))) {
            for (int i = 1; i <= 3; i++) {
                store.commit(createProduct("p" + i, "Product " + i, i * 10));
            }
            return DataDirectory.at(directory).copyTo(tmp.resolve("crashed"));
        }
    }

    @Test
    void theActiveSegmentHoldsFillAfterItsRecordsUntilTheStoreCloses() {
        // given
        Path directory = tmp.resolve("data");
        long recordBytes;
        try (LithairStore store = LithairStore.open(fastOptions(directory))) {
            store.commit(createProduct("p1", "One", 10));
            store.commit(createProduct("p2", "Two", 20));

            // then: while open, the file is longer than its records, and the rest is fill
            Path segment = DataDirectory.at(directory).lastSegment();
            recordBytes = LogFiles.logBytes(directory);
            byte[] bytes = DataDirectory.read(segment);
            assertThat((long) bytes.length).isEqualTo(SegmentedLog.PREALLOCATION_BYTES);
            assertThat(LogFiles.onlyFill(bytes, (int) recordBytes)).isTrue();
            assertThat(store.stats().logBytes()).isEqualTo(recordBytes);
        }

        // then: closed, the segment ends with its last record
        Path segment = DataDirectory.at(directory).lastSegment();
        assertThat(DataDirectory.size(segment)).isEqualTo(recordBytes);
        assertThat(DataDirectory.frames(segment)).hasSize(2);
    }

    @Test
    void aLogEndingInFillRecoversEveryRecordAndWritesOverTheFill() {
        // given
        DataDirectory crashed = crashedAfterThreeCommits();
        Path segment = crashed.lastSegment();
        long recordBytes = LogFiles.logBytes(crashed.path());
        assertThat(DataDirectory.size(segment)).isGreaterThan(recordBytes);

        // when
        try (LithairStore store = LithairStore.open(fastOptions(crashed.path()))) {
            // then: nothing was torn, nothing is lost, the next record follows the last one
            assertThat(store.recovery().truncatedBytes()).isZero();
            assertThat(store.lastSequence()).isEqualTo(3);
            assertThat(contentsOf(store).get("Product")).containsKeys("p1", "p2", "p3");
            assertThat(store.commit(createProduct("p4", "Four", 40)).sequence()).isEqualTo(4);
        }
        List<Frame> frames = DataDirectory.frames(segment);
        assertThat(frames).extracting(Frame::firstSequence).containsExactly(1L, 2L, 3L, 4L);
        assertThat(frames.get(3).offset()).isEqualTo(recordBytes);
        assertThat(DataDirectory.size(segment)).isEqualTo(frames.get(3).offset() + frames.get(3).sizeOnDisk());
    }

    @Test
    void aTornRecordFollowedByFillIsTruncatedWithTheFill() {
        // given: the third record half written over the fill
        DataDirectory crashed = crashedAfterThreeCommits();
        Path segment = crashed.lastSegment();
        Frame third = DataDirectory.frames(segment).get(2);
        long fileSize = DataDirectory.size(segment);
        byte[] fill = new byte[third.sizeOnDisk() / 2];
        Arrays.fill(fill, SegmentedLog.PREALLOCATED_FILL);
        DataDirectory.overwrite(segment, third.offset() + third.sizeOnDisk() / 2, fill);

        // when
        try (LithairStore store = LithairStore.open(fastOptions(crashed.path()))) {
            // then
            assertThat(store.recovery().truncatedBytes()).isEqualTo(fileSize - third.offset());
            assertThat(DataDirectory.size(segment)).isEqualTo(third.offset());
            assertThat(store.lastSequence()).isEqualTo(2);
            assertThat(store.get("Product", "p3")).isEmpty();
            assertThat(store.commit(createProduct("p3", "Three again", 33)).sequence()).isEqualTo(3);
        }
        assertThat(DataDirectory.frames(segment)).extracting(Frame::firstSequence).containsExactly(1L, 2L, 3L);
    }

    @Test
    void damageBeforeIntactRecordsStillRefusesToStartWhenFillFollows() {
        // given
        DataDirectory crashed = crashedAfterThreeCommits();
        Path segment = crashed.lastSegment();
        Frame first = DataDirectory.frames(segment).get(0);
        DataDirectory.flipBit(segment, first.offset() + Frame.PREFIX_BYTES + 3, 2);

        // when / then
        assertThatThrownBy(() -> LithairStore.open(fastOptions(crashed.path())))
                .isInstanceOf(LogCorruptedException.class)
                .hasMessageContaining("intact records follow");
    }

    @Test
    void aRolledSegmentEndsWithItsLastRecord() {
        // given
        Path directory = tmp.resolve("rolled");
        try (LithairStore store = LithairStore.open(fastOptions(directory).withSegmentBytes(4096))) {
            // when
            for (int i = 1; i <= 60; i++) {
                store.commit(createProduct("p" + i, "Product number " + i, i));
            }

            // then: every segment but the active one holds records only, the active one at most its size
            List<Path> segments = DataDirectory.at(directory).segments();
            assertThat(segments).hasSizeGreaterThan(2);
            for (Path sealed : segments.subList(0, segments.size() - 1)) {
                List<Frame> frames = DataDirectory.frames(sealed);
                Frame last = frames.get(frames.size() - 1);
                assertThat(DataDirectory.size(sealed)).as("%s", sealed).isEqualTo(last.offset() + last.sizeOnDisk());
            }
            assertThat(DataDirectory.size(segments.get(segments.size() - 1))).isLessThanOrEqualTo(4096);
            assertThat(store.get("Product", "p60")).contains(product("p60", "Product number 60", 60));
        }
    }
}
