package dev.lithair.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lithair.annotation.Historize;
import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.annotation.Immutable;
import dev.lithair.annotation.Indexed;
import dev.lithair.annotation.Unique;
import dev.lithair.model.EntityModel;
import dev.lithair.store.FsyncPolicy;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;
import dev.lithair.support.MutableClock;

/**
 * A snapshot, of the current format or written by an earlier release, and the log tail after it open
 * to exactly the state, retained history (deleted entities' included), indexes and as-of answers that
 * replaying the same commits gives, and the idempotency keys stay remembered. The format version 1
 * directory was written by commit 7a3d0b4 with {@link #main}.
 */
class SnapshotFormatCompatibilityTest {

    static final Path FIXTURE = Paths.get("src/test/resources/snapshot-format-1");
    static final String TYPE = "Item";
    static final Instant START = Instant.parse("2026-12-01T00:00:00Z");

    record Item(String id, @Historize(HistoryPolicy.FULL) String name, @Historize(versions = 2) BigDecimal price,
            @Indexed String category, @Unique @Immutable String sku) {
    }

    @TempDir
    Path tmp;

    @Test
    void aDirectoryWrittenWithFormatVersionOneOpensToTheStateAndHistoryOfAFullReplay() throws IOException {
        Path copy = tmp.resolve("format-1");
        copyDirectory(FIXTURE, copy);
        Path replayed = tmp.resolve("replayed");
        long snapshotSequence;
        try (LithairStore store = open(replayed, new MutableClock(START))) {
            snapshotSequence = write(store, (MutableClock) store.options().clock(), false);
        }

        try (LithairStore fromOldSnapshot = open(copy, new MutableClock(START));
                LithairStore fromLog = open(replayed, new MutableClock(START))) {
            assertThat(fromOldSnapshot.recovery().snapshotSequence()).isEqualTo(snapshotSequence).isPositive();
            assertThat(fromOldSnapshot.lastSequence()).isEqualTo(fromLog.lastSequence());
            assertThat(contents(fromOldSnapshot)).isEqualTo(contents(fromLog)).isNotEmpty();
            assertThat(fromOldSnapshot.indexes().idsEqual(TYPE, "category", "c1"))
                    .isEqualTo(fromLog.indexes().idsEqual(TYPE, "category", "c1")).isNotEmpty();
            assertThat(fromOldSnapshot.indexes().uniqueHolder(TYPE, "sku", "sku-3")).contains("item-3");
            assertThat(fromOldSnapshot.commit(new Commit("key-7", null, List.of(put(7, "again", "9.99", "c9"))))
                    .duplicate()).as("an idempotency key remembered by the old snapshot").isTrue();
        }
    }

    @Test
    void aSnapshotOfTheCurrentFormatOpensToTheStateAndHistoryOfAFullReplay() {
        Path snapshotted = tmp.resolve("snapshotted");
        Path replayed = tmp.resolve("replayed");
        long snapshotSequence;
        try (LithairStore withSnapshot = open(snapshotted, new MutableClock(START));
                LithairStore logOnly = open(replayed, new MutableClock(START))) {
            snapshotSequence = write(withSnapshot, (MutableClock) withSnapshot.options().clock(), true);
            write(logOnly, (MutableClock) logOnly.options().clock(), false);
        }

        try (LithairStore fromSnapshot = open(snapshotted, new MutableClock(START));
                LithairStore fromLog = open(replayed, new MutableClock(START))) {
            assertThat(fromSnapshot.recovery().snapshotSequence()).isEqualTo(snapshotSequence).isPositive();
            assertThat(contents(fromSnapshot)).isEqualTo(contents(fromLog));
            assertThat(fromSnapshot.history(TYPE, "item-43")).as("a deleted entity's audit trail")
                    .isEqualTo(fromLog.history(TYPE, "item-43")).isNotEmpty();
            assertThat(fromSnapshot.indexes().uniqueHolder(TYPE, "sku", "sku-3")).contains("item-3");
            assertThat(fromSnapshot.commit(new Commit("key-7", null, List.of(put(7, "again", "9.99", "c9"))))
                    .duplicate()).isTrue();
        }
    }

    /** Entities, every retained change and the state as of several instants, by id. */
    private static Map<String, List<Object>> contents(LithairStore store) {
        Map<String, List<Object>> contents = new LinkedHashMap<>();
        for (int i = 0; i < 60; i++) {
            String id = "item-" + i;
            List<Object> facts = new ArrayList<>();
            facts.add(store.find(Item.class, id));
            facts.add(store.history(TYPE, id));
            for (int second = 0; second < 200; second += 17) {
                facts.add(store.findAsOf(Item.class, id, START.plusSeconds(second)));
            }
            contents.put(id, facts);
        }
        return contents;
    }

    static LithairStore open(Path directory, MutableClock clock) {
        return LithairStore.open(StoreOptions.defaults(directory).withFsyncPolicy(FsyncPolicy.NEVER)
                .withSnapshotEveryEvents(0).withClock(clock), List.of(EntityModel.of(Item.class, TYPE, HistoryPolicy.NONE)));
    }

    /**
     * The commits of the fixture, a second apart: creations (some with idempotency keys), price and name
     * changes, deletions, then, when asked, a snapshot, then a tail of changes, creations and deletions.
     *
     * @return the sequence the snapshot covers
     */
    static long write(LithairStore store, MutableClock clock, boolean snapshot) {
        for (int i = 0; i < 50; i++) {
            commit(store, clock, new Commit(i % 7 == 0 ? "key-" + i : null, "alice",
                    List.of(put(i, "name " + i, "1" + i + ".50", "c" + i % 3))));
        }
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 50; i += 2) {
                commit(store, clock, new Commit(null, round == 1 ? "bob" : null,
                        List.of(put(i, round == 2 ? "renamed " + i : "name " + i, round + "" + i + ".25", "c" + i % 3))));
            }
        }
        for (int i = 40; i < 50; i += 3) {
            commit(store, clock, new Commit(null, "carol", List.of(new Operation.Delete(TYPE, "item-" + i))));
        }
        long covered = store.lastSequence();
        if (snapshot) {
            store.snapshot().join();
        }
        for (int i = 0; i < 60; i += 5) {
            commit(store, clock, new Commit(null, "dave", List.of(put(i, "tail " + i, "7" + i + ".00", "c1"))));
        }
        commit(store, clock, new Commit(null, null, List.of(new Operation.Delete(TYPE, "item-5"))));
        return covered;
    }

    private static void commit(LithairStore store, MutableClock clock, Commit commit) {
        clock.advance(Duration.ofMillis(700));
        store.commit(commit);
    }

    private static Operation put(int i, String name, String price, String category) {
        String id = "item-" + i;
        return new Operation.Put(TYPE, id, new Item(id, name, new BigDecimal(price), category, "sku-" + i));
    }

    private static void copyDirectory(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            files.forEach(file -> {
                try {
                    Files.copy(file, to.resolve(file.getFileName().toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** Writes the fixture: run with the classes of the release whose format it is to keep. */
    public static void main(String[] args) {
        try (LithairStore store = open(Paths.get(args[0]), new MutableClock(START))) {
            write(store, (MutableClock) store.options().clock(), true);
        }
    }
}
