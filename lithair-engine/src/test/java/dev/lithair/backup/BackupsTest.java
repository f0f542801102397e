package dev.lithair.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lithair.exception.BackupRefusedException;
import dev.lithair.store.FsyncPolicy;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.CommitResult;
import dev.lithair.store.spi.Operation;
import dev.lithair.support.DataDirectory;
import dev.lithair.support.Entities;
import dev.lithair.support.MutableClock;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class BackupsTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    Path dir;

    private Path backups() {
        return dir.resolve("backups");
    }

    @Test
    void listGivesEveryCompleteBackupOldestFirstAndLeavesOutFoldersWithoutACompleteManifest() throws IOException {
        MutableClock clock = new MutableClock(T0);
        List<BackupInfo> taken = new ArrayList<>();
        try (LithairStore store = LithairStore.open(Entities.fastOptions(dir.resolve("data")).withClock(clock))) {
            for (int i = 0; i < 3; i++) {
                // Later backups get names that sort first, so the order comes from their times.
                clock.set(T0.plusSeconds(3600L * (3 - i) * (i == 0 ? 1 : -1) + i));
                store.commit(Entities.createProduct("p" + i, "Lamp", i));
                taken.add(store.backup(backups()).join());
            }
        }
        Files.createDirectories(backups().resolve("backup-being-written"));
        Files.writeString(backups().resolve("backup-being-written").resolve("meta.raftmeta"), "{}");
        Files.createDirectories(backups().resolve("backup-manifest-half-written"));
        Files.writeString(backups().resolve("backup-manifest-half-written").resolve("backup.json.tmp"), "{\"fo");
        Files.createDirectories(backups().resolve("backup-damaged"));
        Files.writeString(backups().resolve("backup-damaged").resolve("backup.json"), "{\"format\": 1}");
        Files.writeString(backups().resolve("notes.txt"), "not a folder");

        List<BackupInfo> listed = Backups.list(backups());

        assertThat(listed).extracting(BackupInfo::time).isSorted();
        assertThat(listed).containsExactlyInAnyOrderElementsOf(taken);
        assertThat(listed).extracting(BackupInfo::sequence).containsExactly(2L, 3L, 1L);
        assertThat(listed.get(0).directory()).isEqualTo(backups().resolve(listed.get(0).name()));
    }

    @Test
    void listOfAMissingDirectoryIsEmptyAndOfAFileFails() throws IOException {
        Files.writeString(dir.resolve("file"), "x");

        assertThat(Backups.list(dir.resolve("nowhere"))).isEmpty();
        assertThatThrownBy(() -> Backups.list(dir.resolve("file"))).isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageContaining("is not a directory of backups");
    }

    @Test
    void readRefusesAFolderWithoutAManifest() throws IOException {
        Files.createDirectories(dir.resolve("empty"));

        assertThatThrownBy(() -> Backups.read(dir.resolve("empty")))
                .isInstanceOfSatisfying(BackupRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(BackupRefusedException.Reason.NOT_A_BACKUP));
    }

    private static Commit put(String id, long value) {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("id", id).put("value", value);
        return Commit.of(new Operation.Put("Item", id, node));
    }

    @Test
    void aCopyOfADirectoryAStoreKeepsWritingAndCompactingRestoresToAConsistentPrefixOfItsCommits()
            throws Exception {
        StoreOptions options = StoreOptions.defaults(dir.resolve("data")).withFsyncPolicy(FsyncPolicy.NEVER)
                .withSegmentBytes(8 * 1024).withSnapshotEveryEvents(300).withSnapshotsRetained(1);
        Map<Long, Commit> acknowledged = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger counter = new AtomicInteger();
        List<BackupInfo> copies = new ArrayList<>();
        try (LithairStore store = LithairStore.open(options)) {
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                writers.add(new Thread(() -> {
                    try {
                        while (!stop.get()) {
                            Commit commit = put("k" + ThreadLocalRandom.current().nextInt(200), counter.incrementAndGet());
                            CommitResult result = store.commit(commit);
                            acknowledged.put(result.sequence(), commit);
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            writers.forEach(Thread::start);
            for (int i = 0; i < 5; i++) {
                while (store.lastSequence() < 1000L * (i + 1)) {
                    Thread.sleep(2);
                }
                copies.add(Backups.copy(dir.resolve("data"), dir.resolve("copy-" + i)));
            }
            stop.set(true);
            for (Thread writer : writers) {
                writer.join();
            }
        }
        assertThat(failures).isEmpty();

        for (BackupInfo copy : copies) {
            Path restored = dir.resolve("restored-" + copy.name());
            Backups.restore(copy.directory(), restored, RestorePoint.end());
            try (LithairStore store = LithairStore.open(Entities.fastOptions(restored))) {
                assertThat(store.lastSequence()).isEqualTo(copy.sequence());
                Map<String, Long> values = new TreeMap<>();
                store.all("Item").forEach(item -> values.put(item.get("id").asString(), item.get("value").asLong()));
                Map<String, Long> model = new TreeMap<>();
                new TreeMap<>(acknowledged).headMap(copy.sequence(), true).values().forEach(commit -> {
                    Operation.Put put = (Operation.Put) commit.operations().get(0);
                    model.put(put.entityId(), ((ObjectNode) put.entity()).get("value").asLong());
                });
                assertThat(values).as("restored %s", copy.name()).isEqualTo(model);
            }
        }
    }

    @Test
    void aCopyWritesNothingInTheDataDirectoryAndCutsTheLastSegmentAfterItsLastWholeRecord() throws IOException {
        Path data = dir.resolve("data");
        try (LithairStore store = LithairStore.open(Entities.fastOptions(data))) {
            store.commit(put("a", 1));
            store.commit(put("b", 2));
            Map<String, String> before = DataDirectory.at(data).fingerprint();
            Path segment = DataDirectory.at(data).lastSegment();
            long records = DataDirectory.frames(segment).stream().mapToLong(f -> f.sizeOnDisk()).sum();
            assertThat(DataDirectory.size(segment)).as("the open store's fill").isGreaterThan(records);

            BackupInfo copy = Backups.copy(data, dir.resolve("copy"));

            assertThat(DataDirectory.at(data).fingerprint()).isEqualTo(before);
            assertThat(copy.sequence()).isEqualTo(2);
            assertThat(DataDirectory.size(dir.resolve("copy").resolve(segment.getFileName()))).isEqualTo(records);
            assertThat(copy.name()).isEqualTo("copy");
        }
    }

    @Test
    void aCopyOfAFolderWithoutLithairDataOrIntoAFolderThatIsNotEmptyIsRefusedAndWritesNothing() throws IOException {
        Path data = dir.resolve("data");
        try (LithairStore store = LithairStore.open(Entities.fastOptions(data))) {
            store.commit(put("a", 1));
        }
        Path busy = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(busy.resolve("x"), "x");
        Files.createDirectories(dir.resolve("nothing"));

        assertThatThrownBy(() -> Backups.copy(data, busy)).isInstanceOfSatisfying(BackupRefusedException.class,
                refused -> assertThat(refused.reason()).isEqualTo(BackupRefusedException.Reason.TARGET_NOT_EMPTY));
        assertThatThrownBy(() -> Backups.copy(dir.resolve("nothing"), dir.resolve("target")))
                .isInstanceOfSatisfying(BackupRefusedException.class, refused -> assertThat(refused.reason())
                        .isEqualTo(BackupRefusedException.Reason.NOT_A_DATA_DIRECTORY));
        assertThat(dir.resolve("target")).doesNotExist();
        assertThat(DataDirectory.at(busy).fingerprint()).containsOnlyKeys("x");
    }

    @Test
    void aCopyOfADamagedLogIsRefusedAsDamagedAndLeavesNoTarget() {
        Path data = dir.resolve("data");
        try (LithairStore store = LithairStore.open(Entities.fastOptions(data))) {
            for (int i = 0; i < 5; i++) {
                store.commit(put("k" + i, i));
            }
        }
        Path segment = DataDirectory.at(data).lastSegment();
        DataDirectory.flipBit(segment, DataDirectory.frames(segment).get(1).offset() + 20, 3);

        assertThatThrownBy(() -> Backups.copy(data, dir.resolve("copy")))
                .isInstanceOfSatisfying(BackupRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(BackupRefusedException.Reason.DAMAGED))
                .hasMessageContaining("intact records follow");
        assertThat(dir.resolve("copy")).doesNotExist();
    }
}
