package dev.lithair.replication.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.entity.Task;

import dev.lithair.exception.MalformedEntryException;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.CommitResult;
import dev.lithair.store.spi.Operation;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An entry no member can apply (bad framing, empty, truncated, unknown format, missing parts) is
 * rejected by every member alike, logged with its index, and never stops a member from applying the
 * entries after it, even when the log is replayed after a restart. The leader refuses such an entry
 * when a follower forwards it, and one bad proposal fails alone.
 */
class MalformedEntryTest {

    @TempDir
    Path root;

    private ThreeMembers members;

    @AfterEach
    void stop() {
        if (members != null) {
            members.close();
        }
    }

    private static ObjectNode doc(String id) {
        return JsonNodeFactory.instance.objectNode().put("id", id);
    }

    /** Raft task data that no member can apply, each one malformed in its own way. */
    private static List<ByteBuffer> garbage() {
        byte[] valid = Entries.put("Doc", "v", doc("v"));
        List<ByteBuffer> tasks = new ArrayList<>();
        tasks.add(ByteBuffer.allocate(0));
        tasks.add(ByteBuffer.wrap(new byte[] {0, 0, 1}));
        tasks.add(ByteBuffer.allocate(8).putInt(-1).putInt(0).flip());
        tasks.add(ByteBuffer.allocate(12).putInt(Integer.MAX_VALUE).putInt(1).putInt(2).flip());
        tasks.add(ByteBuffer.allocate(13).putInt(1).putInt(1000).put(new byte[] {'J', '{', '}', ' ', ' '}).flip());
        ByteBuffer framed = Entries.task(valid);
        tasks.add(ByteBuffer.allocate(framed.remaining() + 3).put(framed).put(new byte[] {1, 2, 3}).flip());
        tasks.add(Entries.task(new byte[0]));
        tasks.add(Entries.task(new byte[] {'J'}));
        tasks.add(Entries.task(withMarker((byte) 'X', valid)));
        tasks.add(Entries.task(Arrays.copyOf(valid, valid.length / 2)));
        tasks.add(Entries.task(Entries.json("{\"timestamp\":\"2026-01-01T00:00:00Z\",\"operations\":null}")));
        tasks.add(Entries.task(Entries.json("{\"timestamp\":\"2026-01-01T00:00:00Z\",\"operations\":[null]}")));
        tasks.add(Entries.task(Entries.json("{\"timestamp\":\"2026-01-01T00:00:00Z\",\"operations\":[{\"delete\":false,"
                + "\"entityType\":\"Doc\",\"entityId\":null,\"payload\":{\"id\":\"x\"}}]}")));
        tasks.add(Entries.task(Entries.json("{\"operations\":[{\"delete\":true,\"entityType\":\"Doc\",\"entityId\":\"v\"}]}")));
        tasks.add(Entries.task(withMarker((byte) 'S', "not smile at all".getBytes(StandardCharsets.UTF_8))));
        return tasks;
    }

    private static byte[] withMarker(byte marker, byte[] entry) {
        byte[] changed = entry.clone();
        changed[0] = marker;
        return changed;
    }

