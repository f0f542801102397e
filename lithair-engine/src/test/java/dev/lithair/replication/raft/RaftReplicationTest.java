package dev.lithair.replication.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.annotation.Version;

import dev.lithair.annotation.Historize;
import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.annotation.Immutable;
import dev.lithair.annotation.Indexed;
import dev.lithair.annotation.Unique;
import dev.lithair.event.ValueLimits;
import dev.lithair.exception.ImmutableFieldException;
import dev.lithair.exception.UniqueViolationException;
import dev.lithair.exception.ValueLimitException;
import dev.lithair.exception.VersionConflictException;
import dev.lithair.history.FieldChange;
import dev.lithair.model.EntityModel;
import dev.lithair.replication.ClusterStatus;
import dev.lithair.store.LithairStore;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.CommitResult;
import dev.lithair.store.spi.Operation;
import dev.lithair.store.spi.ReadConsistency;
import dev.lithair.testsupport.Awaits;

/**
 * Three members in one JVM on loopback: every operation is replicated through Raft and applied by the
 * same writer code on each member, so state, indexes, history and idempotency are identical everywhere,
 * and rejected writes fail alike on the leader and on a follower that forwards them.
 */
class RaftReplicationTest {

    record Account(String id, @Unique String email, @Indexed String city, @Immutable String owner,
            @Historize(HistoryPolicy.FULL) int balance, @Version Long version) {

        Account withBalance(int newBalance) {
            return new Account(id, email, city, owner, newBalance, version);
        }

        Account withEmail(String newEmail) {
            return new Account(id, newEmail, city, owner, balance, version);
        }

        Account withOwner(String newOwner) {
            return new Account(id, email, city, newOwner, balance, version);
        }

        Account withVersion(Long newVersion) {
            return new Account(id, email, city, owner, balance, newVersion);
        }
    }

    @TempDir
    Path root;

    private ThreeMembers members;

    private ThreeMembers start() {
        members = new ThreeMembers(root, List.of(EntityModel.of(Account.class, HistoryPolicy.NONE))).start();
        return members;
    }

    @AfterEach
    void stop() {
        if (members != null) {
            members.close();
        }
    }

    private static Commit put(Account account) {
        return Commit.of(new Operation.Put("Account", account.id(), account));
    }

    private static Account account(String id, String email, String city, int balance) {
        return new Account(id, email, city, "alice", balance, null);
    }

    @Test
    void everyOperationIsReplicatedAndEveryMemberHasTheSameStateIndexesAndHistory() {
        // given
        start();
        LithairStore leader = members.store(members.leader());
        LithairStore follower = members.store(members.follower());

        // when: creates, updates and deletes, single and batched, through the leader and through a follower
        leader.commit(put(account("a1", "a1@x", "Paris", 10)));
        follower.commit(put(account("a2", "a2@x", "Lyon", 20)));
        Account a1 = leader.find(Account.class, "a1").orElseThrow();
        follower.commit(put(a1.withBalance(11)));
        leader.commit(new Commit("batch-1", "bob", List.of(
                new Operation.Put("Account", "a3", account("a3", "a3@x", "Paris", 30)),
                new Operation.Put("Account", "a4", account("a4", "a4@x", "Nice", 40)),
                new Operation.Delete("Account", "a2"))));
        follower.commit(put(leader.find(Account.class, "a1").orElseThrow().withBalance(12)));
        members.awaitConverged();

        // then
        List<List<FieldChange>> histories = new ArrayList<>();
        for (int i : members.running()) {
            LithairStore store = members.store(i);
            assertThat(store.findAll(Account.class)).extracting(Account::id).containsExactlyInAnyOrder("a1", "a3", "a4");
            assertThat(store.find(Account.class, "a1")).contains(new Account("a1", "a1@x", "Paris", "alice", 12, 2L));
            assertThat(store.indexes().idsEqual("Account", "city", "Paris")).isEqualTo(Set.of("a1", "a3"));
            assertThat(store.indexes().idsEqual("Account", "city", "Lyon")).isEmpty();
            assertThat(store.indexes().uniqueHolder("Account", "email", "a4@x")).contains("a4");
            histories.add(store.history("Account", "a1", "balance"));
        }
        assertThat(histories.get(0)).extracting(FieldChange::newValue).containsExactly(10, 11, 12);
        assertThat(histories).allSatisfy(history -> assertThat(history).isEqualTo(histories.get(0)));
        assertThat(members.running()).allSatisfy(i -> assertThat(members.store(i).lastSequence())
                .isEqualTo(leader.lastSequence()));
    }

