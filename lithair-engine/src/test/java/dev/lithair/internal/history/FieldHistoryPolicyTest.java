package dev.lithair.internal.history;

import dev.lithair.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.lithair.annotation.Historize;
import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.annotation.Immutable;
import dev.lithair.event.StorageFormat;
import dev.lithair.history.FieldChange;
import dev.lithair.model.EntityModel;
import dev.lithair.store.FsyncPolicy;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;

class FieldHistoryPolicyTest {

    record Product(String id,
            @Historize(HistoryPolicy.FULL) BigDecimal price,
            @Historize(versions = 2) String name,
            @Historize(HistoryPolicy.NONE) String description,
            @Immutable String sku) {
    }

    /** Unannotated fields take the model's default policy. */
    record Note(String id, String text) {
    }

    @TempDir
    Path dir;

    private final Instant t1 = Instant.parse("2026-03-01T10:00:00Z");
    private final Instant t2 = Instant.parse("2026-03-01T11:00:00Z");
    private final Instant t3 = Instant.parse("2026-03-01T12:00:00.123456789Z");
    private final Instant t4 = Instant.parse("2026-03-01T13:00:00Z");
    private final Instant t5 = Instant.parse("2026-03-01T14:00:00Z");
    private final MutableClock clock = new MutableClock(t1);

    private LithairStore open() {
        return open(StorageFormat.JSON);
    }

    private LithairStore open(StorageFormat format) {
        return LithairStore.open(StoreOptions.defaults(dir).withFsyncPolicy(FsyncPolicy.NEVER).withFormat(format)
                .withClock(clock), List.of(EntityModel.of(Product.class, HistoryPolicy.NONE),
                        EntityModel.of(Note.class, HistoryPolicy.FULL)));
    }

    private static void put(LithairStore store, String key, String actor, Product product) {
        store.commit(new Commit(key, actor, List.of(new Operation.Put("Product", product.id(), product))));
    }

    /** Created by alice at t1, then changed by bob (t2, t3) and carol (t4). */
    private void givenAProductChangedThreeTimes(LithairStore store) {
        clock.set(t1);
        put(store, "create-p1", "alice", new Product("p1", new BigDecimal("10.00"), "Lamp", "A lamp", "L-1"));
        clock.set(t2);
        put(store, "update-1", "bob", new Product("p1", new BigDecimal("12.00"), "Desk lamp", "A lamp", "L-1"));
        clock.set(t3);
        put(store, null, "bob", new Product("p1", new BigDecimal("11.00"), "Desk lamp", "A desk lamp", "L-1"));
        clock.set(t4);
        put(store, "update-3", "carol", new Product("p1", new BigDecimal("11.00"), "Reading lamp", "A desk lamp", "L-1"));
    }

    private List<FieldChange> expectedPrice() {
        return List.of(
                new FieldChange("price", null, new BigDecimal("10.00"), t1, 1, "create-p1", "alice"),
                new FieldChange("price", new BigDecimal("10.00"), new BigDecimal("12.00"), t2, 2, "update-1", "bob"),
                new FieldChange("price", new BigDecimal("12.00"), new BigDecimal("11.00"), t3, 3, "Product:p1:3", "bob"));
    }

    private List<FieldChange> expectedName() {
        return List.of(
                new FieldChange("name", "Lamp", "Desk lamp", t2, 2, "update-1", "bob"),
                new FieldChange("name", "Desk lamp", "Reading lamp", t4, 4, "update-3", "carol"));
    }

    private void assertRetainedAsDeclared(LithairStore store) {
        assertThat(store.history("Product", "p1", "price")).containsExactlyElementsOf(expectedPrice());
        assertThat(store.history("Product", "p1", "name")).containsExactlyElementsOf(expectedName());
        assertThat(store.history("Product", "p1", "description")).isEmpty();
        assertThat(store.history("Product", "p1", "sku")).isEmpty();
        assertThat(store.history("Product", "p1", "id")).isEmpty();
        assertThat(store.history("Product", "p1")).containsExactly(expectedPrice().get(0), expectedPrice().get(1),
                expectedName().get(0), expectedPrice().get(2), expectedName().get(1));
    }

    @Test
    void eachFieldKeepsExactlyTheChangesItsPolicyDeclares() {
        try (LithairStore store = open()) {
            givenAProductChangedThreeTimes(store);

            assertRetainedAsDeclared(store);
            assertThat(store.retainedHistoryChanges()).isEqualTo(5);
        }
    }

