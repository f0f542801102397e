package dev.lithair.internal.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lithair.annotation.Historize;
import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.history.AsOf.Existence;
import dev.lithair.history.FieldChange;
import dev.lithair.model.EntityModel;
import dev.lithair.store.FsyncPolicy;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;
import dev.lithair.support.MutableClock;

/**
 * What the compact in-memory layout of retained history must not change: event ids (held only when
 * not the default one), actors (shared between changes), and the lifetimes of entities whose type
 * historizes nothing (held in the smallest layout only while nothing else needs keeping).
 */
class RetainedHistoryLayoutTest {

    record Product(String id, @Historize(HistoryPolicy.FULL) BigDecimal price, @Historize(versions = 2) String name) {
    }

    /** The same type name, first historizing its location, then nothing. */
    record HistorizedSensor(String id, @Historize(HistoryPolicy.FULL) String location) {
    }

    record Sensor(String id, String location) {
    }

    @TempDir
    Path dir;

    private final Instant t1 = Instant.parse("2026-03-01T10:00:00Z");
    private final Instant t2 = Instant.parse("2026-03-01T11:00:00Z");
    private final Instant t3 = Instant.parse("2026-03-01T12:00:00Z");
    private final Instant t4 = Instant.parse("2026-03-01T13:00:00Z");
    private final MutableClock clock = new MutableClock(t1);

    private LithairStore open(EntityModel<?> model) {
        return LithairStore.open(StoreOptions.defaults(dir).withFsyncPolicy(FsyncPolicy.NEVER).withClock(clock)
                .withSnapshotEveryEvents(0), List.of(model));
    }

    private LithairStore openProducts() {
        return open(EntityModel.of(Product.class, HistoryPolicy.NONE));
    }

    private void put(LithairStore store, Instant at, String key, String actor, String type, String id, Object entity) {
        clock.set(at);
        store.commit(new Commit(key, actor, List.of(new Operation.Put(type, id, entity))));
    }

    /** Five events: ids that are the default, that look like another event's default, and chosen keys. */
    private void givenAProductChangedByKeysThatLookLikeDefaultIds(LithairStore store) {
        put(store, t1, null, "alice", "Product", "p1", new Product("p1", new BigDecimal("10.00"), "Lamp"));
        put(store, t2, "Product:p1:7", new String("bob"), "Product", "p1", new Product("p1", new BigDecimal("11.00"), "Lamp"));
        put(store, t2, "Product:p1:3", new String("bob"), "Product", "p1", new Product("p1", new BigDecimal("12.00"), "Lamp"));
        put(store, t3, "Product:p1:04", null, "Product", "p1", new Product("p1", new BigDecimal("13.00"), "Desk lamp"));
        put(store, t4, "Product:p2:5", new String("bob"), "Product", "p1", new Product("p1", new BigDecimal("14.00"), "Desk lamp"));
    }

    private List<FieldChange> expectedPrice() {
        return List.of(
                new FieldChange("price", null, new BigDecimal("10.00"), t1, 1, "Product:p1:1", "alice"),
                new FieldChange("price", new BigDecimal("10.00"), new BigDecimal("11.00"), t2, 2, "Product:p1:7", "bob"),
                new FieldChange("price", new BigDecimal("11.00"), new BigDecimal("12.00"), t2, 3, "Product:p1:3", "bob"),
                new FieldChange("price", new BigDecimal("12.00"), new BigDecimal("13.00"), t3, 4, "Product:p1:04", null),
                new FieldChange("price", new BigDecimal("13.00"), new BigDecimal("14.00"), t4, 5, "Product:p2:5", "bob"));
    }

    private void assertHistoryAsCommitted(LithairStore store) {
        assertThat(store.history("Product", "p1", "price")).containsExactlyElementsOf(expectedPrice());
        assertThat(store.history("Product", "p1", "name")).containsExactly(
                new FieldChange("name", null, "Lamp", t1, 1, "Product:p1:1", "alice"),
                new FieldChange("name", "Lamp", "Desk lamp", t3, 4, "Product:p1:04", null));
        assertThat(store.history("Product", "p1")).extracting(FieldChange::sequence, FieldChange::field)
                .startsWith(org.assertj.core.groups.Tuple.tuple(1L, "price"), org.assertj.core.groups.Tuple.tuple(1L, "name"));
    }

