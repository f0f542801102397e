package dev.lithair.replication.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lithair.annotation.Historize;
import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.backup.BackupInfo;
import dev.lithair.backup.Backups;
import dev.lithair.backup.RestorePoint;
import dev.lithair.history.FieldChange;
import dev.lithair.model.EntityModel;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;
import dev.lithair.testsupport.Awaits;

/**
 * A cluster backed up from a member, and a new cluster seeded from a backup: the restored member makes the
 * backup its first Raft snapshot, and the members started after it install it.
 */
class ClusterBackupRestoreTest {

    record Price(String id, @Historize(HistoryPolicy.FULL) BigDecimal amount) {
    }

    private static final List<EntityModel<?>> MODELS = List.of(EntityModel.of(Price.class, HistoryPolicy.NONE));

    @TempDir
    Path root;

    private ThreeMembers members;

    @AfterEach
    void stop() {
        if (members != null) {
            members.close();
        }
    }

    private static void writePrices(LithairStore store) {
        for (int i = 0; i < 20; i++) {
            for (int change = 1; change <= 3; change++) {
                store.commit(Commit.of(new Operation.Put("Price", "p" + i, new Price("p" + i,
                        BigDecimal.valueOf(i * 10L + change)))));
            }
        }
        store.commit(Commit.of(new Operation.Delete("Price", "p0")));
    }

    /** The backup of a single node holding the prices. */
    private BackupInfo singleNodeBackup() {
        try (LithairStore store = LithairStore.open(StoreOptions.defaults(root.resolve("single")), MODELS)) {
            writePrices(store);
            return store.backup(root.resolve("backups")).join();
        }
    }

    @Test
    void aFollowersBackupRestoresToTheStateTheClusterHadAtItsSequence() {
        members = new ThreeMembers(root.resolve("cluster"), MODELS).start();
        writePrices(members.store(members.leader()));
        members.awaitConverged();
        LithairStore follower = members.store(members.follower());

        BackupInfo backup = follower.backup(root.resolve("backups")).join();
        members.store(members.leader()).commit(Commit.of(new Operation.Put("Price", "late",
                new Price("late", BigDecimal.ONE))));

        assertThat(backup.sequence()).isEqualTo(61);
        Backups.restore(backup.directory(), root.resolve("restored"), RestorePoint.end());
        try (LithairStore restored = LithairStore.open(StoreOptions.defaults(root.resolve("restored")), MODELS)) {
            assertThat(restored.lastSequence()).isEqualTo(61);
            assertThat(restored.findAll(Price.class)).hasSize(19).doesNotContain(new Price("late", BigDecimal.ONE));
            assertThat(restored.history("Price", "p7", "amount")).extracting(FieldChange::newValue)
                    .containsExactly(new BigDecimal("71"), new BigDecimal("72"), new BigDecimal("73"));
        }
        assertThat(Backups.list(root.resolve("backups"))).extracting(BackupInfo::name).containsExactly(backup.name());
    }

    @Test
    void aClusterSeededFromABackupServesItsStateOnEveryMemberAndTakesWrites() throws IOException {
        BackupInfo backup = singleNodeBackup();
        members = new ThreeMembers(root.resolve("cluster"), MODELS);
        Backups.restoreAsClusterSeed(backup.directory(), root.resolve("cluster").resolve("member-0"),
                RestorePoint.end());

        members.startMember(0);
        members.startMember(1);
        Awaits.await().until(() -> members.cluster(0).isLeader());
        members.startMember(2);
        LithairStore leader = members.store(0);
        leader.commit(Commit.of(new Operation.Put("Price", "p1", new Price("p1", new BigDecimal("99")))));
        members.awaitConverged();

        for (int i = 0; i < 3; i++) {
            LithairStore member = members.store(i);
            assertThat(member.findAll(Price.class)).as("member %d", i).hasSize(19)
                    .contains(new Price("p1", new BigDecimal("99")));
            assertThat(member.history("Price", "p1", "amount")).extracting(FieldChange::newValue)
                    .containsExactly(new BigDecimal("11"), new BigDecimal("12"), new BigDecimal("13"),
                            new BigDecimal("99"));
            assertThat(member.history("Price", "p0", "amount")).as("a deleted entity's trail").hasSize(3);
        }
        try (Stream<Path> files = Files.list(root.resolve("cluster").resolve("member-0"))) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .as("the restored files and the marker are gone").doesNotContain("cluster-seed")
                    .noneMatch(name -> name.endsWith(".raftlog") || name.endsWith(".raftsnap"));
        }
        members.stopMember(0);
        members.startMember(0);
        Awaits.await().untilAsserted(() -> assertThat(members.store(0).find(Price.class, "p1"))
                .contains(new Price("p1", new BigDecimal("99"))));
    }

    @Test
    void aSeedIntoAMemberThatHasRaftStateIsRefusedAndLeavesTheRestoredFiles() throws IOException {
        BackupInfo backup = singleNodeBackup();
        members = new ThreeMembers(root.resolve("cluster"), MODELS).start();
        members.stopMember(0);
        Path member = root.resolve("cluster").resolve("member-0");
        Path seed = root.resolve("seed");
        Backups.restoreAsClusterSeed(backup.directory(), seed, RestorePoint.end());
        try (Stream<Path> files = Files.list(seed)) {
            for (Path file : files.filter(file -> !file.getFileName().toString().equals("meta.raftmeta")).toList()) {
                Files.copy(file, member.resolve(file.getFileName()));
            }
        }

        assertThatThrownBy(() -> members.startMember(0)).hasMessageContaining("also Raft state");

        assertThat(member.resolve("cluster-seed")).exists();
    }
}
