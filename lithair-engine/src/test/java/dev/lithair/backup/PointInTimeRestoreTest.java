package dev.lithair.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lithair.exception.BackupRefusedException;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;
import dev.lithair.support.Entities;
import dev.lithair.support.MutableClock;

/**
 * A shop whose commits are stamped at known instants, one minute apart:
 * <pre>
 * 1  10:00  create p1 price 1
 * 2  10:01  create p2 price 20
 * 3  10:02  update p1 price 2
 * 4  10:03  update p1 price 3
 * 5  10:04  create p3 price 30, update p2 price 21 (one commit, sequences 5..6)
 * 7  10:05  delete p2
 * </pre>
 */
class PointInTimeRestoreTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);

    private StoreOptions options(Path directory) {
        return Entities.fastOptions(directory).withClock(clock);
    }

    private static Instant at(int minute, int second) {
        return T0.plusSeconds(minute * 60L + second);
    }

    /** Writes the shop; {@code afterThird} runs after the third commit. */
    private BackupInfo shop(java.util.function.Consumer<LithairStore> afterThird) {
        try (LithairStore store = LithairStore.open(options(dir.resolve("data")))) {
            clock.set(at(0, 0));
            store.commit(Entities.createProduct("p1", "Lamp", 1));
            clock.set(at(1, 0));
            store.commit(Entities.createProduct("p2", "Desk", 20));
            clock.set(at(2, 0));
            store.commit(Entities.createProduct("p1", "Lamp", 2));
            afterThird.accept(store);
            clock.set(at(3, 0));
            store.commit(Entities.createProduct("p1", "Lamp", 3));
            clock.set(at(4, 0));
            store.commit(new Commit(null, null, java.util.List.of(Entities.putProduct("p3", "Chair", 30),
                    Entities.putProduct("p2", "Desk", 21))));
            clock.set(at(5, 0));
            store.commit(Commit.of(new Operation.Delete("Product", "p2")));
            clock.set(at(6, 0));
            return store.backup(dir.resolve("backups")).join();
        }
    }

    private BackupInfo shop() {
        return shop(store -> {
        });
    }

    /** Restores into a new directory and returns the prices of the products it holds. */
    private Map<String, Integer> restore(BackupInfo backup, String name, RestorePoint point, long expectedSequence) {
        RestoreResult result = Backups.restore(backup.directory(), dir.resolve(name), point);
        assertThat(result.sequence()).isEqualTo(expectedSequence);
        try (LithairStore store = LithairStore.open(options(dir.resolve(name)))) {
            assertThat(store.lastSequence()).isEqualTo(expectedSequence);
            Map<String, Integer> prices = new TreeMap<>();
            store.all("Product").forEach(p -> prices.put(p.get("id").asString(), p.get("price").asInt()));
            return prices;
        }
    }

    @Test
    void aRestoreToAnInstantBetweenTwoUpdatesHoldsTheCommitsUpToTheFirst() {
        BackupInfo backup = shop();

        assertThat(restore(backup, "at-10-02-30", RestorePoint.time(at(2, 30)), 3))
                .containsExactly(Map.entry("p1", 2), Map.entry("p2", 20));
    }

    @Test
    void aCommitStampedExactlyAtTheInstantIsKept() {
        BackupInfo backup = shop();

        assertThat(restore(backup, "at-10-03", RestorePoint.time(at(3, 0)), 4))
                .containsExactly(Map.entry("p1", 3), Map.entry("p2", 20));
    }

    @Test
    void aRestoreToASequenceHoldsTheCommitsUpToItAndNothingCreatedLater() {
        BackupInfo backup = shop();

        assertThat(restore(backup, "to-4", RestorePoint.sequence(4), 4))
                .containsExactly(Map.entry("p1", 3), Map.entry("p2", 20));
        assertThat(restore(backup, "to-6", RestorePoint.sequence(6), 6))
                .containsExactly(Map.entry("p1", 3), Map.entry("p2", 21), Map.entry("p3", 30));
    }

    @Test
    void aRestoreToTheEndOrAfterTheLastCommitHoldsEverything() {
        BackupInfo backup = shop();

        assertThat(restore(backup, "end", RestorePoint.end(), 7))
                .containsExactly(Map.entry("p1", 3), Map.entry("p3", 30));
        assertThat(restore(backup, "later", RestorePoint.time(at(30, 0)), 7))
                .containsExactly(Map.entry("p1", 3), Map.entry("p3", 30));
    }

    @Test
    void theRestoredLogEndsRightAfterTheCutsRecordAndReportsWhatItHolds() {
        BackupInfo backup = shop();

        RestoreResult result = Backups.restore(backup.directory(), dir.resolve("r"), RestorePoint.time(at(4, 59)));

        assertThat(result.sequence()).isEqualTo(6);
        assertThat(result.snapshotSequence()).isZero();
        assertThat(result.commits()).isEqualTo(5);
        assertThat(result.lastCommitTime()).isEqualTo(at(4, 0));
        assertThat(result.files()).containsExactly("meta.raftmeta", "events-00000000000000000001.raftlog");
        java.util.List<dev.lithair.internal.log.Frame> frames = dev.lithair.support.DataDirectory
                .frames(dir.resolve("r").resolve("events-00000000000000000001.raftlog"));
        assertThat(frames).hasSize(5);
        assertThat(dev.lithair.support.DataDirectory.size(dir.resolve("r").resolve(result.files().get(1))))
                .isEqualTo(frames.get(4).offset() + frames.get(4).sizeOnDisk());
    }

    @Test
    void aSequenceInsideACommitIsRefusedForACommitIsNeverCutInHalf() {
        BackupInfo backup = shop();

        assertThatThrownBy(() -> Backups.restore(backup.directory(), dir.resolve("r"), RestorePoint.sequence(5)))
                .isInstanceOfSatisfying(BackupRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(BackupRefusedException.Reason.UNREACHABLE_POINT))
                .hasMessageContaining("inside one commit, sequences 5..6").hasMessageContaining("restore to 4 or to 6");
        assertThat(dir.resolve("r")).doesNotExist();
    }

    @Test
    void aPointTheBackupDoesNotReachIsRefusedAndNothingIsWritten() {
        BackupInfo backup = shop();

        assertThatThrownBy(() -> Backups.restore(backup.directory(), dir.resolve("r"), RestorePoint.sequence(8)))
                .isInstanceOf(BackupRefusedException.class).hasMessageContaining("ends at sequence 7");
        assertThat(dir.resolve("r")).doesNotExist();
    }

    @Test
    void anInstantBeforeTheFirstCommitOfALogFromTheStartRestoresAnEmptyStore() {
        BackupInfo backup = shop();

        RestoreResult before = Backups.restore(backup.directory(), dir.resolve("r"), RestorePoint.time(at(-1, 0)));

        assertThat(before.sequence()).isZero();
        try (LithairStore store = LithairStore.open(options(dir.resolve("r")))) {
            assertThat(store.lastSequence()).isZero();
            assertThat(store.all("Product")).isEmpty();
        }
    }

    @Test
    void withASnapshotInTheMiddleARestoreStartsFromTheNewestSnapshotAtOrBelowTheCut() {
        BackupInfo backup = shop(store -> store.snapshot().join());

        RestoreResult atSnapshot = Backups.restore(backup.directory(), dir.resolve("at-3"), RestorePoint.time(at(2, 30)));
        RestoreResult after = Backups.restore(backup.directory(), dir.resolve("at-4"), RestorePoint.sequence(4));
        RestoreResult before = Backups.restore(backup.directory(), dir.resolve("at-2"), RestorePoint.sequence(2));

        assertThat(atSnapshot.snapshotSequence()).isEqualTo(3);
        assertThat(atSnapshot.files()).containsExactly("meta.raftmeta", "state-00000000000000000003.raftsnap");
        assertThat(atSnapshot.lastCommitTime()).isEqualTo(at(2, 0));
        assertThat(after.snapshotSequence()).isEqualTo(3);
        assertThat(after.commits()).isEqualTo(1);
        assertThat(before.snapshotSequence()).isZero();
        assertThat(before.files()).doesNotContain("state-00000000000000000003.raftsnap");
        assertThat(restore(backup, "again-at-3", RestorePoint.time(at(2, 30)), 3))
                .containsExactly(Map.entry("p1", 2), Map.entry("p2", 20));
        assertThat(restore(backup, "again-at-4", RestorePoint.sequence(4), 4))
                .containsExactly(Map.entry("p1", 3), Map.entry("p2", 20));
        assertThat(restore(backup, "again-at-2", RestorePoint.sequence(2), 2))
                .containsExactly(Map.entry("p1", 1), Map.entry("p2", 20));
    }

    @Test
    void afterACompactionARestoreToBeforeItsSnapshotIsRefusedClearlyAndOneAfterItWorks() {
        BackupInfo backup = shop(store -> store.compact().join());

        assertThatThrownBy(() -> Backups.restore(backup.directory(), dir.resolve("r"), RestorePoint.sequence(2)))
                .isInstanceOfSatisfying(BackupRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(BackupRefusedException.Reason.UNREACHABLE_POINT))
                .hasMessageContaining("cannot be restored to sequence 2")
                .hasMessageContaining("the earliest point it holds is sequence 3, its oldest snapshot (the log "
                        + "before it was compacted away; the log starts at sequence 4)");
        assertThatThrownBy(() -> Backups.restore(backup.directory(), dir.resolve("r"), RestorePoint.time(at(1, 30))))
                .isInstanceOf(BackupRefusedException.class)
                .hasMessageContaining("is before the first commit")
                .hasMessageContaining("restore to sequence 3");
        assertThat(dir.resolve("r")).doesNotExist();

        assertThat(restore(backup, "at-3", RestorePoint.sequence(3), 3))
                .containsExactly(Map.entry("p1", 2), Map.entry("p2", 20));
        assertThat(restore(backup, "at-10-03-30", RestorePoint.time(at(3, 30)), 4))
                .containsExactly(Map.entry("p1", 3), Map.entry("p2", 20));
    }

    @Test
    void aTargetThatIsNotEmptyIsRefusedAndKeepsItsFiles() throws Exception {
        BackupInfo backup = shop();
        Path target = java.nio.file.Files.createDirectories(dir.resolve("busy"));
        java.nio.file.Files.writeString(target.resolve("notes.txt"), "mine");

        assertThatThrownBy(() -> Backups.restore(backup.directory(), target, RestorePoint.end()))
                .isInstanceOfSatisfying(BackupRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(BackupRefusedException.Reason.TARGET_NOT_EMPTY));
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(target)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("notes.txt");
        }
    }

    @Test
    void aFolderWithoutAManifestIsNotABackup() {
        shop();

        assertThatThrownBy(() -> Backups.restore(dir.resolve("data"), dir.resolve("r"), RestorePoint.end()))
                .isInstanceOfSatisfying(BackupRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(BackupRefusedException.Reason.NOT_A_BACKUP));
        assertThat(dir.resolve("r")).doesNotExist();
    }
}
