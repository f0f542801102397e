package dev.lithair.internal.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.lithair.annotation.Historize;
import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.annotation.Immutable;
import dev.lithair.event.EventEnvelope;
import dev.lithair.event.EventType;
import dev.lithair.event.StorageFormat;
import dev.lithair.history.AsOf;
import dev.lithair.history.FieldChange;
import dev.lithair.model.EntityCodec;
import dev.lithair.model.EntityModel;
import dev.lithair.model.EntityTypes;
import dev.lithair.model.FieldModel;
import dev.lithair.store.FsyncPolicy;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;
import dev.lithair.support.DataDirectory;
import dev.lithair.support.MutableClock;
import dev.lithair.testsupport.Awaits;
import tools.jackson.databind.node.JsonNodeFactory;

/** {@code @Historize(maxAge = ...)}: changes older than the age leave reads, memory, snapshots and the compacted log. */
class HistoryRetentionByAgeTest {

    /** Every name of the last 90 days; the two newest prices of the last 30 days. */
    record Product(String id,
            @Historize(maxAge = "P90D") String name,
            @Historize(versions = 2, maxAge = "P30D") BigDecimal price) {
    }

    @TempDir
    Path dir;

    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    private final MutableClock clock = new MutableClock(t0);

    private LithairStore open() {
        return open(StorageFormat.JSON);
    }

    private LithairStore open(StorageFormat format) {
        return LithairStore.open(StoreOptions.defaults(dir).withFsyncPolicy(FsyncPolicy.NEVER).withFormat(format)
                .withClock(clock).withSnapshotEveryEvents(0), List.of(EntityModel.of(Product.class, HistoryPolicy.NONE)));
    }

    private Instant day(int days) {
        return t0.plus(Duration.ofDays(days));
    }

    private void put(LithairStore store, int day, String name, String price) {
        clock.set(day(day));
        store.commit(Commit.of(new Operation.Put("Product", "p1", new Product("p1", name, new BigDecimal(price)))));
    }

    /**
     * Named "ancient-name-7f3a" on day 0, "Lamp" on day 1, "Desk lamp" on day 50;
     * priced 10, 11, 12, 13 on days 0, 1, 40, 45.
     */
    private void givenAProductRenamedAndRepriced(LithairStore store) {
        put(store, 0, "ancient-name-7f3a", "10");
        put(store, 1, "Lamp", "11");
        put(store, 40, "Lamp", "12");
        put(store, 45, "Lamp", "13");
        put(store, 50, "Desk lamp", "13");
    }

    private static List<Object> names(LithairStore store) {
        return store.history("Product", "p1", "name").stream().map(FieldChange::newValue).toList();
    }

    private static List<Object> prices(LithairStore store) {
        return store.history("Product", "p1", "price").stream().map(change -> (Object) change.newValue().toString())
                .toList();
    }

    @Test
    void aChangeOlderThanMaxAgeIsGoneFromHistoryAsSoonAsTheClockPassesIt() {
        try (LithairStore store = open()) {
            givenAProductRenamedAndRepriced(store);

            clock.set(day(90));
            List<Object> atNinetyDays = names(store);
            clock.set(day(91).plusSeconds(1));
            List<Object> pastNinetyOneDays = names(store);

            assertThat(atNinetyDays).containsExactly("ancient-name-7f3a", "Lamp", "Desk lamp");
            assertThat(pastNinetyOneDays).containsExactly("Desk lamp");
            assertThat(store.history("Product", "p1")).extracting(FieldChange::field).containsExactly("name");
        }
    }

    @Test
    void versionsAndMaxAgeBothApply() {
        try (LithairStore store = open()) {
            givenAProductRenamedAndRepriced(store);

            List<Object> whileYoung = prices(store);
            clock.set(day(72));
            List<Object> afterTheSecondNewestAged = prices(store);
            clock.set(day(76));
            List<Object> afterBothAged = prices(store);

            assertThat(whileYoung).as("two newest of four, none older than 30 days").containsExactly("12", "13");
            assertThat(afterTheSecondNewestAged).containsExactly("13");
            assertThat(afterBothAged).isEmpty();
        }
    }

