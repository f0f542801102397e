package dev.lithair.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lithair.annotation.Historize;
import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.annotation.Indexed;
import dev.lithair.history.Erasure;
import dev.lithair.model.EntityModel;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.CommitResult;
import dev.lithair.store.spi.Operation;
import dev.lithair.support.MutableClock;

/** Erasing an entity removes it and its history at once, and from every file once the store is compacted. */
class ErasureTest {

    record Customer(String id, @Historize(HistoryPolicy.FULL) String email, @Indexed String city, String note) {
    }

    @TempDir
    Path directory;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

    @Test
    void anErasedEntityAndItsHistoryAreGoneFromMemoryAtOnceAndTheErasureIsRecorded() {
        try (LithairStore store = open()) {
            writeCustomers(store);

            CommitResult erased = store.commit(Commit.of(new Operation.Erase("Customer", "c1")).withActor("dpo"));

            assertThat(store.find(Customer.class, "c1")).isEmpty();
            assertThat(store.history("Customer", "c1")).isEmpty();
            assertThat(store.indexes().idsEqual("Customer", "city", "MARKER-CITY-c1")).isEmpty();
            assertThat(store.erasures()).containsExactly(
                    new Erasure("Customer", "c1", "dpo", clock.instant(), erased.sequence()));
            assertThat(store.find(Customer.class, "c2")).contains(
                    new Customer("c2", "MARKER-EMAIL-c2-v3", "MARKER-CITY-c2", "MARKER-NOTE-c2"));
            assertThat(store.history("Customer", "c2", "email")).hasSize(3);
        }
    }

    @Test
    void afterCompactionNoFileOfTheDataDirectoryHoldsAnyValueOfTheErasedEntity() throws IOException {
        try (LithairStore store = open()) {
            writeCustomers(store);
            store.snapshot().join(); // an older snapshot that holds the values, which compaction must remove too
            store.commit(Commit.of(new Operation.Put("Customer", "c1",
                    new Customer("c1", "MARKER-EMAIL-c1-v4", "MARKER-CITY-c1", "MARKER-NOTE-c1"))));
            store.commit(Commit.of(new Operation.Erase("Customer", "c1")));
            assertThat(markersIn(directory, "c1")).as("before compaction, the log still holds them").isNotEmpty();

            store.compact().join();

            assertThat(markersIn(directory, "c1")).isEmpty();
            assertThat(markersIn(directory, "c2")).as("the other customer's values are kept").isNotEmpty();
        }
        try (LithairStore reopened = open()) {
            assertThat(reopened.find(Customer.class, "c1")).isEmpty();
            assertThat(reopened.history("Customer", "c1")).isEmpty();
            assertThat(reopened.history("Customer", "c2", "email")).extracting(change -> change.newValue())
                    .containsExactly("MARKER-EMAIL-c2-v1", "MARKER-EMAIL-c2-v2", "MARKER-EMAIL-c2-v3");
            assertThat(reopened.erasures()).extracting(Erasure::entityType, Erasure::entityId)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("Customer", "c1"));
        }
    }

    @Test
    void aRestartBeforeCompactionReplaysTheErasureAndDoesNotBringTheEntityBack() {
        try (LithairStore store = open()) {
            writeCustomers(store);
            store.commit(Commit.of(new Operation.Erase("Customer", "c1")));
        }
        try (LithairStore reopened = open()) {
            assertThat(reopened.find(Customer.class, "c1")).isEmpty();
            assertThat(reopened.history("Customer", "c1")).isEmpty();
            assertThat(reopened.indexes().idsEqual("Customer", "city", "MARKER-CITY-c1")).isEmpty();
            assertThat(reopened.erasures()).hasSize(1);
        }
    }

    @Test
    void erasingADeletedEntityRemovesTheAuditTrailItsDeletionKept() {
        try (LithairStore store = open()) {
            writeCustomers(store);
            store.commit(Commit.of(new Operation.Delete("Customer", "c1")));
            assertThat(store.history("Customer", "c1")).as("a deletion keeps the history").isNotEmpty();

            store.commit(Commit.of(new Operation.Erase("Customer", "c1")));

            assertThat(store.history("Customer", "c1")).isEmpty();
            assertThat(store.findAsOf(Customer.class, "c1", Instant.parse("2026-12-01T10:00:30Z")).state()).isEmpty();
        }
    }

    /** Two customers, each with a distinctive marker in every field and three retained email versions. */
    private void writeCustomers(LithairStore store) {
        for (String id : List.of("c1", "c2")) {
            for (int version = 1; version <= 3; version++) {
                clock.advance(Duration.ofSeconds(10));
                store.commit(Commit.of(new Operation.Put("Customer", id,
                        new Customer(id, "MARKER-EMAIL-" + id + "-v" + version, "MARKER-CITY-" + id, "MARKER-NOTE-" + id))));
            }
        }
        clock.advance(Duration.ofSeconds(10));
    }

    /** The files under {@code root} holding any marker of the customer, as "file: marker". */
    static List<String> markersIn(Path root, String id) throws IOException {
        List<String> markers = List.of("MARKER-EMAIL-" + id, "MARKER-CITY-" + id, "MARKER-NOTE-" + id);
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String marker : markers) {
                    if (content.contains(marker)) {
                        found.add(root.relativize(file) + ": " + marker);
                    }
                }
            }
        }
        return found;
    }

    private LithairStore open() {
        return LithairStore.open(StoreOptions.defaults(directory).withFsyncPolicy(FsyncPolicy.NEVER)
                .withSnapshotEveryEvents(0).withClock(clock), List.of(EntityModel.of(Customer.class, HistoryPolicy.NONE)));
    }
}