    @Test
    void anImmutableFieldAndANoneFieldKeepNothingEvenAfterChanges() {
        try (LithairStore store = open()) {
            givenAProductChangedThreeTimes(store);

            assertThat(store.history("Product", "p1")).extracting(FieldChange::field)
                    .doesNotContain("sku", "description", "id");
        }
    }

    @Test
    void unannotatedFieldsFollowTheModelsDefaultPolicy() {
        try (LithairStore store = open()) {
            store.commit(new Commit("n1", "ann", List.of(new Operation.Put("Note", "n1", new Note("n1", "draft")))));
            store.commit(new Commit("n2", "ann", List.of(new Operation.Put("Note", "n1", new Note("n1", "final")))));

            assertThat(store.history("Note", "n1")).containsExactly(
                    new FieldChange("text", null, "draft", t1, 1, "n1", "ann"),
                    new FieldChange("text", "draft", "final", t1, 2, "n2", "ann"));
        }
    }

    @Test
    void retainedHistoryIsTheSameAfterASnapshotAndAfterACompaction() {
        try (LithairStore store = open()) {
            givenAProductChangedThreeTimes(store);

            store.snapshot().join();
            assertRetainedAsDeclared(store);

            store.compact().join();
            assertRetainedAsDeclared(store);
        }
    }

    @ParameterizedTest
    @EnumSource(StorageFormat.class)
    void retainedHistoryIsTheSameAfterARestartFromTheLogAlone(StorageFormat format) {
        try (LithairStore store = open(format)) {
            givenAProductChangedThreeTimes(store);
        }
        try (LithairStore reopened = open(format)) {
            assertThat(reopened.recovery().snapshotSequence()).isZero();
            assertRetainedAsDeclared(reopened);
        }
    }

    @ParameterizedTest
    @EnumSource(StorageFormat.class)
    void retainedHistoryIsTheSameAfterARestartFromACompactedSnapshot(StorageFormat format) {
        try (LithairStore store = open(format)) {
            givenAProductChangedThreeTimes(store);
            store.compact().join();
        }
        try (LithairStore reopened = open(format)) {
            assertThat(reopened.recovery().snapshotSequence()).isEqualTo(4);
            assertThat(reopened.recovery().recordsReplayed()).isZero();
            assertRetainedAsDeclared(reopened);
        }
    }

    @Test
    void historyGoesOnAcrossASnapshotAndTheLogReplayedAfterIt() {
        try (LithairStore store = open()) {
            givenAProductChangedThreeTimes(store);
            store.snapshot().join();
            clock.set(t5);
            put(store, "update-4", "dave", new Product("p1", new BigDecimal("9.00"), "Night lamp", "A desk lamp", "L-1"));
        }
        try (LithairStore reopened = open()) {
            assertThat(reopened.recovery().recordsReplayed()).isEqualTo(1);
            List<FieldChange> price = new ArrayList<>(expectedPrice());
            price.add(new FieldChange("price", new BigDecimal("11.00"), new BigDecimal("9.00"), t5, 5, "update-4", "dave"));

            assertThat(reopened.history("Product", "p1", "price")).containsExactlyElementsOf(price);
            assertThat(reopened.history("Product", "p1", "name")).containsExactly(expectedName().get(1),
                    new FieldChange("name", "Reading lamp", "Night lamp", t5, 5, "update-4", "dave"));
            assertThat(reopened.retainedHistoryChanges()).isEqualTo(6);
        }
    }

    @Test
    void aDeletedEntityKeepsItsRetainedHistoryAcrossCompactionAndRestart() {
        try (LithairStore store = open()) {
            givenAProductChangedThreeTimes(store);
            clock.set(t5);
            store.commit(new Commit("delete-p1", "erin", List.of(new Operation.Delete("Product", "p1"))));

            assertThat(store.find(Product.class, "p1")).isEmpty();
            assertRetainedAsDeclared(store);
            store.compact().join();
        }
        try (LithairStore reopened = open()) {
            assertThat(reopened.find(Product.class, "p1")).isEmpty();
            assertRetainedAsDeclared(reopened);
        }
    }

    @Test
    void anEntityCreatedAgainAfterItsDeletionContinuesItsHistoryWithANewCreation() {
        try (LithairStore store = open()) {
            givenAProductChangedThreeTimes(store);
            clock.set(t5);
            store.commit(new Commit("delete-p1", "erin", List.of(new Operation.Delete("Product", "p1"))));
            put(store, "recreate-p1", "erin", new Product("p1", new BigDecimal("8.00"), "Lamp", null, "L-2"));

            assertThat(store.history("Product", "p1", "name")).containsExactly(expectedName().get(1),
                    new FieldChange("name", null, "Lamp", t5, 6, "recreate-p1", "erin"));
            assertThat(store.history("Product", "p1", "price")).last()
                    .isEqualTo(new FieldChange("price", null, new BigDecimal("8.00"), t5, 6, "recreate-p1", "erin"));
        }
    }