    @Test
    void expiredChangesLeaveMemoryWithoutACommitAndAtEveryCommit() {
        try (LithairStore store = open()) {
            givenAProductRenamedAndRepriced(store);
            assertThat(store.retainedHistoryChanges()).isEqualTo(3 + 2);

            clock.set(day(92));

            Awaits.await().untilAsserted(() -> assertThat(store.retainedHistoryChanges())
                    .as("Desk lamp alone: the idle store sweeps").isEqualTo(1));
            put(store, 200, "Reading lamp", "14");
            assertThat(store.retainedHistoryChanges()).as("an append drops the field's expired changes")
                    .isEqualTo(2);
        }
    }

    @Test
    void aSweepFreesExactlyTheExpiredChangesAndSaysHowMany() {
        EntityTypes types = new EntityTypes(List.of(EntityModel.of(Product.class, HistoryPolicy.NONE)));
        FieldHistories histories = new FieldHistories(types, clock);
        ConcurrentHashMap<String, Object> rows = new ConcurrentHashMap<>();
        histories.keepRowsIn(type -> rows); // the store's table of Product
        Product lamp = new Product("p1", "Lamp", new BigDecimal("10"));
        Product desk = new Product("p1", "Desk lamp", new BigDecimal("10"));
        EntityCodec<Product> codec = types.codec(Product.class);
        Object created = histories.apply(new EventEnvelope(EventType.CREATED, "e1", 1, day(0), null, "Product", "p1",
                codec.toPayload(lamp)), null, null, lamp);
        Object updated = histories.apply(new EventEnvelope(EventType.UPDATED, "e2", 2, day(40), null, "Product", "p1",
                JsonNodeFactory.instance.objectNode().put("name", "Desk lamp")), created, lamp, desk);
        rows.put("p1", updated);
        clock.set(day(91));
        assertThat(histories.retainedChanges()).as("held until a sweep").isEqualTo(3);

        long dropped = histories.dropExpired();

        assertThat(dropped).as("the creation's name and price").isEqualTo(2);
        assertThat(histories.retainedChanges()).isEqualTo(1);
        assertThat(histories.history("Product", "p1")).extracting(FieldChange::newValue).containsExactly("Desk lamp");
        assertThat(histories.dropExpired()).as("nothing left to drop").isZero();
    }

    @ParameterizedTest
    @EnumSource(StorageFormat.class)
    void expiredChangesAreGoneFromTheSnapshotAndFromTheCompactedLog(StorageFormat format) throws IOException {
        try (LithairStore store = open(format)) {
            givenAProductRenamedAndRepriced(store);
            assertThat(bytesUnder(dir)).as("the search finds the old name in the log").contains("ancient-name-7f3a");

            clock.set(day(92));
            store.snapshot().join();
            String snapshot = new String(DataDirectory.read(DataDirectory.at(dir).snapshots().get(0)),
                    StandardCharsets.ISO_8859_1);
            assertThat(snapshot).contains("Desk lamp").doesNotContain("ancient-name-7f3a");

            store.compact().join();
        }

        assertThat(bytesUnder(dir)).doesNotContain("ancient-name-7f3a");
        try (LithairStore reopened = open(format)) {
            assertThat(reopened.recovery().recordsReplayed()).isZero();
            assertThat(reopened.history("Product", "p1")).containsExactly(
                    new FieldChange("name", "Lamp", "Desk lamp", day(50), 5, "Product:p1:5", null));
            assertThat(reopened.retainedHistoryChanges()).isEqualTo(1);
        }
    }

    @Test
    void aSnapshotReadBackAfterTimePassedHoldsOnlyWhatIsStillRetained() {
        try (LithairStore store = open()) {
            givenAProductRenamedAndRepriced(store);
            store.compact().join();
        }
        clock.set(day(92));

        try (LithairStore reopened = open()) {
            assertThat(reopened.recovery().recordsReplayed()).isZero();
            assertThat(names(reopened)).containsExactly("Desk lamp");
            assertThat(prices(reopened)).isEmpty();
            assertThat(reopened.retainedHistoryChanges()).isEqualTo(1);
        }
    }

