package dev.lithair.store;

import static dev.lithair.support.Entities.contentsOf;
import static dev.lithair.support.Entities.createProduct;
import static dev.lithair.support.Entities.fastOptions;
import static dev.lithair.support.Entities.product;
import static dev.lithair.support.Entities.putProduct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.lithair.exception.LogCorruptedException;
import dev.lithair.internal.log.Frame;
import dev.lithair.internal.snapshot.SnapshotStore;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;
import dev.lithair.store.spi.SnapshotInfo;
import dev.lithair.support.DataDirectory;
import dev.lithair.support.Workload;
import tools.jackson.databind.node.ObjectNode;

/**
 * Start-up from a snapshot plus the log after it must rebuild exactly the state a full replay
 * rebuilds; an unreadable snapshot must fall back to an older one; compaction must delete only
 * what a retained snapshot covers.
 */
class SnapshotRecoveryTest {

    @TempDir
    Path tmp;

    @Test
    void replayingFromASnapshotAndTheLogTailRebuildsTheSameStateAsReplayingTheWholeLog() {
        // given: the same commits in a store that snapshots every 7 events and in one that never does
        Path snapshotted = tmp.resolve("snapshotted");
        Path logOnly = tmp.resolve("log-only");
        Workload workload = new Workload(42);
        List<Commit> commits = IntStream.range(0, 300).mapToObj(i -> workload.next()).toList();
        try (LithairStore withSnapshots = LithairStore.open(fastOptions(snapshotted).withSegmentBytes(4096)
                .withSnapshotEveryEvents(7));
                LithairStore withoutSnapshots = LithairStore.open(fastOptions(logOnly).withSegmentBytes(4096))) {
            for (Commit commit : commits.subList(0, 290)) {
                withSnapshots.commit(commit);
                withoutSnapshots.commit(commit);
            }
        }
        // and a tail after the newest snapshot, whenever the last automatic one happened to be taken
        try (LithairStore withSnapshots = LithairStore.open(fastOptions(snapshotted).withSegmentBytes(4096));
                LithairStore withoutSnapshots = LithairStore.open(fastOptions(logOnly).withSegmentBytes(4096))) {
            for (Commit commit : commits.subList(290, 300)) {
                withSnapshots.commit(commit);
                withoutSnapshots.commit(commit);
            }
        }
        List<Path> snapshots = DataDirectory.at(snapshotted).snapshots();
        assertThat(snapshots).isNotEmpty();
        assertThat(DataDirectory.at(logOnly).snapshots()).isEmpty();

        // when
        try (LithairStore fromSnapshot = LithairStore.open(fastOptions(snapshotted).withSegmentBytes(4096));
                LithairStore fromLog = LithairStore.open(fastOptions(logOnly).withSegmentBytes(4096))) {
            // then
            assertThat(fromSnapshot.recovery().snapshotSequence())
                    .isEqualTo(DataDirectory.sequenceOfSnapshot(snapshots.get(snapshots.size() - 1))).isPositive();
            assertThat(fromSnapshot.recovery().recordsReplayed()).isPositive()
                    .isLessThan(fromLog.recovery().recordsReplayed());
            assertThat(fromLog.recovery().snapshotSequence()).isZero();
            assertThat(contentsOf(fromSnapshot)).isEqualTo(contentsOf(fromLog)).isEqualTo(workload.expected());
            assertThat(fromSnapshot.lastSequence()).isEqualTo(fromLog.lastSequence());
            assertThat(fromSnapshot.stats().idempotencyKeys()).isEqualTo(fromLog.stats().idempotencyKeys());
        }
    }

    /** Ways a snapshot file can be damaged; each must make it unreadable rather than misread. */
    enum SnapshotDamage {
        FLIPPED_MAGIC,
        FLIPPED_FORMAT_MARKER,
        FLIPPED_BODY_BYTE,
        FLIPPED_CHECKSUM,
        TRUNCATED_BY_ONE_BYTE,
        TRUNCATED_TO_HALF,
        EMPTIED;

