package dev.lithair.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.lithair.exception.StoreUnavailableException;
import dev.lithair.store.FsyncPolicy;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.CommitResult;
import dev.lithair.store.spi.Operation;
import dev.lithair.support.DataDirectory;
import dev.lithair.support.Entities;
import dev.lithair.support.NoCommitPath;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class OnlineBackupTest {

    private static final int KEYS = 300;

    @TempDir
    Path dir;

    private Path data() {
        return dir.resolve("data");
    }

    private Path backups() {
        return dir.resolve("backups");
    }

    private static Commit put(String id, long value) {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("id", id).put("value", value);
        return Commit.of(new Operation.Put("Item", id, node));
    }

    /** The value of every item after applying the acknowledged puts up to {@code sequence}, in sequence order. */
    private static Map<String, Long> model(Map<Long, Commit> acknowledged, long sequence) {
        Map<String, Long> values = new TreeMap<>();
        new TreeMap<>(acknowledged).headMap(sequence, true).values().forEach(commit -> {
            Operation.Put put = (Operation.Put) commit.operations().get(0);
            values.put(put.entityId(), ((ObjectNode) put.entity()).get("value").asLong());
        });
        return values;
    }

    private static Map<String, Long> values(LithairStore store) {
        Map<String, Long> values = new TreeMap<>();
        store.all("Item").forEach(item -> values.put(item.get("id").asString(), item.get("value").asLong()));
        return values;
    }

    @ParameterizedTest
    @EnumSource(FsyncPolicy.class)
    void aBackupTakenWhileThreadsCommitRestoresToExactlyTheCommitsUpToItsSequence(FsyncPolicy policy)
            throws Exception {
        StoreOptions options = StoreOptions.defaults(data()).withFsyncPolicy(policy).withSegmentBytes(32 * 1024)
                .withSnapshotEveryEvents(700);
        Map<Long, Commit> acknowledged = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger counter = new AtomicInteger();
        BackupInfo backup;
        long lastWritten;
        try (LithairStore store = LithairStore.open(options)) {
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                writers.add(new Thread(() -> {
                    try {
                        while (!stop.get()) {
                            Commit commit = put("k" + ThreadLocalRandom.current().nextInt(KEYS), counter.incrementAndGet());
                            CommitResult result = store.commit(commit);
                            acknowledged.put(result.sequence(), commit);
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            writers.forEach(Thread::start);
            while (store.lastSequence() < 2000) {
                Thread.sleep(5);
            }
            backup = store.backup(backups()).join();
            long atBackup = store.lastSequence();
            while (store.lastSequence() < atBackup + 1000) {
                Thread.sleep(5);
            }
            store.compact().join();
            stop.set(true);
            for (Thread writer : writers) {
                writer.join();
            }
            lastWritten = store.lastSequence();
        }
        assertThat(failures).isEmpty();
        assertThat(backup.sequence()).isGreaterThanOrEqualTo(2000).isLessThan(lastWritten);
        assertThat(backup.directory()).isEqualTo(backups().resolve(backup.name()));
        assertThat(backup.name()).matches("backup-\\d{8}T\\d{6}Z-" + backup.sequence());

        Path restored = dir.resolve("restored");
        RestoreResult result = Backups.restore(backup.directory(), restored, RestorePoint.end());

        assertThat(result.sequence()).isEqualTo(backup.sequence());
        try (LithairStore store = LithairStore.open(Entities.fastOptions(restored))) {
            assertThat(store.lastSequence()).isEqualTo(backup.sequence());
            assertThat(values(store)).isEqualTo(model(acknowledged, backup.sequence()));
        }
    }

    @Test
    void aStoreOpensOnTheBackupFolderItselfWithTheSameContents() {
        BackupInfo backup;
        Map<String, Long> expected;
        try (LithairStore store = LithairStore.open(Entities.fastOptions(data()).withSegmentBytes(4096))) {
            for (int i = 0; i < 100; i++) {
                store.commit(put("k" + (i % 20), i));
            }
            store.snapshot().join();
            store.commit(put("k1", 1000));
            expected = values(store);
            backup = store.backup(backups()).join();
        }

        try (LithairStore copy = LithairStore.open(Entities.fastOptions(backup.directory()))) {
            assertThat(copy.lastSequence()).isEqualTo(101).isEqualTo(backup.sequence());
            assertThat(values(copy)).isEqualTo(expected);
        }
    }

    @Test
    void sealedSegmentsAndSnapshotsAreLinkedAndTheBackupDoesNotChangeWhenTheStoreWritesAndCompactsOn()
            throws IOException {
        BackupInfo backup;
        try (LithairStore store = LithairStore.open(Entities.fastOptions(data()).withSegmentBytes(4096))) {
            for (int i = 0; i < 400; i++) {
                store.commit(put("k" + (i % 30), i));
                if (i == 199) {
                    store.snapshot().join();
                }
            }
            store.snapshot().join(); // two snapshots retained: the segments between them stay
            store.commit(put("k1", 1000));
            backup = store.backup(backups()).join();
            Map<String, String> before = DataDirectory.at(backup.directory()).fingerprint();
            DataDirectory live = DataDirectory.at(data());
            Path sealed = live.segments().get(0);
            Path snapshot = live.snapshots().get(0);

            assertThat(Files.isSameFile(sealed, backup.directory().resolve(sealed.getFileName()))).isTrue();
            assertThat(Files.isSameFile(snapshot, backup.directory().resolve(snapshot.getFileName()))).isTrue();
            assertThat(Files.isSameFile(live.lastSegment(), backup.directory().resolve(live.lastSegment().getFileName())))
                    .as("the active segment is copied").isFalse();

            for (int i = 0; i < 200; i++) {
                store.commit(put("k" + (i % 30), 5000 + i));
            }
            store.compact().join();
            store.commit(put("k2", 9000));

            assertThat(DataDirectory.at(backup.directory()).fingerprint()).isEqualTo(before);
        }
        assertThat(Backups.list(backups())).containsExactly(backup);
    }

    @Test
    void whenTheActiveSegmentHoldsNoRecordTheNewestSealedSegmentIsCopiedForTheLogMayResumeInIt() throws IOException {
        try (LithairStore store = LithairStore.open(Entities.fastOptions(data()).withSegmentBytes(4096))) {
            for (int i = 0; i < 100; i++) {
                store.commit(put("k" + (i % 30), i));
                if (i == 49) {
                    store.snapshot().join();
                }
            }
            store.snapshot().join(); // the segments after the older snapshot stay
        }
        // The log's last record lost behind the snapshot (as without fsync): the store reopens on a new, empty
        // segment after the snapshot, the older ones sealed.
        Path last = DataDirectory.at(data()).lastSegment();
        List<dev.lithair.internal.log.Frame> frames = DataDirectory.frames(last);
        DataDirectory.truncate(last, frames.get(frames.size() - 1).offset());
        BackupInfo backup;
        try (LithairStore store = LithairStore.open(Entities.fastOptions(data()).withSegmentBytes(4096))) {
            assertThat(DataDirectory.size(DataDirectory.at(data()).lastSegment())).isZero();
            backup = store.backup(backups()).join();
        }

        Path copy = backup.directory().resolve(last.getFileName());
        assertThat(Files.getAttribute(copy, "unix:nlink")).isEqualTo(1);
        List<Path> segments = DataDirectory.at(backup.directory()).segments();
        assertThat(Files.getAttribute(segments.get(0), "unix:nlink")).isEqualTo(2);
        assertThat(segments).hasSizeGreaterThan(1).last().isEqualTo(copy);
        assertThat(backup.sequence()).isEqualTo(100);
    }

    @Test
    void twoBackupsAtTheSameSecondAndSequenceGetTwoFoldersWhoseNamesSortByTime() {
        try (LithairStore store = LithairStore.open(Entities.fastOptions(data())
                .withClock(java.time.Clock.fixed(java.time.Instant.parse("2026-12-07T11:22:33.456Z"),
                        java.time.ZoneOffset.UTC)))) {
            store.commit(put("a", 1));
            BackupInfo first = store.backup(backups()).join();
            BackupInfo second = store.backup(backups()).join();

            assertThat(first.name()).isEqualTo("backup-20261207T112233Z-1");
            assertThat(second.name()).isEqualTo("backup-20261207T112233Z-1-2");
            assertThat(first.time()).isEqualTo(java.time.Instant.parse("2026-12-07T11:22:33.456Z"));
            assertThat(first.bytes()).isEqualTo(second.bytes()).isPositive();
            assertThat(Backups.list(backups())).containsExactly(first, second);
        }
    }

    @Test
    void theBackupsBytesAreTheSizeOfItsDataFiles() throws IOException {
        try (LithairStore store = LithairStore.open(Entities.fastOptions(data()))) {
            store.commit(put("a", 1));
            store.snapshot().join();
            store.commit(put("b", 2));
            BackupInfo backup = store.backup(backups()).join();

            long size = 0;
            try (Stream<Path> files = Files.list(backup.directory())) {
                for (Path file : files.toList()) {
                    if (!file.getFileName().toString().equals(Backups.MANIFEST_FILE_NAME)) {
                        size += Files.size(file);
                    }
                }
            }
            assertThat(backup.bytes()).isEqualTo(size);
            assertThat(backup.sequence()).isEqualTo(2);
        }
    }

    @Test
    void anEmptyStoreBacksUpAndRestoresToAnEmptyStore() {
        BackupInfo backup;
        try (LithairStore store = LithairStore.open(Entities.fastOptions(data()))) {
            backup = store.backup(backups()).join();
        }
        assertThat(backup.sequence()).isZero();

        RestoreResult result = Backups.restore(backup.directory(), dir.resolve("restored"), RestorePoint.end());

        assertThat(result.sequence()).isZero();
        try (LithairStore store = LithairStore.open(Entities.fastOptions(dir.resolve("restored")))) {
            assertThat(store.lastSequence()).isZero();
        }
    }

    @Test
    void aClosedStoreRefusesABackupAndWritesNothing() {
        LithairStore store = LithairStore.open(Entities.fastOptions(data()));
        store.close();

        CompletableFuture<BackupInfo> backup = store.backup(backups());

        assertThatThrownBy(backup::join).hasCauseInstanceOf(StoreUnavailableException.class);
        assertThat(backups()).doesNotExist();
    }

    @Test
    void aStoreOnAReplicatedLogWithoutBackupsRefusesThem() {
        try (LithairStore store = LithairStore.open(Entities.fastOptions(data()), List.of(), List.of(),
                replica -> new NoCommitPath())) {
            assertThatThrownBy(() -> store.backup(backups())).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("backups are not supported by this commit path");
        }
        assertThat(backups()).doesNotExist();
    }
}
