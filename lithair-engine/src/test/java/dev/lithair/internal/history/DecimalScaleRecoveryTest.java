package dev.lithair.internal.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.lithair.annotation.Historize;
import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.event.StorageFormat;
import dev.lithair.history.FieldChange;
import dev.lithair.model.EntityModel;
import dev.lithair.store.FsyncPolicy;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;

/** A decimal comes back with the scale it was stored with (12.50, not 12.5), whatever path recovers it. */
class DecimalScaleRecoveryTest {

    record Price(String id, @Historize(HistoryPolicy.FULL) BigDecimal amount) {
    }

    @TempDir
    Path dir;

    private LithairStore open(StorageFormat format) {
        return LithairStore.open(StoreOptions.defaults(dir).withFsyncPolicy(FsyncPolicy.NEVER).withFormat(format),
                List.of(EntityModel.of(Price.class, HistoryPolicy.NONE)));
    }

    @ParameterizedTest
    @EnumSource(StorageFormat.class)
    void stateAndHistoryKeepTheScaleAfterASnapshotAndARestart(StorageFormat format) {
        givenTwoPrices(format, true);
        thenBothScalesAreKept(format);
    }

    @ParameterizedTest
    @EnumSource(StorageFormat.class)
    void stateAndHistoryKeepTheScaleWhenReplayedFromTheLog(StorageFormat format) {
        givenTwoPrices(format, false);
        thenBothScalesAreKept(format);
    }

    private void givenTwoPrices(StorageFormat format, boolean snapshot) {
        try (LithairStore store = open(format)) {
            store.commit(Commit.of(new Operation.Put("Price", "p1", new Price("p1", new BigDecimal("12.50")))));
            store.commit(Commit.of(new Operation.Put("Price", "p1", new Price("p1", new BigDecimal("39.90")))));
            if (snapshot) {
                store.snapshot().join();
            }
        }
    }

    private void thenBothScalesAreKept(StorageFormat format) {

        try (LithairStore store = open(format)) {
            assertThat(store.find(Price.class, "p1").orElseThrow().amount().toPlainString()).isEqualTo("39.90");
            assertThat(store.history("Price", "p1", "amount")).extracting(FieldChange::newValue)
                    .extracting(value -> ((BigDecimal) value).toPlainString())
                    .containsExactly("12.50", "39.90");
        }
    }
}