    @Test
    void aRejectedWriteThrowsTheSameTypedExceptionOnTheLeaderAndOnAFollowerAndChangesNothing() {
        // given
        start();
        LithairStore leader = members.store(members.leader());
        LithairStore follower = members.store(members.follower());
        leader.commit(put(account("a1", "taken@x", "Paris", 10)));
        leader.commit(put(account("a2", "free@x", "Paris", 20)));
        Account a2 = leader.find(Account.class, "a2").orElseThrow();
        members.awaitConverged();
        long before = leader.lastSequence();

        // when / then
        for (LithairStore store : List.of(leader, follower)) {
            assertThatThrownBy(() -> store.commit(put(a2.withEmail("taken@x"))))
                    .isInstanceOf(UniqueViolationException.class)
                    .hasMessageContaining("taken@x")
                    .satisfies(e -> assertThat(((UniqueViolationException) e).holderId()).isEqualTo("a1"));
            assertThatThrownBy(() -> store.commit(put(a2.withOwner("mallory"))))
                    .isInstanceOf(ImmutableFieldException.class)
                    .hasMessageContaining("owner is @Immutable; it is alice and cannot become mallory");
            assertThatThrownBy(() -> store.commit(put(a2.withBalance(99).withVersion(7L))))
                    .isInstanceOf(VersionConflictException.class)
                    .hasMessageContaining("stale, the stored version is 0");
            assertThatThrownBy(() -> store.commit(Commit.of(new Operation.Put("Account", "a9", "not an account"))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.commit(put(a2.withBalance(30)).withIdempotencyKey("k".repeat(257))))
                    .isInstanceOfSatisfying(ValueLimitException.class, refused -> assertThat(refused.limit())
                            .isEqualTo(ValueLimits.Limit.IDEMPOTENCY_KEY_LENGTH));
            assertThatThrownBy(() -> store.commit(put(account("a\ud800", "new@x", "Paris", 1))))
                    .isInstanceOfSatisfying(ValueLimitException.class, refused -> assertThat(refused.limit())
                            .isEqualTo(ValueLimits.Limit.UNPAIRED_SURROGATE));
        }
        members.awaitConverged();
        for (int i : members.running()) {
            assertThat(members.store(i).lastSequence()).isEqualTo(before);
            assertThat(members.store(i).find(Account.class, "a2")).contains(a2);
        }
    }

    @Test
    void whenTheLeaderStopsANewOneIsElectedWritesContinueAndARetriedKeyIsAppliedOnce() {
        // given: a write acknowledged by the leader, whose caller did not see the answer
        start();
        int oldLeader = members.leader();
        CommitResult first = members.store(oldLeader).commit(put(account("a1", "a1@x", "Paris", 10))
                .withIdempotencyKey("pay-1"));
        members.awaitConverged();

        // when: the leader stops, and the caller retries the same key on another member
        long stopped = System.nanoTime();
        members.stopMember(oldLeader);
        int newLeader = members.leader();
        long electedMillis = (System.nanoTime() - stopped) / 1_000_000;
        System.out.println("fail-over: new leader member-" + newLeader + " known " + electedMillis + " ms after the leader stopped");
        int other = members.running().stream().filter(i -> i != newLeader).findFirst().orElseThrow();
        CommitResult retried = members.store(other).commit(put(account("a1", "a1@x", "Paris", 10).withBalance(999))
                .withIdempotencyKey("pay-1"));
        members.store(newLeader).commit(put(account("a2", "a2@x", "Lyon", 20)));
        members.store(other).commit(put(account("a3", "a3@x", "Nice", 30)));
        members.awaitConverged();

        // then
        assertThat(newLeader).isNotEqualTo(oldLeader);
        assertThat(retried.duplicate()).isTrue();
        assertThat(retried.sequence()).isEqualTo(first.sequence());
        for (int i : members.running()) {
            assertThat(members.store(i).find(Account.class, "a1").orElseThrow().balance()).isEqualTo(10);
            assertThat(members.store(i).findAll(Account.class)).extracting(Account::id)
                    .containsExactlyInAnyOrder("a1", "a2", "a3");
            assertThat(members.store(i).history("Account", "a1", "balance")).hasSize(1);
        }
    }

    @Test
    void aFollowerRestartedFromAnEmptyDirectoryCatchesUpByInstallingTheLeadersSnapshot() {
        // given: a leader whose log before its snapshot is gone
        start();
        LithairStore leader = members.store(members.leader());
        for (int i = 0; i < 50; i++) {
            leader.commit(put(account("a" + i, "a" + i + "@x", i % 2 == 0 ? "Paris" : "Lyon", i)));
        }
        leader.snapshot().join();
        leader.commit(put(account("late", "late@x", "Nice", 1)));
        leader.snapshot().join();
        leader.commit(put(account("later", "later@x", "Nice", 2)));
        int follower = members.follower();
        members.stopMember(follower);
        members.wipeMember(follower);

        // when
        members.startMember(follower);
        members.awaitConverged();

        // then
        LithairStore restarted = members.store(follower);
        assertThat(members.cluster(follower).status().snapshotsInstalled()).isEqualTo(1);
        assertThat(restarted.findAll(Account.class)).containsExactlyInAnyOrderElementsOf(leader.findAll(Account.class));
        assertThat(restarted.indexes().idsEqual("Account", "city", "Nice")).isEqualTo(Set.of("late", "later"));
        assertThat(restarted.history("Account", "a7", "balance")).isEqualTo(leader.history("Account", "a7", "balance"));
        assertThat(restarted.lastSequence()).isEqualTo(leader.lastSequence());
    }

    @Test
    void aFollowerThatMissedTheTruncatedLogReplacesItsStateByTheLeadersSnapshotIndexesAndHistoryIncluded() {
        // given: a follower with state of its own, stopped while the leader moves on past its log
        start();
        int leaderIndex = members.leader();
        LithairStore leader = members.store(leaderIndex);
        leader.commit(put(account("gone", "gone@x", "Paris", 1)));
        leader.commit(put(account("kept", "kept@x", "Paris", 1)));
        members.awaitConverged();
        int follower = members.follower();
        members.stopMember(follower);
        leader.commit(Commit.of(new Operation.Delete("Account", "gone")));
        leader.commit(put(leader.find(Account.class, "kept").orElseThrow().withBalance(2)));
        leader.commit(put(account("new", "gone@x", "Lyon", 3)));
        leader.snapshot().join();
        leader.commit(put(account("last", "last@x", "Lyon", 4)));
        leader.snapshot().join();

        // when
        members.startMember(follower);
        members.awaitConverged();

        // then
        LithairStore caughtUp = members.store(follower);
        assertThat(members.cluster(follower).status().snapshotsInstalled()).isEqualTo(1);
        assertThat(caughtUp.findAll(Account.class)).extracting(Account::id).containsExactlyInAnyOrder("kept", "new", "last");
        assertThat(caughtUp.indexes().idsEqual("Account", "city", "Paris")).isEqualTo(Set.of("kept"));
        assertThat(caughtUp.indexes().uniqueHolder("Account", "email", "gone@x")).contains("new");
        assertThat(caughtUp.history("Account", "kept", "balance")).isEqualTo(leader.history("Account", "kept", "balance"));
        assertThat(caughtUp.history("Account", "gone")).isEqualTo(leader.history("Account", "gone"));
        assertThatThrownBy(() -> caughtUp.commit(put(account("dup", "last@x", "Nice", 5))))
                .isInstanceOf(UniqueViolationException.class);
    }

    @Test
    void aLinearizableReadAskedBeforeTheFirstElectionWaitsForTheLeaderInsteadOfFailing() {
        // given: three members just started, no leader elected yet
        members = new ThreeMembers(root, List.of(EntityModel.of(Account.class, HistoryPolicy.NONE)))
                .startWithoutWaitingForALeader();

        // when: a start-up read asks for linearizable consistency at once
        members.store(0).awaitReadable(ReadConsistency.LINEARIZABLE);

        // then: it returned once a leader could confirm it, and the cluster has that leader
        assertThat(members.cluster(members.leader()).status().role()).isEqualTo("LEADER");
    }

    @Test
    void aLinearizableReadOnAFollowerSeesAWriteTheLeaderAcknowledged() {
        // given
        start();
        LithairStore leader = members.store(members.leader());
        LithairStore follower = members.store(members.follower());

        // when
        leader.commit(put(account("a1", "a1@x", "Paris", 10)));
        follower.awaitReadable(ReadConsistency.LINEARIZABLE);

        // then
        assertThat(follower.find(Account.class, "a1")).isPresent();
        ClusterStatus status = members.cluster(members.leader()).status();
        assertThat(status.role()).isEqualTo("LEADER");
        assertThat(status.peers()).hasSize(3);
        assertThat(status.followerLag()).hasSize(2);
        assertThat(status.commitIndex()).isGreaterThanOrEqualTo(status.appliedIndex()).isPositive();
        assertThat(members.cluster(members.follower()).status().leader()).isEqualTo(status.self());
    }

    @Test
    void everyMemberSnapshotsOnItsOwnAfterTheConfiguredNumberOfEvents() throws Exception {
        // given
        members = new ThreeMembers(root, List.of(EntityModel.of(Account.class, HistoryPolicy.NONE)), 10).start();
        LithairStore leader = members.store(members.leader());

        // when
        for (int i = 0; i < 25; i++) {
            leader.commit(put(account("a" + i, "a" + i + "@x", "Paris", i)));
        }
        members.awaitConverged();

        // then: each member wrote a snapshot in the engine's format into its Raft snapshot directory
        for (int i : members.running()) {
            LithairStore member = members.store(i);
            Awaits.await().untilAsserted(() -> assertThat(member.stats().lastSnapshotSequence())
                    .as("the last snapshot of member %d", i).isGreaterThanOrEqualTo(10));
            try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(root.resolve("member-" + i)
                    .resolve("raft").resolve("snapshot"))) {
                assertThat(files.map(file -> file.getFileName().toString()))
                        .anyMatch(name -> name.matches("state-\\d{20}\\.raftsnap"));
            }
        }
    }

