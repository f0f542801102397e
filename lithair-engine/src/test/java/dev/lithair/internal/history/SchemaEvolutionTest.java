package dev.lithair.internal.history;

import dev.lithair.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lithair.annotation.FormerlyNamed;
import dev.lithair.annotation.Historize;
import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.history.AsOf;
import dev.lithair.history.FieldChange;
import dev.lithair.model.EntityModel;
import dev.lithair.store.FsyncPolicy;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;

/** The same entity type, "Product", as two releases of an application declare it. */
class SchemaEvolutionTest {

    record ProductV1(String id,
            @Historize(HistoryPolicy.FULL) String title,
            @Historize(HistoryPolicy.FULL) BigDecimal price,
            @Historize(HistoryPolicy.FULL) String color) {
    }

    /** title renamed to name, price's policy tightened, color removed, category added. */
    record ProductV2(String id,
            @FormerlyNamed("title") @Historize(HistoryPolicy.FULL) String name,
            @Historize(versions = 1) BigDecimal price,
            @Historize(HistoryPolicy.FULL) String category) {
    }

    @TempDir
    Path dir;

    private final Instant t1 = Instant.parse("2026-03-01T10:00:00Z");
    private final Instant t2 = Instant.parse("2026-03-01T11:00:00Z");
    private final Instant t3 = Instant.parse("2026-03-01T12:00:00Z");
    private final Instant t4 = Instant.parse("2026-03-01T13:00:00Z");
    private final MutableClock clock = new MutableClock(t1);

    private LithairStore open(Class<?> release) {
        return LithairStore.open(StoreOptions.defaults(dir).withFsyncPolicy(FsyncPolicy.NEVER).withClock(clock),
                List.of(EntityModel.of(release, "Product", HistoryPolicy.NONE)));
    }

    private void put(LithairStore store, Instant at, String key, Object product) {
        clock.set(at);
        store.commit(new Commit(key, "ann", List.of(new Operation.Put("Product", "p1", product))));
    }

    /** Release 1 creates the product and changes every field, then price again. */
    private void givenReleaseOneHistory(boolean compacted) {
        try (LithairStore v1 = open(ProductV1.class)) {
            put(v1, t1, "k1", new ProductV1("p1", "Lamp", new BigDecimal("10"), "red"));
            put(v1, t2, "k2", new ProductV1("p1", "Desk lamp", new BigDecimal("12"), "blue"));
            put(v1, t3, "k3", new ProductV1("p1", "Desk lamp", new BigDecimal("14"), "blue"));
            if (compacted) {
                v1.compact().join();
            }
        }
    }

    private void assertReadUnderReleaseTwo(LithairStore v2) {
        assertThat(v2.find(ProductV2.class, "p1")).contains(new ProductV2("p1", "Desk lamp", new BigDecimal("14"), null));
        assertThat(v2.history("Product", "p1", "name")).containsExactly(
                new FieldChange("name", null, "Lamp", t1, 1, "k1", "ann"),
                new FieldChange("name", "Lamp", "Desk lamp", t2, 2, "k2", "ann"));
        assertThat(v2.history("Product", "p1", "price")).containsExactly(
                new FieldChange("price", new BigDecimal("12"), new BigDecimal("14"), t3, 3, "k3", "ann"));
        assertThat(v2.history("Product", "p1", "category")).isEmpty();
        assertThat(v2.history("Product", "p1")).extracting(FieldChange::field).containsOnly("name", "price");
        assertThatThrownBy(() -> v2.history("Product", "p1", "color")).isInstanceOf(IllegalArgumentException.class);
        assertThat(v2.history("Product", "p1", "title")).as("a former name reads the renamed field")
                .isEqualTo(v2.history("Product", "p1", "name"));
        assertThat(v2.retainedHistoryChanges()).isEqualTo(3);
    }

    @Test
    void aNewReleaseReadsTheOldLogUnderItsOwnFieldsAndPolicies() {
        givenReleaseOneHistory(false);

        try (LithairStore v2 = open(ProductV2.class)) {
            assertThat(v2.recovery().recordsReplayed()).isEqualTo(3);
            assertReadUnderReleaseTwo(v2);
        }
    }

    @Test
    void aNewReleaseReadsAnOldSnapshotUnderItsOwnFieldsAndPolicies() {
        givenReleaseOneHistory(true);

        try (LithairStore v2 = open(ProductV2.class)) {
            assertThat(v2.recovery().recordsReplayed()).isZero();
            assertReadUnderReleaseTwo(v2);
        }
    }

    @Test
    void aRenamedFieldsHistoryGoesOnUnderItsNewName() {
        givenReleaseOneHistory(false);

        try (LithairStore v2 = open(ProductV2.class)) {
            put(v2, t4, "k4", new ProductV2("p1", "Reading lamp", new BigDecimal("14"), "lighting"));

            assertThat(v2.history("Product", "p1", "name")).extracting(FieldChange::newValue)
                    .containsExactly("Lamp", "Desk lamp", "Reading lamp");
            assertThat(v2.history("Product", "p1", "category")).containsExactly(
                    new FieldChange("category", null, "lighting", t4, 4, "k4", "ann"));
        }
    }

    @Test
    void compactingUnderTheNewReleaseDropsFromDiskWhatItNoLongerKeeps() throws IOException {
        givenReleaseOneHistory(true);
        try (LithairStore v2 = open(ProductV2.class)) {
            v2.compact().join();
        }

        String onDisk = readAll(dir);
        assertThat(onDisk).contains("Desk lamp").doesNotContain("color", "red", "title", "\"10\"");
        try (LithairStore v2 = open(ProductV2.class)) {
            assertReadUnderReleaseTwo(v2);
        }
    }

    @Test
    void asOfReadsAnswerUnderTheNewReleaseToo() {
        givenReleaseOneHistory(true);

        try (LithairStore v2 = open(ProductV2.class)) {
            AsOf<ProductV2> asOf = v2.findAsOf(ProductV2.class, "p1", t2);

            assertThat(asOf.unknownFields()).containsExactly("price", "category");
            assertThat(asOf.state()).contains(new ProductV2("p1", "Desk lamp", null, null));
        }
    }

    @Test
    void aFormerNameThatIsAnotherFieldsNameIsRefused() {
        record Clash(String id, @FormerlyNamed("label") String name, String label) {
        }
        record Shared(String id, @FormerlyNamed("old") String a, @FormerlyNamed("old") String b) {
        }

        assertThatThrownBy(() -> EntityModel.of(Clash.class, HistoryPolicy.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label");
        assertThatThrownBy(() -> EntityModel.of(Shared.class, HistoryPolicy.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("old");
    }

    private static String readAll(Path directory) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }
}