        void applyTo(Path snapshot) {
            long size = DataDirectory.size(snapshot);
            switch (this) {
                case FLIPPED_MAGIC -> DataDirectory.flipBit(snapshot, 0, 0);
                case FLIPPED_FORMAT_MARKER -> DataDirectory.flipBit(snapshot, 12, 1);
                case FLIPPED_BODY_BYTE -> DataDirectory.flipBit(snapshot, size / 2, 4);
                case FLIPPED_CHECKSUM -> DataDirectory.flipBit(snapshot, size - 1, 0);
                case TRUNCATED_BY_ONE_BYTE -> DataDirectory.truncate(snapshot, size - 1);
                case TRUNCATED_TO_HALF -> DataDirectory.truncate(snapshot, size / 2);
                case EMPTIED -> DataDirectory.truncate(snapshot, 0);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SnapshotDamage.class)
    void anUnreadableNewestSnapshotFallsBackToThePreviousSnapshotAndTheLog(SnapshotDamage damage) {
        // given
        StoreOptions options = fastOptions(tmp).withSegmentBytes(4096).withSnapshotsRetained(2);
        Workload workload = new Workload(7);
        long older;
        long newer;
        long last;
        try (LithairStore store = LithairStore.open(options)) {
            workload.commit(store, 80);
            older = store.snapshot().join().sequence();
            workload.commit(store, 80);
            newer = store.snapshot().join().sequence();
            workload.commit(store, 20);
            last = store.lastSequence();
        }
        DataDirectory directory = DataDirectory.at(tmp);
        assertThat(directory.snapshots()).extracting(DataDirectory::sequenceOfSnapshot).containsExactly(older, newer);
        damage.applyTo(directory.resolve(SnapshotStore.fileName(newer)));

        // when
        try (LithairStore store = LithairStore.open(options)) {
            // then
            assertThat(store.recovery().snapshotSequence()).isEqualTo(older);
            assertThat(contentsOf(store)).isEqualTo(workload.expected());
            assertThat(store.lastSequence()).isEqualTo(last);
            assertThat(store.commit(createProduct("after", "After", 1)).sequence()).isEqualTo(last + 1);
        }
    }

    @Test
    void whenNoSnapshotIsReadableAndTheLogNoLongerReachesBackStartUpRefusesInsteadOfServingPartialState() {
        // given: both snapshots damaged, and the log before the older one compacted away
        StoreOptions options = fastOptions(tmp).withSegmentBytes(4096).withSnapshotsRetained(2);
        Workload workload = new Workload(8);
        try (LithairStore store = LithairStore.open(options)) {
            workload.commit(store, 80);
            store.snapshot().join();
            workload.commit(store, 80);
            store.snapshot().join();
        }
        DataDirectory directory = DataDirectory.at(tmp);
        assertThat(DataDirectory.firstSequenceOf(directory.segments().get(0))).isGreaterThan(1);
        directory.snapshots().forEach(SnapshotDamage.FLIPPED_BODY_BYTE::applyTo);
        Map<String, String> before = directory.fingerprint();

        // when / then
        assertThatThrownBy(() -> LithairStore.open(options).close())
                .isInstanceOf(LogCorruptedException.class)
                .hasMessageContaining(directory.segments().get(0).getFileName().toString())
                .hasMessageContaining("missing");
        assertThat(directory.fingerprint()).isEqualTo(before);
    }

    @Test
    void aSnapshotDeletesExactlyTheSegmentsCoveredByTheOldestRetainedSnapshot() {
        // given
        StoreOptions options = fastOptions(tmp).withSegmentBytes(4096).withSnapshotsRetained(2);
        DataDirectory directory = DataDirectory.at(tmp);
        Workload workload = new Workload(9);
        List<Long> taken = new ArrayList<>();
        try (LithairStore store = LithairStore.open(options)) {
            for (int round = 0; round < 3; round++) {
                workload.commit(store, 150);
                List<Path> before = directory.segments();
                assertThat(before).hasSizeGreaterThan(3);
                Map<Path, Long> lastSequences = new HashMap<>();
                before.forEach(segment -> lastSequences.put(segment, lastSequenceIn(segment)));

                // when
                SnapshotInfo info = store.snapshot().join();
                taken.add(info.sequence());

                // then: the oldest retained snapshot is the previous one from the second round on
                long oldestRetained = taken.get(Math.max(0, taken.size() - 2));
                List<Path> covered = before.subList(0, before.size() - 1).stream()
                        .filter(segment -> lastSequences.get(segment) <= oldestRetained).toList();
                List<Path> expected = new ArrayList<>(before);
                expected.removeAll(covered);
                assertThat(directory.segments()).as("round %d", round).isEqualTo(expected);
                assertThat(info.segmentsDeleted()).as("round %d", round).isEqualTo(covered.size());
                // the log still reaches back to the event right after the oldest retained snapshot
                assertThat(DataDirectory.firstSequenceOf(expected.get(0))).isLessThanOrEqualTo(oldestRetained + 1);
                if (round != 1) {
                    assertThat(covered).as("round %d", round).isNotEmpty();
                }
            }
        }
        assertThat(directory.snapshots()).extracting(DataDirectory::sequenceOfSnapshot)
                .containsExactly(taken.get(1), taken.get(2));
        try (LithairStore reopened = LithairStore.open(options)) {
            assertThat(reopened.recovery().snapshotSequence()).isEqualTo(taken.get(2));
            assertThat(contentsOf(reopened)).isEqualTo(workload.expected());
        }
    }

    @Test
    void compactionLeavesOneSnapshotAndOnlyTheLogAfterItAndTheStateSurvivesARestart() {
        // given
        StoreOptions options = fastOptions(tmp).withSegmentBytes(4096).withSnapshotsRetained(2);
        DataDirectory directory = DataDirectory.at(tmp);
        Workload workload = new Workload(10);
        SnapshotInfo compacted;
        try (LithairStore store = LithairStore.open(options)) {
            workload.commit(store, 150);
            store.snapshot().join();
            workload.commit(store, 150);
            assertThat(directory.segments()).hasSizeGreaterThan(3);

            // when
            compacted = store.compact().join();

            // then
            assertThat(compacted.sequence()).isEqualTo(store.lastSequence());
        }
        assertThat(directory.snapshots()).extracting(DataDirectory::sequenceOfSnapshot)
                .containsExactly(compacted.sequence());
        assertThat(directory.segments()).allSatisfy(segment ->
                assertThat(DataDirectory.firstSequenceOf(segment)).isGreaterThan(compacted.sequence()));
        assertThat(directory.allFrames()).isEmpty();

        try (LithairStore reopened = LithairStore.open(options)) {
            assertThat(reopened.recovery().snapshotSequence()).isEqualTo(compacted.sequence());
            assertThat(reopened.recovery().recordsReplayed()).isZero();
            assertThat(reopened.lastSequence()).isEqualTo(compacted.sequence());
            assertThat(contentsOf(reopened)).isEqualTo(workload.expected());
            assertThat(reopened.commit(Commit.of(new Operation.Put("Marker", "after", product("after", "After", 1))))
                    .sequence()).isEqualTo(compacted.sequence() + 1);
            workload.commit(reopened, 30);
        }
        try (LithairStore reopened = LithairStore.open(options)) {
            Map<String, Map<String, ObjectNode>> expected = new TreeMap<>(workload.expected());
            expected.put("Marker", Map.of("after", product("after", "After", 1)));
            assertThat(reopened.recovery().snapshotSequence()).isEqualTo(compacted.sequence());
            assertThat(contentsOf(reopened)).isEqualTo(expected);
        }
    }

    @Test
    void deletedEntitiesStayDeletedAfterReplayAndAfterSnapshotAndReplay() {
        // given
        StoreOptions options = fastOptions(tmp);
        try (LithairStore store = LithairStore.open(options)) {
            for (int i = 1; i <= 4; i++) {
                store.commit(createProduct("p" + i, "Product " + i, i));
            }
            store.commit(Commit.of(new Operation.Delete("Product", "p2")));
            store.commit(Commit.of(putProduct("p5", "Five", 5), new Operation.Delete("Product", "p5")));
            store.commit(createProduct("p3", "Three, renamed", 33));
        }

        // when / then: replay of the log alone
        try (LithairStore store = LithairStore.open(options)) {
            assertThat(store.recovery().snapshotSequence()).isZero();
            assertThat(contentsOf(store)).isEqualTo(Map.of("Product", Map.of("p1", product("p1", "Product 1", 1),
                    "p3", product("p3", "Three, renamed", 33), "p4", product("p4", "Product 4", 4))));

            store.snapshot().join();
            store.commit(Commit.of(new Operation.Delete("Product", "p3")));
            store.commit(createProduct("p2", "Two, again", 22));
            store.commit(Commit.of(new Operation.Delete("Product", "p2")));
        }

        // when / then: the snapshot (taken after deletes) plus a tail of deletes
        Map<String, Map<String, ObjectNode>> expected = Map.of("Product",
                Map.of("p1", product("p1", "Product 1", 1), "p4", product("p4", "Product 4", 4)));
        try (LithairStore store = LithairStore.open(options)) {
            assertThat(store.recovery().snapshotSequence()).isPositive();
            assertThat(store.recovery().recordsReplayed()).isEqualTo(3);
            assertThat(contentsOf(store)).isEqualTo(expected);
            assertThat(store.get("Product", "p2")).isEmpty();
            assertThat(store.get("Product", "p3")).isEmpty();
            assertThat(store.get("Product", "p5")).isEmpty();
            store.compact().join();
        }

        // when / then: the compacted snapshot alone
        try (LithairStore store = LithairStore.open(options)) {
            assertThat(store.recovery().recordsReplayed()).isZero();
            assertThat(contentsOf(store)).isEqualTo(expected);
        }
    }

    private static long lastSequenceIn(Path segment) {
        List<Frame> frames = DataDirectory.frames(segment);
        return frames.get(frames.size() - 1).lastSequence();
    }
}