    @Test
    void membersAreNamedByHostAndPortAndIncludeThisOne() {
        assertThatThrownBy(() -> RaftClusterOptions.of("127.0.0.1:1", List.of("127.0.0.1:2"), root))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must include this member");
        assertThatThrownBy(() -> RaftClusterOptions.of("localhost", List.of("localhost"), root))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not host:port");
        assertThatThrownBy(() -> RaftClusterOptions.of("127.0.0.1:1", List.of("127.0.0.1:1"), root)
                .withElectionTimeout(Duration.ofMillis(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("electionTimeout");
    }

    @Test
    void aDataDirectoryHoldingASingleNodesLogIsNotOpenedAsAClusterMember() throws Exception {
        // given
        Path directory = root.resolve("single");
        try (LithairStore single = LithairStore.open(dev.lithair.store.StoreOptions.defaults(directory),
                List.of(EntityModel.of(Account.class, HistoryPolicy.NONE)))) {
            single.commit(put(account("a1", "a1@x", "Paris", 1)));
        }
        List<Path> before;
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(directory)) {
            before = files.sorted().toList();
        }

        // when / then
        assertThatThrownBy(() -> LithairStore.open(dev.lithair.store.StoreOptions.defaults(directory),
                List.of(EntityModel.of(Account.class, HistoryPolicy.NONE)), List.of(), replica -> {
                    throw new AssertionError("the cluster must not start");
                })).isInstanceOf(IllegalStateException.class).hasMessageContaining("holds the local log of a single node");
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(directory)) {
            assertThat(files.sorted().toList()).isEqualTo(before);
        }
    }
}