    @Test
    void aLogReplayedAfterTimePassedRetainsOnlyTheYoungChanges() {
        try (LithairStore store = open()) {
            givenAProductRenamedAndRepriced(store);
        }
        clock.set(day(92));

        try (LithairStore reopened = open()) {
            assertThat(reopened.recovery().recordsReplayed()).isEqualTo(5);
            assertThat(names(reopened)).containsExactly("Desk lamp");
            assertThat(prices(reopened)).isEmpty();
            assertThat(reopened.retainedHistoryChanges()).isEqualTo(1);
        }
    }

    @Test
    void anAsOfReadSaysAFieldWhoseChangesExpiredIsUnknown() {
        try (LithairStore store = open()) {
            givenAProductRenamedAndRepriced(store);
            clock.set(day(60));
            AsOf<Product> beforeExpiry = store.findAsOf(Product.class, "p1", day(20));

            clock.set(day(92));
            AsOf<Product> afterExpiry = store.findAsOf(Product.class, "p1", day(20));
            AsOf<Product> stillRetained = store.findAsOf(Product.class, "p1", day(60));

            assertThat(beforeExpiry.unknownFields()).as("the two newest prices are from days 40 and 45")
                    .containsExactly("price");
            assertThat(beforeExpiry.state()).contains(new Product("p1", "Lamp", null));
            assertThat(afterExpiry.unknownFields()).containsExactly("name", "price");
            assertThat(afterExpiry.state()).contains(new Product("p1", null, null));
            assertThat(stillRetained.complete()).as("unchanged since day 50: the current state").isTrue();
        }
    }

    record UnparsableAge(String id, @Historize(value = HistoryPolicy.FULL, maxAge = "90 days") String name) {
    }

    record ZeroAge(String id, @Historize(value = HistoryPolicy.FULL, maxAge = "PT0S") String name) {
    }

    record NegativeAge(String id, @Historize(value = HistoryPolicy.FULL, maxAge = "-P1D") String name) {
    }

    record AgeWithoutHistory(String id, @Historize(value = HistoryPolicy.NONE, maxAge = "P1D") String name) {
    }

    record AgeOnAnImmutable(String id, @Immutable @Historize(maxAge = "P1D") String name) {
    }

    record AgeOnTheId(@Historize(maxAge = "PT1H") String id, String name) {
    }

    @ParameterizedTest
    @ValueSource(classes = {UnparsableAge.class, ZeroAge.class, NegativeAge.class, AgeWithoutHistory.class,
            AgeOnAnImmutable.class, AgeOnTheId.class})
    void aMaxAgeThatIsNotAPositiveDurationOrOnAFieldKeepingNoHistoryIsRefusedWhenTheModelIsRead(Class<?> type) {
        String field = type == AgeOnTheId.class ? "id" : "name";
        String declared = type.getRecordComponents()[type == AgeOnTheId.class ? 0 : 1]
                .getAnnotation(Historize.class).maxAge();

        assertThatThrownBy(() -> EntityModel.of(type, HistoryPolicy.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(type.getSimpleName() + "." + field)
                .hasMessageContaining("maxAge = \"" + declared + "\"");
    }

    record AgeAlone(String id, @Historize(maxAge = "P1D") String name) {
    }

    @Test
    void aMaxAgeAloneKeepsEveryChangeWithinTheAgeWhateverTheDefaultPolicy() {
        for (HistoryPolicy defaultPolicy : List.of(HistoryPolicy.NONE, HistoryPolicy.FULL)) {
            FieldModel name = EntityModel.of(AgeAlone.class, defaultPolicy).field("name");

            assertThat(name.history()).as("default " + defaultPolicy).isEqualTo(HistoryPolicy.FULL);
            assertThat(name.maxAge()).isEqualTo(Duration.ofDays(1));
        }
    }

    /** Every byte of the files under {@code directory}, as text that keeps each byte. */
    private static String bytesUnder(Path directory) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(directory)) {
            files.filter(Files::isRegularFile).forEach(file -> {
                try {
                    all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return all.toString();
    }
}
