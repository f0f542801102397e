package dev.lithair.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.annotation.Unique;
import dev.lithair.exception.StoreUnavailableException;
import dev.lithair.exception.UniqueViolationException;
import dev.lithair.exception.VersionConflictException;
import dev.lithair.model.EntityModel;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.CommitResult;
import dev.lithair.store.spi.Operation;
import dev.lithair.store.spi.SnapshotInfo;
import dev.lithair.support.DataDirectory;
import dev.lithair.support.FaultyFileSystem;
import dev.lithair.support.FaultyFileSystem.Fault;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * I/O errors injected where the store writes (a record, the segment's fill, a force, a snapshot and its
 * rename): a commit the disk refuses is refused to its caller with {@link StoreUnavailableException},
 * never read, and absent after recovery; the store recovers in place once the disk takes writes again;
 * a restart holds exactly the acknowledged commits. Snapshot failures never stop commits.
 */
class DiskFaultTest {

    private static final Duration RECOVERY = Duration.ofSeconds(30);

    record Account(String id, @Unique String login) {
    }

    record Counter(String id, long count, @org.springframework.data.annotation.Version Long version) {
    }

    @TempDir
    Path dir;

    private final FaultyFileSystem disk = new FaultyFileSystem();

    private static ObjectNode doc(String id) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", id);
        node.put("text", "value of " + id);
        return node;
    }

    private static Commit put(String id) {
        return Commit.of(new Operation.Put("Doc", id, doc(id)));
    }

    private LithairStore openFaulty(FsyncPolicy policy) {
        return LithairStore.open(StoreOptions.defaults(disk.wrap(dir)).withFsyncPolicy(policy)
                .withSnapshotEveryEvents(0));
    }

    /** Five commits acknowledged, then the store closed: the next write of a reopened store fills ahead again. */
    private void writeFiveAndClose(FsyncPolicy policy) {
        try (LithairStore store = openFaulty(policy)) {
            for (int i = 1; i <= 5; i++) {
                store.commit(put("a" + i));
            }
        }
    }

    private List<String> idsAfterRestart() {
        try (LithairStore reopened = LithairStore.open(StoreOptions.defaults(dir))) {
            return reopened.all("Doc").stream().map(node -> node.get("id").asString()).sorted().toList();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = { "LOG_WRITE", "LOG_FORCE" })
    void aCommitTheDiskRefusesIsRefusedNeverReadAndTheStoreWritesAgainOnceTheDiskDoes(Fault fault) {
        writeFiveAndClose(FsyncPolicy.ALWAYS);
        try (LithairStore store = openFaulty(FsyncPolicy.ALWAYS)) {
            disk.arm(fault);

            assertThatThrownBy(() -> store.commit(put("x1"))).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("Input/output error");
            assertThat(disk.struck(fault)).isPositive();
            assertThat(store.get("Doc", "x1")).isEmpty();
            assertThat(store.lastSequence()).isEqualTo(5);
            assertThat(store.haltCause()).get().extracting(Throwable::getMessage).asString()
                    .contains("cannot write to its data directory").contains("Input/output error");
            assertThatThrownBy(() -> store.commit(put("x2"))).isInstanceOf(StoreUnavailableException.class);
            assertThatThrownBy(() -> store.commitAsync(put("x3")).join()).hasCauseInstanceOf(
                    StoreUnavailableException.class);

            disk.clear(fault);
            await().atMost(RECOVERY).until(() -> store.haltCause().isEmpty());
            CommitResult after = store.commit(put("y1"));

            assertThat(after.sequence()).isEqualTo(6);
            assertThat(store.get("Doc", "y1")).isPresent();
            assertThat(Stream.of("x1", "x2", "x3").map(id -> store.get("Doc", id))).allMatch(found -> found.isEmpty());
        }
        assertThat(idsAfterRestart()).containsExactly("a1", "a2", "a3", "a4", "a5", "y1");
    }

    /**
     * The fill ahead of the records only makes forces cheaper: a disk that refuses it (nearly full, or
     * failing there) still takes the records, and refusing commits for it would keep a nearly full disk
     * from ever being written again.
     */
    @Test
    void aSegmentFillTheDiskRefusesIsSkippedAndTheCommitIsWrittenWithoutIt() {
        writeFiveAndClose(FsyncPolicy.ALWAYS);
        long sizeBefore = DataDirectory.size(DataDirectory.at(dir).lastSegment());
        try (LithairStore store = openFaulty(FsyncPolicy.ALWAYS)) {
            disk.arm(Fault.LOG_FILL);

            CommitResult written = store.commit(put("y1"));

            assertThat(disk.struck(Fault.LOG_FILL)).isPositive();
            assertThat(written.sequence()).isEqualTo(6);
            assertThat(store.haltCause()).isEmpty();
            assertThat(DataDirectory.size(DataDirectory.at(dir).lastSegment()))
                    .as("the segment grew by the record only, no fill").isLessThan(sizeBefore + 1024);
            disk.clear(Fault.LOG_FILL);
            store.commit(put("y2"));
        }
        assertThat(idsAfterRestart()).containsExactly("a1", "a2", "a3", "a4", "a5", "y1", "y2");
    }

    @Test
    void aCommitIsNotReadableWhileItsForceIsUnderWayNorAfterTheForceFails() throws Exception {
        writeFiveAndClose(FsyncPolicy.ALWAYS);
        try (LithairStore store = openFaulty(FsyncPolicy.ALWAYS)) {
            disk.holdLogForces();
            CompletableFuture<CommitResult> committing = CompletableFuture.supplyAsync(() -> store.commit(put("x1")));
            await().atMost(RECOVERY).until(() -> disk.logForcesHeld() > 0);

            assertThat(store.get("Doc", "x1")).as("read while its force is under way").isEmpty();
            assertThat(store.lastSequence()).isEqualTo(5);

            disk.arm(Fault.LOG_FORCE);
            disk.releaseLogForces();
            assertThatThrownBy(committing::get).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(StoreUnavailableException.class);
            assertThat(store.get("Doc", "x1")).as("read after its force failed").isEmpty();

            disk.clear(Fault.LOG_FORCE);
            await().atMost(RECOVERY).until(() -> store.haltCause().isEmpty());
            assertThat(store.get("Doc", "x1")).isEmpty();
        }
        assertThat(idsAfterRestart()).containsExactly("a1", "a2", "a3", "a4", "a5");
    }

    @Test
    void aCommitRefusedAfterItsWriteIsWhollyPresentOrWhollyAbsentAfterACrash() throws Exception {
        writeFiveAndClose(FsyncPolicy.ALWAYS);
        Path crashed = dir.resolveSibling(dir.getFileName() + "-as-crashed");
        try (LithairStore store = openFaulty(FsyncPolicy.ALWAYS)) {
            disk.arm(Fault.LOG_FORCE);
            Commit threeDocuments = new Commit(null, null, List.of(new Operation.Put("Doc", "x1", doc("x1")),
                    new Operation.Put("Doc", "x2", doc("x2")), new Operation.Put("Doc", "x3", doc("x3"))));
            assertThatThrownBy(() -> store.commit(threeDocuments)).isInstanceOf(StoreUnavailableException.class);

            // The process dies now, while the disk still fails: what it left is what the next start reads.
            DataDirectory.at(dir).copyTo(crashed);
        }
        try (LithairStore restarted = LithairStore.open(StoreOptions.defaults(crashed))) {
            List<String> ids = restarted.all("Doc").stream().map(node -> node.get("id").asString()).sorted().toList();
            assertThat(ids).isIn(List.of("a1", "a2", "a3", "a4", "a5", "x1", "x2", "x3"),
                    List.of("a1", "a2", "a3", "a4", "a5"));
        }
    }

    @Test
    void withBatchFsyncAFailedBackgroundForceRefusesTheNextCommitsAndKeepsTheAcknowledgedOnes() {
        writeFiveAndClose(FsyncPolicy.BATCH);
        try (LithairStore store = openFaulty(FsyncPolicy.BATCH)) {
            disk.arm(Fault.LOG_FORCE);
            store.commit(put("b1"));
            await().atMost(RECOVERY).until(() -> store.haltCause().isPresent());

            assertThatThrownBy(() -> store.commit(put("x1"))).isInstanceOf(StoreUnavailableException.class);
            assertThat(store.get("Doc", "b1")).as("acknowledged when written, before the force failed").isPresent();

            disk.clear(Fault.LOG_FORCE);
            await().atMost(RECOVERY).until(() -> store.haltCause().isEmpty());
            store.commit(put("b2"));
        }
        assertThat(idsAfterRestart()).containsExactly("a1", "a2", "a3", "a4", "a5", "b1", "b2");
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = { "SNAPSHOT_WRITE", "SNAPSHOT_RENAME" })
    void aSnapshotTheDiskRefusesFailsAloneWhileCommitsGoOnAndASnapshotLaterSucceeds(Fault fault) throws Exception {
        try (LithairStore store = openFaulty(FsyncPolicy.ALWAYS)) {
            store.commit(put("a1"));
            disk.arm(fault);

            assertThatThrownBy(() -> store.snapshot().get()).isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("Input/output error");
            store.commit(put("a2"));

            assertThat(store.haltCause()).isEmpty();
            assertThat(DataDirectory.at(dir).snapshots()).isEmpty();
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(file -> file.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
            }

            disk.clear(fault);
            SnapshotInfo info = store.snapshot().get();
            assertThat(info.sequence()).isEqualTo(2);
        }
        assertThat(idsAfterRestart()).containsExactly("a1", "a2");
    }

    @Test
    void automaticSnapshotsThatFailAreTriedAgainOnceTheDiskTakesThem() {
        try (LithairStore store = LithairStore.open(StoreOptions.defaults(disk.wrap(dir))
                .withFsyncPolicy(FsyncPolicy.NEVER).withSnapshotEveryEvents(10))) {
            disk.arm(Fault.SNAPSHOT_WRITE);
            for (int i = 1; i <= 30; i++) {
                store.commit(put("a" + i));
            }
            await().atMost(RECOVERY).until(() -> disk.struck(Fault.SNAPSHOT_WRITE) > 0);
            assertThat(store.haltCause()).isEmpty();

            disk.clear(Fault.SNAPSHOT_WRITE);
            int[] next = { 31 };
            await().atMost(RECOVERY).pollInterval(Duration.ofMillis(200)).until(() -> {
                store.commit(put("a" + next[0]++));
                return !DataDirectory.at(dir).snapshots().isEmpty();
            });
        }
    }

    @Test
    void theUniqueValuesAndIdempotencyKeyOfARefusedCommitAreFreeOnceTheStoreWritesAgain() {
        List<EntityModel<?>> models = List.of(EntityModel.of(Account.class, HistoryPolicy.NONE));
        try (LithairStore store = LithairStore.open(StoreOptions.defaults(disk.wrap(dir)), models)) {
            store.commit(Commit.of(new Operation.Put("Account", "u1", new Account("u1", "ann"))));
            disk.arm(Fault.LOG_FORCE);
            Commit refused = new Commit("key-1", null, List.of(new Operation.Put("Account", "u2", new Account("u2", "bob"))));
            assertThatThrownBy(() -> store.commit(refused)).isInstanceOf(StoreUnavailableException.class);

            disk.clear(Fault.LOG_FORCE);
            await().atMost(RECOVERY).until(() -> store.haltCause().isEmpty());
            CommitResult other = store.commit(Commit.of(new Operation.Put("Account", "u3", new Account("u3", "bob"))));
            CommitResult retried = store.commit(new Commit("key-1", null,
                    List.of(new Operation.Put("Account", "u4", new Account("u4", "cid")))));

            assertThat(other.events()).hasSize(1);
            assertThat(retried.duplicate()).isFalse();
            assertThat(store.indexes().uniqueHolder("Account", "login", "bob")).contains("u3");
            assertThat(store.find(Account.class, "u2")).isEmpty();
        }
    }

    @Test
    void commitsPlannedWhileEarlierOnesAwaitTheirForceSeeThemAndTheirUniqueValues() {
        List<EntityModel<?>> models = List.of(EntityModel.of(Account.class, HistoryPolicy.NONE));
        List<CompletableFuture<CommitResult>> results = new ArrayList<>();
        try (LithairStore store = LithairStore.open(StoreOptions.defaults(disk.wrap(dir)), models)) {
            disk.holdLogForces();
            results.add(store.commitAsync(Commit.of(new Operation.Put("Account", "u1", new Account("u1", "ann")))));
            await().atMost(RECOVERY).until(() -> disk.logForcesHeld() > 0);
            CompletableFuture<CommitResult> sameLogin = store.commitAsync(
                    Commit.of(new Operation.Put("Account", "u2", new Account("u2", "ann"))));
            CompletableFuture<CommitResult> rename = store.commitAsync(
                    Commit.of(new Operation.Put("Account", "u1", new Account("u1", "anne"))));
            CompletableFuture<CommitResult> takeFreed = store.commitAsync(
                    Commit.of(new Operation.Put("Account", "u3", new Account("u3", "ann"))));
            CompletableFuture<CommitResult> sameKey = store.commitAsync(new Commit("k", null,
                    List.of(new Operation.Put("Account", "u4", new Account("u4", "dan")))));
            CompletableFuture<CommitResult> sameKeyAgain = store.commitAsync(new Commit("k", null,
                    List.of(new Operation.Put("Account", "u5", new Account("u5", "eve")))));

            assertThat(store.find(Account.class, "u1")).as("not durable yet").isEmpty();
            disk.releaseLogForces();

            assertThatThrownBy(sameLogin::join).hasCauseInstanceOf(UniqueViolationException.class);
            assertThat(results.get(0).join().events()).hasSize(1);
            assertThat(rename.join().events()).hasSize(1);
            assertThat(takeFreed.join().events()).hasSize(1);
            assertThat(sameKey.join().duplicate()).isFalse();
            assertThat(sameKeyAgain.join().duplicate()).isTrue();
            assertThat(store.find(Account.class, "u1")).contains(new Account("u1", "anne"));
            assertThat(store.indexes().uniqueHolder("Account", "login", "ann")).contains("u3");
        }
    }

    @Test
    void aCommitRefusedBecauseOfOneNotDurableYetIsRefusedOnlyOnceThatOneIsReadable() {
        List<EntityModel<?>> models = List.of(EntityModel.of(Counter.class, HistoryPolicy.NONE));
        try (LithairStore store = LithairStore.open(StoreOptions.defaults(disk.wrap(dir)), models)) {
            store.commit(Commit.of(new Operation.Put("Counter", "c", new Counter("c", 0, 0L))));
            disk.holdLogForces();
            CompletableFuture<CommitResult> winner = store.commitAsync(
                    Commit.of(new Operation.Put("Counter", "c", new Counter("c", 1, 0L))));
            await().atMost(RECOVERY).until(() -> disk.logForcesHeld() > 0);
            CompletableFuture<CommitResult> stale = store.commitAsync(
                    Commit.of(new Operation.Put("Counter", "c", new Counter("c", 2, 0L))));

            await().during(Duration.ofMillis(300)).atMost(RECOVERY).until(() -> !stale.isDone());
            disk.releaseLogForces();

            assertThatThrownBy(stale::join).hasCauseInstanceOf(VersionConflictException.class);
            assertThat(winner.join().events()).hasSize(1);
            assertThat(store.find(Counter.class, "c")).as("what the refused caller reads to retry")
                    .contains(new Counter("c", 1, 1L));
        }
    }
}
