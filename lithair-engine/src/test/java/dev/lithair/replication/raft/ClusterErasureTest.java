package dev.lithair.replication.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lithair.annotation.Historize;
import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.annotation.Indexed;
import dev.lithair.history.Erasure;
import dev.lithair.model.EntityModel;
import dev.lithair.store.LithairStore;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;

/**
 * An erasure in a cluster: every member drops the entity and its history, and once each member is
 * compacted no file of any member (Raft log, Raft snapshots) holds its values.
 */
class ClusterErasureTest {

    record Customer(String id, @Historize(HistoryPolicy.FULL) String email, @Indexed String city) {
    }

    @TempDir
    Path root;

    private ThreeMembers members;

    @AfterEach
    void stop() {
        if (members != null) {
            members.close();
        }
    }

    @Test
    void afterEveryMemberCompactsNoFileOfAnyMemberHoldsTheErasedValues() throws IOException {
        members = new ThreeMembers(root, List.of(EntityModel.of(Customer.class, HistoryPolicy.NONE))).start();
        LithairStore leader = members.store(members.leader());
        for (String id : List.of("c1", "c2")) {
            for (int version = 1; version <= 3; version++) {
                leader.commit(Commit.of(new Operation.Put("Customer", id,
                        new Customer(id, "MARKER-EMAIL-" + id + "-v" + version, "MARKER-CITY-" + id))));
            }
        }
        for (int i : members.running()) {
            members.store(i).snapshot().join(); // snapshots holding the values, which compaction must replace
        }
        members.store(members.follower()).commit(Commit.of(new Operation.Erase("Customer", "c1")).withActor("dpo"));
        members.awaitConverged();
        assertThat(filesHolding("MARKER-EMAIL-c1")).as("before compaction").isNotEmpty();

        for (int i : members.running()) {
            members.store(i).compact().join();
        }

        assertThat(filesHolding("MARKER-EMAIL-c1")).isEmpty();
        assertThat(filesHolding("MARKER-CITY-c1")).isEmpty();
        assertThat(filesHolding("MARKER-EMAIL-c2-v3")).as("the other customer is kept on every member")
                .hasSizeGreaterThanOrEqualTo(3);
        for (int i : members.running()) {
            LithairStore store = members.store(i);
            assertThat(store.find(Customer.class, "c1")).isEmpty();
            assertThat(store.history("Customer", "c1")).isEmpty();
            assertThat(store.history("Customer", "c2", "email")).hasSize(3);
            assertThat(store.erasures()).extracting(Erasure::entityId, Erasure::actor)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("c1", "dpo"));
        }
        int restarted = members.follower();
        members.stopMember(restarted);
        members.startMember(restarted);
        members.awaitConverged();
        LithairStore again = members.store(restarted);
        assertThat(again.find(Customer.class, "c1")).as("after a restart").isEmpty();
        assertThat(again.history("Customer", "c1")).isEmpty();
        assertThat(again.find(Customer.class, "c2")).isPresent();
        assertThat(filesHolding("MARKER-EMAIL-c1")).isEmpty();
    }

    /** The files under the members' directories holding {@code marker}. */
    private List<String> filesHolding(String marker) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(file);
                } catch (java.nio.file.NoSuchFileException gone) {
                    continue; // removed by RocksDB or a snapshot meanwhile
                }
                if (new String(bytes, StandardCharsets.ISO_8859_1).contains(marker)) {
                    found.add(root.relativize(file).toString());
                }
            }
        }
        return found;
    }
}
