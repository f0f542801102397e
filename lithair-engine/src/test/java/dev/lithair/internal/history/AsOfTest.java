package dev.lithair.internal.history;

import dev.lithair.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lithair.annotation.Historize;
import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.annotation.Immutable;
import dev.lithair.history.AsOf;
import dev.lithair.history.AsOf.Existence;
import dev.lithair.model.EntityModel;
import dev.lithair.store.FsyncPolicy;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;
import tools.jackson.databind.node.JsonNodeFactory;

class AsOfTest {

    record Product(String id,
            @Historize(HistoryPolicy.FULL) BigDecimal price,
            @Historize(versions = 2) String name,
            String description,
            @Immutable String sku) {
    }

    /** A type that historizes nothing. */
    record Sensor(String id, String location) {
    }

    @TempDir
    Path dir;

    private final Instant t1 = Instant.parse("2026-03-01T10:00:00Z");
    private final Instant t2 = Instant.parse("2026-03-01T11:00:00Z");
    private final Instant t3 = Instant.parse("2026-03-01T12:00:00Z");
    private final Instant t4 = Instant.parse("2026-03-01T13:00:00Z");
    private final Instant t5 = Instant.parse("2026-03-01T14:00:00Z");
    private final Instant t6 = Instant.parse("2026-03-01T15:00:00Z");
    private final MutableClock clock = new MutableClock(t1);

    private final Product created = new Product("p1", new BigDecimal("10.00"), "Lamp", "A lamp", "L-1");
    private final Product repriced = new Product("p1", new BigDecimal("12.00"), "Desk lamp", "A lamp", "L-1");
    private final Product described = new Product("p1", new BigDecimal("11.00"), "Desk lamp", "A desk lamp", "L-1");
    private final Product renamed = new Product("p1", new BigDecimal("11.00"), "Reading lamp", "A desk lamp", "L-1");

    private LithairStore open() {
        return LithairStore.open(StoreOptions.defaults(dir).withFsyncPolicy(FsyncPolicy.NEVER).withClock(clock),
                List.of(EntityModel.of(Product.class, HistoryPolicy.NONE), EntityModel.of(Sensor.class, HistoryPolicy.NONE)));
    }

    private void put(LithairStore store, Instant at, Object entity, String type, String id) {
        clock.set(at);
        store.commit(Commit.of(new Operation.Put(type, id, entity)));
    }

    private void delete(LithairStore store, Instant at, String type, String id) {
        clock.set(at);
        store.commit(Commit.of(new Operation.Delete(type, id)));
    }

    /** Created at t1, repriced and renamed at t2, repriced and described at t3, renamed at t4. */
    private void givenAProductChangedThreeTimes(LithairStore store) {
        put(store, t1, created, "Product", "p1");
        put(store, t2, repriced, "Product", "p1");
        put(store, t3, described, "Product", "p1");
        put(store, t4, renamed, "Product", "p1");
    }

    private static Instant half(Instant after) {
        return after.plusSeconds(1800);
    }

    @Test
    void beforeItsCreationAnEntityDidNotExist() {
        try (LithairStore store = open()) {
            givenAProductChangedThreeTimes(store);

            AsOf<Product> asOf = store.findAsOf(Product.class, "p1", t1.minusMillis(1));

            assertThat(asOf.existence()).isEqualTo(Existence.DID_NOT_EXIST);
            assertThat(asOf.state()).isEmpty();
        }
    }

    @Test
    void sinceItsLastChangeAnEntityIsExactlyItsCurrentState() {
        try (LithairStore store = open()) {
            givenAProductChangedThreeTimes(store);

            AsOf<Product> asOf = store.findAsOf(Product.class, "p1", t4);

            assertThat(asOf.complete()).isTrue();
            assertThat(asOf.state()).contains(renamed);
        }
    }

    @Test
    void betweenChangesHistorizedFieldsAreRebuiltAndTheOthersAreSaidUnknown() {
        try (LithairStore store = open()) {
            givenAProductChangedThreeTimes(store);

            AsOf<Product> asOf = store.findAsOf(Product.class, "p1", half(t3));

            assertThat(asOf.existence()).isEqualTo(Existence.EXISTED);
            assertThat(asOf.unknownFields()).containsExactly("description");
            assertThat(asOf.state()).contains(new Product("p1", new BigDecimal("11.00"), "Desk lamp", null, "L-1"));
        }
    }

    @Test
    void aFieldWhoseRetainedHistoryNoLongerReachesTheInstantIsUnknownNotCurrent() {
        try (LithairStore store = open()) {
            givenAProductChangedThreeTimes(store);

            AsOf<Product> asOf = store.findAsOf(Product.class, "p1", half(t1));

            assertThat(asOf.unknownFields()).containsExactly("name", "description");
            assertThat(asOf.state()).contains(new Product("p1", new BigDecimal("10.00"), null, null, "L-1"));
            assertThat(asOf.complete()).isFalse();
        }
    }

    @Test
    void atTheExactInstantOfAChangeTheChangeIsIncluded() {
        try (LithairStore store = open()) {
            givenAProductChangedThreeTimes(store);

            assertThat(store.findAsOf(Product.class, "p1", t2).state().orElseThrow().price())
                    .isEqualTo(new BigDecimal("12.00"));
            assertThat(store.findAsOf(Product.class, "p1", t1).state().orElseThrow().price())
                    .isEqualTo(new BigDecimal("10.00"));
        }
    }

