package dev.lithair.internal.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.data.annotation.Version;

import dev.lithair.annotation.Historize;
import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.event.StorageFormat;
import dev.lithair.history.AsOf;
import dev.lithair.history.FieldChange;
import dev.lithair.model.EntityModel;
import dev.lithair.store.FsyncPolicy;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;
import dev.lithair.support.MutableClock;

/** As-of reads answer the {@code @Version} the entity had, whenever they know every other field. */
class AsOfVersionTest {

    record Product(String id, @Historize(HistoryPolicy.FULL) BigDecimal price, @Version long version) {
    }

    /** The same type name, its version a plain field: what a store held before it kept versions with history. */
    record UnversionedProduct(String id, @Historize(HistoryPolicy.FULL) BigDecimal price, long version) {
    }

    /** A field that keeps no history: an as-of read between changes cannot know it, nor the version. */
    record DescribedProduct(String id, @Historize(HistoryPolicy.FULL) BigDecimal price, String description,
            @Version long version) {
    }

    @TempDir
    Path dir;

    private final Instant t1 = Instant.parse("2026-03-01T10:00:00Z");
    private final Instant t2 = Instant.parse("2026-03-01T11:00:00Z");
    private final Instant t3 = Instant.parse("2026-03-01T12:00:00Z");
    private final Instant t4 = Instant.parse("2026-03-01T13:00:00Z");
    private final Instant t5 = Instant.parse("2026-03-01T14:00:00Z");
    private final MutableClock clock = new MutableClock(t1);

    private LithairStore open(Class<?> type, StorageFormat format) {
        return LithairStore.open(StoreOptions.defaults(dir).withFsyncPolicy(FsyncPolicy.NEVER).withFormat(format)
                .withClock(clock).withSnapshotEveryEvents(0), List.of(EntityModel.of(type, "Product", HistoryPolicy.NONE)));
    }

    private LithairStore open() {
        return open(Product.class, StorageFormat.JSON);
    }

    private void put(LithairStore store, Instant at, Object product) {
        clock.set(at);
        store.commit(Commit.of(new Operation.Put("Product", "p1", product)));
    }

    /** Created at t1 (version 0), repriced at t2 (1), t3 (2) and t4 (3). */
    private void givenAProductRepricedThreeTimes(LithairStore store) {
        put(store, t1, new Product("p1", new BigDecimal("10.00"), 0));
        put(store, t2, new Product("p1", new BigDecimal("12.00"), 0));
        put(store, t3, new Product("p1", new BigDecimal("11.00"), 1));
        put(store, t4, new Product("p1", new BigDecimal("9.00"), 2));
    }

    private static Instant half(Instant after) {
        return after.plusSeconds(1800);
    }

    /** The as-of reads of {@link #givenAProductRepricedThreeTimes}: complete, each with the version of then. */
    private void assertVersionsAsCommitted(LithairStore store) {
        AsOf<Product> atCreation = store.findAsOf(Product.class, "p1", t1);
        AsOf<Product> betweenTheFirstUpdates = store.findAsOf(Product.class, "p1", half(t2));
        AsOf<Product> justBeforeTheLast = store.findAsOf(Product.class, "p1", t4.minusNanos(1));

        assertThat(atCreation.complete()).isTrue();
        assertThat(atCreation.state()).contains(new Product("p1", new BigDecimal("10.00"), 0));
        assertThat(betweenTheFirstUpdates.complete()).isTrue();
        assertThat(betweenTheFirstUpdates.state()).contains(new Product("p1", new BigDecimal("12.00"), 1));
        assertThat(justBeforeTheLast.complete()).isTrue();
        assertThat(justBeforeTheLast.state()).contains(new Product("p1", new BigDecimal("11.00"), 2));
    }

    @Test
    void betweenTwoUpdatesAnAsOfReadIsCompleteWithTheVersionOfThen() {
        try (LithairStore store = open()) {
            givenAProductRepricedThreeTimes(store);

            assertThat(store.find(Product.class, "p1").orElseThrow().version()).isEqualTo(3);
            assertVersionsAsCommitted(store);
        }
    }