    enum Status { DRAFT, LIVE }

    record Size(int width, int height) {
    }

    record Rich(String id,
            @Historize(HistoryPolicy.FULL) Instant due,
            @Historize(HistoryPolicy.FULL) List<String> tags,
            @Historize(HistoryPolicy.FULL) Size size,
            @Historize(HistoryPolicy.FULL) Status status,
            @Historize(HistoryPolicy.FULL) double ratio,
            @Historize(HistoryPolicy.FULL) int count,
            @Historize(HistoryPolicy.FULL) boolean active) {
    }

    @ParameterizedTest
    @EnumSource(StorageFormat.class)
    void valuesOfEveryKindComeBackEqualAfterACompactedRestart(StorageFormat format) {
        StoreOptions options = StoreOptions.defaults(dir).withFsyncPolicy(FsyncPolicy.NEVER).withFormat(format);
        List<EntityModel<?>> models = List.of(EntityModel.of(Rich.class, HistoryPolicy.NONE));
        List<FieldChange> before;
        try (LithairStore store = LithairStore.open(options, models)) {
            store.commit(Commit.of(new Operation.Put("Rich", "r1", new Rich("r1", t1, List.of("a"), new Size(1, 2),
                    Status.DRAFT, 0.5, 1, false))));
            store.commit(Commit.of(new Operation.Put("Rich", "r1", new Rich("r1", t3, List.of("a", "b"),
                    new Size(3, 4), Status.LIVE, 0.1, 2, true))));
            before = store.history("Rich", "r1");
            store.compact().join();
        }
        try (LithairStore reopened = LithairStore.open(options, models)) {
            assertThat(before).hasSize(14);
            assertThat(reopened.history("Rich", "r1")).containsExactlyElementsOf(before);
        }
    }

    @Test
    void aCollectionInHistoryCannotBeChangedByItsReader() {
        record Tagged(String id, @Historize(HistoryPolicy.FULL) List<String> tags) {
        }
        try (LithairStore store = LithairStore.open(StoreOptions.defaults(dir).withFsyncPolicy(FsyncPolicy.NEVER),
                List.of(EntityModel.of(Tagged.class, HistoryPolicy.NONE)))) {
            store.commit(Commit.of(new Operation.Put("Tagged", "t1", new Tagged("t1", new ArrayList<>(List.of("a"))))));
            @SuppressWarnings("unchecked")
            List<String> tags = (List<String>) store.history("Tagged", "t1", "tags").get(0).newValue();

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> tags.add("b"))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThat(store.find(Tagged.class, "t1").orElseThrow().tags()).containsExactly("a");
        }
    }

    @Test
    void readersSeeACompleteBoundedHistoryWhileTheWriterAppends() throws Exception {
        int updates = 2_000;
        try (LithairStore store = open()) {
            put(store, null, "w", new Product("p1", BigDecimal.ZERO, "n0", null, "S"));
            AtomicReference<String> problem = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(1);
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                Thread reader = new Thread(() -> {
                    while (done.getCount() > 0 && problem.get() == null) {
                        List<FieldChange> all = store.history("Product", "p1"); // one entity, one read: consistent
                        List<FieldChange> names = all.stream().filter(c -> c.field().equals("name")).toList();
                        List<FieldChange> prices = all.stream().filter(c -> c.field().equals("price")).toList();
                        if (names.size() != Math.min(2, prices.size())) {
                            problem.set("name history of " + names.size() + " beside " + prices.size() + " prices");
                        }
                        for (int i = 1; i < prices.size(); i++) {
                            if (prices.get(i).sequence() != prices.get(i - 1).sequence() + 1
                                    || !prices.get(i).oldValue().equals(prices.get(i - 1).newValue())) {
                                problem.set("price history broken at " + i + ": " + prices);
                            }
                        }
                    }
                });
                reader.start();
                readers.add(reader);
            }
            for (int i = 1; i <= updates; i++) {
                put(store, null, "w", new Product("p1", BigDecimal.valueOf(i), "n" + i, null, "S"));
            }
            done.countDown();
            for (Thread reader : readers) {
                reader.join();
            }

            assertThat(problem.get()).isNull();
            assertThat(store.history("Product", "p1", "price")).hasSize(updates + 1);
            assertThat(store.history("Product", "p1", "name")).extracting(FieldChange::newValue)
                    .containsExactly("n" + (updates - 1), "n" + updates);
        }
    }
}