    @Test
    void aDeletedEntityDidNotExistAfterItsDeletionAndIsRebuiltBeforeIt() {
        try (LithairStore store = open()) {
            givenAProductChangedThreeTimes(store);
            delete(store, t5, "Product", "p1");

            assertThat(store.findAsOf(Product.class, "p1", t5).existence()).isEqualTo(Existence.DID_NOT_EXIST);
            AsOf<Product> before = store.findAsOf(Product.class, "p1", half(t3));
            assertThat(before.existence()).isEqualTo(Existence.EXISTED);
            assertThat(before.unknownFields()).containsExactly("description", "sku");
            assertThat(before.state()).contains(new Product("p1", new BigDecimal("11.00"), "Desk lamp", null, null));
        }
    }

    @Test
    void asOfAnswersAreTheSameAfterCompactionAndRestart() {
        try (LithairStore store = open()) {
            givenAProductChangedThreeTimes(store);
            delete(store, t5, "Product", "p1");
            store.compact().join();
        }
        try (LithairStore reopened = open()) {
            assertThat(reopened.findAsOf(Product.class, "p1", t1.minusMillis(1)).existence())
                    .isEqualTo(Existence.DID_NOT_EXIST);
            assertThat(reopened.findAsOf(Product.class, "p1", half(t1)).state())
                    .contains(new Product("p1", new BigDecimal("10.00"), null, null, null));
            assertThat(reopened.findAsOf(Product.class, "p1", half(t3)).state())
                    .contains(new Product("p1", new BigDecimal("11.00"), "Desk lamp", null, null));
            assertThat(reopened.findAsOf(Product.class, "p1", t5).existence()).isEqualTo(Existence.DID_NOT_EXIST);
        }
    }

    @Test
    void anEntityCreatedAgainIsAnsweredFromTheLifetimeTheInstantFallsIn() {
        try (LithairStore store = open()) {
            givenAProductChangedThreeTimes(store);
            delete(store, t5, "Product", "p1");
            Product again = new Product("p1", new BigDecimal("8.00"), "Lamp", "Again", "L-2");
            put(store, t6, again, "Product", "p1");

            assertThat(store.findAsOf(Product.class, "p1", half(t5)).existence()).isEqualTo(Existence.DID_NOT_EXIST);
            assertThat(store.findAsOf(Product.class, "p1", t6).state()).contains(again);
            AsOf<Product> firstLifetime = store.findAsOf(Product.class, "p1", half(t3));
            assertThat(firstLifetime.unknownFields()).containsExactly("name", "description", "sku");
            assertThat(firstLifetime.state()).contains(new Product("p1", new BigDecimal("11.00"), null, null, null));
        }
    }

    @Test
    void aTypeThatHistorizesNothingIsKnownOnlyWhereItHasNotChangedSince() {
        try (LithairStore store = open()) {
            put(store, t1, new Sensor("s1", "hall"), "Sensor", "s1");
            put(store, t3, new Sensor("s1", "kitchen"), "Sensor", "s1");

            assertThat(store.findAsOf(Sensor.class, "s1", t3).state()).contains(new Sensor("s1", "kitchen"));
            assertThat(store.findAsOf(Sensor.class, "s1", t2).unknownFields()).containsExactly("location");
            assertThat(store.findAsOf(Sensor.class, "s1", t2).state()).contains(new Sensor("s1", null));
            assertThat(store.findAsOf(Sensor.class, "s1", t1.minusMillis(1)).existence())
                    .isEqualTo(Existence.DID_NOT_EXIST);

            delete(store, t4, "Sensor", "s1");
            assertThat(store.history("Sensor", "s1")).isEmpty();
            assertThat(store.findAsOf(Sensor.class, "s1", t2).existence()).isEqualTo(Existence.UNKNOWN);
        }
    }

    @Test
    void entitiesFromDataThatKeptNoHistoryHaveAnUnknownPast() {
        // A snapshot without a history section, as written before history was kept: state only.
        try (LithairStore untyped = LithairStore.open(StoreOptions.defaults(dir).withFsyncPolicy(FsyncPolicy.NEVER)
                .withClock(clock))) {
            untyped.commit(Commit.of(new Operation.Put("Sensor", "s1",
                    JsonNodeFactory.instance.objectNode().put("id", "s1").put("location", "hall"))));
            untyped.compact().join();
        }
        try (LithairStore store = open()) {
            assertThat(store.findAsOf(Sensor.class, "s1", t1).existence()).isEqualTo(Existence.UNKNOWN);

            put(store, t2, new Sensor("s1", "attic"), "Sensor", "s1");

            assertThat(store.findAsOf(Sensor.class, "s1", t2).state()).contains(new Sensor("s1", "attic"));
            assertThat(store.findAsOf(Sensor.class, "s1", half(t1)).existence()).isEqualTo(Existence.UNKNOWN);
        }
    }

    @Test
    void anUnknownEntityTypeIsRefused() {
        try (LithairStore store = open()) {
            assertThatThrownBy(() -> store.findAsOf(String.class, "x", t1)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