    @Test
    void theVersionKeepsNoHistoryOfItsOwn() {
        try (LithairStore store = open()) {
            givenAProductRepricedThreeTimes(store);

            assertThat(store.history("Product", "p1", "version")).isEmpty();
            assertThat(store.history("Product", "p1")).extracting(FieldChange::field).containsOnly("price");
            assertThat(store.retainedHistoryChanges()).isEqualTo(4);
        }
    }

    @ParameterizedTest
    @EnumSource(StorageFormat.class)
    void theVersionOfThenIsStillAnsweredAfterARestartFromACompactedSnapshot(StorageFormat format) {
        try (LithairStore store = open(Product.class, format)) {
            givenAProductRepricedThreeTimes(store);
            store.compact().join();
        }

        try (LithairStore reopened = open(Product.class, format)) {
            assertThat(reopened.recovery().recordsReplayed()).isZero();
            assertVersionsAsCommitted(reopened);
        }
    }

    @ParameterizedTest
    @EnumSource(StorageFormat.class)
    void theVersionOfThenIsStillAnsweredAfterARestartFromTheLogAlone(StorageFormat format) {
        try (LithairStore store = open(Product.class, format)) {
            givenAProductRepricedThreeTimes(store);
        }

        try (LithairStore reopened = open(Product.class, format)) {
            assertThat(reopened.recovery().snapshotSequence()).isZero();
            assertThat(reopened.recovery().recordsReplayed()).isEqualTo(4);
            assertVersionsAsCommitted(reopened);
        }
    }

    @Test
    void theVersionOfThenIsAnsweredAcrossASnapshotAndTheLogReplayedAfterIt() {
        try (LithairStore store = open()) {
            put(store, t1, new Product("p1", new BigDecimal("10.00"), 0));
            put(store, t2, new Product("p1", new BigDecimal("12.00"), 0));
            store.snapshot().join();
            put(store, t3, new Product("p1", new BigDecimal("11.00"), 1));
            put(store, t4, new Product("p1", new BigDecimal("9.00"), 2));
        }

        try (LithairStore reopened = open()) {
            assertThat(reopened.recovery().recordsReplayed()).isEqualTo(2);
            assertVersionsAsCommitted(reopened);
        }
    }

    @Test
    void whenAnotherFieldIsUnknownTheVersionIsUnknownTooInDeclarationOrder() {
        try (LithairStore store = LithairStore.open(StoreOptions.defaults(dir).withFsyncPolicy(FsyncPolicy.NEVER)
                .withClock(clock), List.of(EntityModel.of(DescribedProduct.class, "Product", HistoryPolicy.NONE)))) {
            put(store, t1, new DescribedProduct("p1", new BigDecimal("10.00"), "A lamp", 0));
            put(store, t2, new DescribedProduct("p1", new BigDecimal("12.00"), "A desk lamp", 0));

            AsOf<DescribedProduct> asOf = store.findAsOf(DescribedProduct.class, "p1", half(t1));

            assertThat(asOf.unknownFields()).containsExactly("description", "version");
            assertThat(asOf.state()).contains(new DescribedProduct("p1", new BigDecimal("10.00"), null, 0));
        }
    }

    @Test
    void anEntityRestoredFromASnapshotWithoutVersionsHasTheVersionOfItsLaterEventsOnly() {
        try (LithairStore before = open(UnversionedProduct.class, StorageFormat.JSON)) {
            put(before, t1, new UnversionedProduct("p1", new BigDecimal("10.00"), 0));
            put(before, t2, new UnversionedProduct("p1", new BigDecimal("12.00"), 1));
            before.compact().join();
        }

        try (LithairStore store = open()) {
            put(store, t3, new Product("p1", new BigDecimal("11.00"), 1));
            put(store, t4, new Product("p1", new BigDecimal("9.00"), 2));
            put(store, t5, new Product("p1", new BigDecimal("8.00"), 3));

            AsOf<Product> beforeTheRestore = store.findAsOf(Product.class, "p1", half(t1));
            AsOf<Product> afterIt = store.findAsOf(Product.class, "p1", half(t3));

            assertThat(beforeTheRestore.unknownFields()).containsExactly("version");
            assertThat(beforeTheRestore.state()).contains(new Product("p1", new BigDecimal("10.00"), 0));
            assertThat(afterIt.complete()).isTrue();
            assertThat(afterIt.state()).contains(new Product("p1", new BigDecimal("11.00"), 2));
        }
    }
}