    @Test
    void eventIdsAndActorsReadBackAsCommittedInMemoryAfterALogReplayAndAfterASnapshot() {
        try (LithairStore store = openProducts()) {
            givenAProductChangedByKeysThatLookLikeDefaultIds(store);
            assertHistoryAsCommitted(store);
        }
        try (LithairStore replayed = openProducts()) {
            assertHistoryAsCommitted(replayed);
            replayed.compact().join();
        }
        try (LithairStore fromSnapshot = openProducts()) {
            assertHistoryAsCommitted(fromSnapshot);
        }
    }

    @Test
    void changesReadBackFromTheLogShareOneInstanceOfEachActorName() {
        try (LithairStore store = openProducts()) {
            givenAProductChangedByKeysThatLookLikeDefaultIds(store);
        }
        try (LithairStore replayed = openProducts()) {
            List<FieldChange> price = replayed.history("Product", "p1", "price");

            assertThat(price.get(1).actor()).isEqualTo("bob");
            assertThat(price.get(2).actor()).isSameAs(price.get(1).actor());
            assertThat(price.get(4).actor()).isSameAs(price.get(1).actor());
        }
    }

    @Test
    void aSnapshotReadBackSharesTheNewestValueWithTheEntityAndOneInstantBetweenTheChangesOfOneInstant() {
        try (LithairStore store = openProducts()) {
            givenAProductChangedByKeysThatLookLikeDefaultIds(store);
            store.compact().join();
        }
        try (LithairStore fromSnapshot = openProducts()) {
            Product product = fromSnapshot.find(Product.class, "p1").orElseThrow();
            List<FieldChange> price = fromSnapshot.history("Product", "p1", "price");
            List<FieldChange> name = fromSnapshot.history("Product", "p1", "name");

            assertThat(price).containsExactlyElementsOf(expectedPrice());
            assertThat(price.get(4).newValue()).isSameAs(product.price());
            assertThat(name.get(1).newValue()).isSameAs(product.name());
            assertThat(price.get(2).timestamp()).as("t2, twice").isSameAs(price.get(1).timestamp());
            assertThat(name.get(0).timestamp()).as("t1, in both fields").isSameAs(price.get(0).timestamp());
        }
    }

    @Test
    void aTypeThatNoLongerHistorizesAnythingStillKnowsTheLifetimesItsSnapshotHolds() {
        try (LithairStore store = open(EntityModel.of(HistorizedSensor.class, "Sensor", HistoryPolicy.NONE))) {
            put(store, t1, null, null, "Sensor", "s1", new HistorizedSensor("s1", "hall"));
            clock.set(t2);
            store.commit(Commit.of(new Operation.Delete("Sensor", "s1")));
            put(store, t3, null, null, "Sensor", "s1", new HistorizedSensor("s1", "attic"));
            store.compact().join();
        }
        try (LithairStore store = open(EntityModel.of(Sensor.class, HistoryPolicy.NONE))) {
            assertThat(store.findAsOf(Sensor.class, "s1", t1.plusSeconds(1)).unknownFields()).containsExactly("location");
            assertThat(store.findAsOf(Sensor.class, "s1", t2.plusSeconds(1)).existence()).isEqualTo(Existence.DID_NOT_EXIST);
            assertThat(store.findAsOf(Sensor.class, "s1", t3).state()).contains(new Sensor("s1", "attic"));

            put(store, t4, null, null, "Sensor", "s1", new Sensor("s1", "cellar"));

            assertThat(store.findAsOf(Sensor.class, "s1", t2.plusSeconds(1)).existence())
                    .as("an update keeps the earlier lifetime").isEqualTo(Existence.DID_NOT_EXIST);
            assertThat(store.findAsOf(Sensor.class, "s1", t3.plusSeconds(1)).unknownFields()).containsExactly("location");
            assertThat(store.findAsOf(Sensor.class, "s1", t1.minusSeconds(1)).existence()).isEqualTo(Existence.DID_NOT_EXIST);
            assertThat(store.history("Sensor", "s1")).isEmpty();
        }
    }
}