    @Test
    void malformedEntriesCommittedThroughTheLogAreRejectedByEveryMemberWhichGoesOnApplyingLaterWrites()
            throws Exception {
        // given
        members = new ThreeMembers(root, List.of()).start();
        int leader = members.leader();
        Node node = members.cluster(leader).node();
        List<ByteBuffer> tasks = garbage();
        // one task with a good commit and a bad one: the good one is applied on its own
        tasks.add(Entries.task(Entries.put("Doc", "beside", doc("beside")), Entries.json("{\"timestamp\":")));

        // when: the leader's Raft node takes them as they are, as if a proposer had sent them
        for (ByteBuffer task : tasks) {
            CompletableFuture<Status> applied = new CompletableFuture<>();
            node.apply(new Task(task, applied::complete));
            assertThat(applied.get(30, TimeUnit.SECONDS).isOk()).isTrue();
        }
        members.store(leader).commit(Commit.of(new Operation.Put("Doc", "after",
                doc("after"))));
        members.store(members.follower()).commit(Commit.of(
                new Operation.Put("Doc", "later", doc("later"))));
        members.awaitConverged();

        // then
        for (int i : members.running()) {
            assertThat(members.store(i).all("Doc")).as("member " + i).extracting(doc -> doc.get("id").asString())
                    .containsExactlyInAnyOrder("beside", "after", "later");
            assertThat(members.cluster(i).stateMachine().malformedRejected()).as("member " + i)
                    .isEqualTo(tasks.size());
            assertThat(members.cluster(i).stateMachine().failure()).isNull();
        }

        // and when a follower restarts, replaying the same log
        int follower = members.follower();
        long sequence = members.store(follower).lastSequence();
        members.stopMember(follower);
        members.startMember(follower);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> members.store(follower).lastSequence() == sequence);
        members.store(follower).commit(Commit.of(
                new Operation.Put("Doc", "restarted", doc("restarted"))));
        members.awaitConverged();

        // then it rejects them again and goes on
        assertThat(members.cluster(follower).stateMachine().malformedRejected()).isEqualTo(tasks.size());
        for (int i : members.running()) {
            assertThat(members.store(i).get("Doc", "restarted")).as("member " + i).isPresent();
        }
    }

    @Test
    void theLeaderRefusesAMalformedForwardedWriteBeforeItEntersTheLog() {
        // given
        members = new ThreeMembers(root, List.of()).start();
        int leader = members.leader();
        long lastIndex = members.cluster(leader).node().getLastLogIndex();

        // when
        Intruder.Attempt attempt;
        try (Intruder sender = new Intruder(null)) {
            attempt = sender.forwardWrite(members.peers().get(leader),
                    Entries.json("{\"timestamp\":\"2026-01-01T00:00:00Z\",\"operations\":[]}"));
        }

        // then
        assertThat(attempt.answer()).isInstanceOf(ForwardedOutcome.class);
        assertThatThrownBy(() -> new OutcomeCodec(dev.lithair.event.ValueLimits.defaults()).read((ForwardedOutcome) attempt.answer()))
                .isInstanceOf(MalformedEntryException.class).hasMessageContaining("no operations");
        assertThat(members.cluster(leader).node().getLastLogIndex()).isEqualTo(lastIndex);
    }

    @Test
    void aProposalThatCannotBeHandedToRaftFailsAloneAndFreesItsSlot() throws Exception {
        // given
        members = new ThreeMembers(root, List.of()).start();
        RaftCommitPath path = members.cluster(members.leader()).path();
        int slots = path.freeSlots();
        ExecutorService proposers = Executors.newFixedThreadPool(8);
        List<CompletableFuture<CompletableFuture<CommitResult>>> proposed = new ArrayList<>();

        // when: good proposals with empty and missing entries among them, from many threads at once
        try {
            for (int i = 0; i < 200; i++) {
                byte[] entry = i % 10 == 3 ? null : i % 10 == 7 ? new byte[0] : Entries.put("Doc", "p" + i, doc("p" + i));
                proposed.add(CompletableFuture.supplyAsync(() -> path.propose(entry), proposers));
            }
            List<Throwable> failures = new ArrayList<>();
            int applied = 0;
            for (CompletableFuture<CompletableFuture<CommitResult>> future : proposed) {
                try {
                    future.get(30, TimeUnit.SECONDS).get(30, TimeUnit.SECONDS);
                    applied++;
                } catch (ExecutionException e) {
                    failures.add(e.getCause());
                }
            }

            // then
            assertThat(applied).isEqualTo(160);
            assertThat(failures).hasSize(40).allSatisfy(failure -> assertThat(failure)
                    .isInstanceOf(MalformedEntryException.class));
            assertThat(path.freeSlots()).isEqualTo(slots);
            assertThat(members.store(members.leader()).count("Doc")).isEqualTo(160);
        } finally {
            proposers.shutdownNow();
        }
    }
}
