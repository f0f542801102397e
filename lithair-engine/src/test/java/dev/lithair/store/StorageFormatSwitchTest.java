package dev.lithair.store;

import static dev.lithair.support.Entities.contentsOf;
import static dev.lithair.support.Entities.fastOptions;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lithair.event.StorageFormat;
import dev.lithair.internal.log.Frame;
import dev.lithair.internal.snapshot.SnapshotStore;
import dev.lithair.support.DataDirectory;
import dev.lithair.support.Workload;

/**
 * Every record and snapshot carries its format, so a data directory written partly in JSON and
 * partly in the binary format reads back exactly, whichever format the store is configured with.
 */
class StorageFormatSwitchTest {

    /** Offset of the format marker in a snapshot file: after the 8-byte magic and the int version. */
    private static final int SNAPSHOT_FORMAT_OFFSET = 12;

    @TempDir
    Path tmp;

    @Test
    void aDirectoryWrittenInJsonThenInBinaryAndSnapshottedReadsBackExactlyInEitherFormat() throws Exception {
        StoreOptions json = fastOptions(tmp).withFormat(StorageFormat.JSON);
        StoreOptions binary = fastOptions(tmp).withFormat(StorageFormat.BINARY);
        DataDirectory directory = DataDirectory.at(tmp);
        Workload workload = new Workload(11);

        // given: a JSON log
        try (LithairStore store = LithairStore.open(json)) {
            workload.commit(store, 60);
        }
        int jsonRecords = directory.allFrames().size();

        // when: reopened in binary, written to, snapshotted, written to again
        long snapshotSequence;
        try (LithairStore store = LithairStore.open(binary)) {
            assertThat(contentsOf(store)).isEqualTo(workload.expected());
            workload.commit(store, 60);
            snapshotSequence = store.snapshot().join().sequence();
            workload.commit(store, 30);
        }

        // then: the stored bytes carry both formats
        List<Frame> frames = directory.allFrames();
        assertThat(frames.subList(0, jsonRecords)).extracting(Frame::format).containsOnly(StorageFormat.JSON);
        assertThat(frames.subList(jsonRecords, frames.size())).isNotEmpty()
                .extracting(Frame::format).containsOnly(StorageFormat.BINARY);
        assertThat(frames.get(0).body()[0]).as("a JSON body starts an object").isEqualTo((byte) '{');
        assertThat(new String(frames.get(jsonRecords).body(), 0, 2, StandardCharsets.US_ASCII))
                .as("a Smile body starts with the Smile header").isEqualTo(":)");
        Path binarySnapshot = directory.resolve(SnapshotStore.fileName(snapshotSequence));
        assertThat(Files.readAllBytes(binarySnapshot)[SNAPSHOT_FORMAT_OFFSET]).isEqualTo(StorageFormat.BINARY.marker());

        // and: reopened in JSON, the binary snapshot and the mixed log tail give the exact state
        long jsonSnapshotSequence;
        try (LithairStore store = LithairStore.open(json)) {
            assertThat(store.recovery().snapshotSequence()).isEqualTo(snapshotSequence);
            assertThat(store.recovery().recordsReplayed()).isPositive();
            assertThat(contentsOf(store)).isEqualTo(workload.expected());
            workload.commit(store, 30);
            jsonSnapshotSequence = store.snapshot().join().sequence();
            workload.commit(store, 10);
        }
        Path jsonSnapshot = directory.resolve(SnapshotStore.fileName(jsonSnapshotSequence));
        assertThat(Files.readAllBytes(jsonSnapshot)[SNAPSHOT_FORMAT_OFFSET]).isEqualTo(StorageFormat.JSON.marker());
        List<Frame> lastFrames = directory.allFrames();
        assertThat(lastFrames.get(lastFrames.size() - 1).format()).isEqualTo(StorageFormat.JSON);

        // and: reopened in binary from the JSON snapshot, and replayed from the mixed log alone
        try (LithairStore store = LithairStore.open(binary)) {
            assertThat(store.recovery().snapshotSequence()).isEqualTo(jsonSnapshotSequence);
            assertThat(contentsOf(store)).isEqualTo(workload.expected());
        }
        DataDirectory logOnly = directory.copyTo(tmp.resolve("log-only"));
        for (Path snapshot : logOnly.snapshots()) {
            Files.delete(snapshot);
        }
        try (LithairStore store = LithairStore.open(fastOptions(logOnly.path()).withFormat(StorageFormat.BINARY))) {
            assertThat(store.recovery().snapshotSequence()).isZero();
            assertThat(contentsOf(store)).isEqualTo(workload.expected());
        }
    }
}
