package dev.lithair.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.lithair.annotation.Historize;
import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.event.StorageFormat;
import dev.lithair.event.ValueLimits;
import dev.lithair.event.ValueLimits.Limit;
import dev.lithair.exception.LogCorruptedException;
import dev.lithair.exception.ValueLimitException;
import dev.lithair.model.EntityModel;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;
import dev.lithair.support.DataDirectory;
import dev.lithair.support.Documents;
import dev.lithair.support.Entities;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Values the store could not read back are refused when the commit is planned, before anything is
 * written; the store goes on; whatever it accepts reads back after a restart (issue 16, point 1).
 */
class ValueLimitTest {

    record Invoice(String id, @Historize(HistoryPolicy.FULL) BigDecimal total, String note) {
    }

    record Reading(String id, double value, List<Double> series) {
    }

    @TempDir
    Path dir;

    private StoreOptions options(StorageFormat format) {
        return Entities.fastOptions(dir).withFormat(format);
    }

    private LithairStore open(StoreOptions options) {
        return LithairStore.open(options, List.of(EntityModel.of(Invoice.class, HistoryPolicy.NONE),
                EntityModel.of(Reading.class, HistoryPolicy.NONE)));
    }

    private static Commit put(ObjectNode document) {
        return Commit.of(new Operation.Put("Document", document.get("id").asString(), document));
    }

    @ParameterizedTest
    @EnumSource(StorageFormat.class)
    void aNumberLongerThanTheLimitIsRefusedBeforeAnythingIsWrittenAndTheStoreGoesOn(StorageFormat format) {
        try (LithairStore store = open(options(format))) {
            store.commit(put(Documents.withDecimal("d1", 10)));
            Map<String, String> before = DataDirectory.at(dir).fingerprint();

            ValueLimitException refused = catchThrowableOfType(ValueLimitException.class,
                    () -> store.commit(put(Documents.withDecimal("d2", 1200))));

            assertThat(refused.limit()).isEqualTo(Limit.NUMBER_LENGTH);
            assertThat(refused.entityType()).isEqualTo("Document");
            assertThat(refused.entityId()).isEqualTo("d2");
            assertThat(refused.field()).isEqualTo("amount");
            assertThat(refused.actual()).isEqualTo(1200);
            assertThat(refused.maximum()).isEqualTo(1000);
            assertThat(refused).hasMessage("Document d2: amount is a number of 1200 digits, more than the limit of "
                    + "1000 (max-number-length)");
            assertThat(DataDirectory.at(dir).fingerprint()).isEqualTo(before);
            assertThat(store.get("Document", "d2")).isEmpty();
            assertThat(store.haltCause()).isEmpty();
            store.commit(put(Documents.withDecimal("d3", 10)));
        }
        try (LithairStore reopened = open(options(format))) {
            assertThat(reopened.all("Document")).extracting(document -> document.get("id").asString())
                    .containsExactlyInAnyOrder("d1", "d3");
        }
    }

    @ParameterizedTest
    @EnumSource(StorageFormat.class)
    void aNumberAsLongAsTheLimitIsAcceptedAndReadsBackAfterARestart(StorageFormat format) {
        ObjectNode document = Documents.withDecimal("d1", 1000);
        document.put("negative", new BigDecimal("-" + "9".repeat(990) + "E-1000000000"));
        document.put("integer", new java.math.BigInteger("-" + "8".repeat(1000)));
        try (LithairStore store = open(options(format))) {
            store.commit(put(document));
        }
        try (LithairStore reopened = open(options(format))) {
            assertThat(reopened.get("Document", "d1")).contains(document);
        }
    }

    @ParameterizedTest
    @EnumSource(StorageFormat.class)
    void aDocumentAsDeepAsTheLimitReadsBackFromTheLogAndFromASnapshot(StorageFormat format) {
        ObjectNode deep = Documents.nested("d1", 500);
        ObjectNode changed = Documents.nested("d1", 500);
        leaf(changed, 500).put("leaf", true);
        try (LithairStore store = open(options(format))) {
            store.commit(put(deep));
            store.commit(put(changed));
        }
        try (LithairStore reopened = open(options(format))) {
            assertThat(reopened.get("Document", "d1")).contains(changed);
            reopened.snapshot().join();
        }
        try (LithairStore fromSnapshot = open(options(format))) {
            assertThat(fromSnapshot.recovery().snapshotSequence()).isEqualTo(2);
            assertThat(fromSnapshot.get("Document", "d1")).contains(changed);
        }
    }

    /** The case: such a document used to fail to encode and halt the store until a restart. */
    @ParameterizedTest
    @EnumSource(StorageFormat.class)
    void aDocumentDeeperThanTheLimitIsRefusedAndTheNextCommitIsAccepted(StorageFormat format) {
        try (LithairStore store = open(options(format))) {
            Map<String, String> before = DataDirectory.at(dir).fingerprint();

            ValueLimitException refused = catchThrowableOfType(ValueLimitException.class,
                    () -> store.commit(put(Documents.nested("d1", 501))));

            assertThat(refused.limit()).isEqualTo(Limit.NESTING_DEPTH);
            assertThat(refused.field()).isEqualTo(String.join(".", java.util.Collections.nCopies(500, "nested")));
            assertThat(refused.getMessage()).endsWith("nests values more than 500 levels deep, the limit "
                    + "(max-nesting-depth)");
            assertThat(DataDirectory.at(dir).fingerprint()).isEqualTo(before);
            assertThat(store.haltCause()).isEmpty();
            store.commit(put(Documents.nested("d2", 498)));
        }
        try (LithairStore reopened = open(options(format))) {
            assertThat(reopened.get("Document", "d2")).contains(Documents.nested("d2", 498));
            assertThat(reopened.get("Document", "d1")).isEmpty();
        }
    }

    @Test
    void aDocumentFarDeeperThanAnyLimitIsRefusedWithoutOverflowingTheStack() {
        try (LithairStore store = open(options(StorageFormat.JSON))) {
            assertThatThrownBy(() -> store.commit(put(Documents.nested("d1", 200_000))))
                    .isInstanceOfSatisfying(ValueLimitException.class,
                            refused -> assertThat(refused.limit()).isEqualTo(Limit.NESTING_DEPTH));
            assertThat(store.haltCause()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(StorageFormat.class)
    void textsNamesAndIdsLongerThanTheirLimitsAreRefusedAndThoseAtTheLimitReadBack(StorageFormat format) {
        ValueLimits limits = ValueLimits.defaults().withMaxStringLength(100).withMaxNameLength(20);
        StoreOptions options = options(format).withValueLimits(limits).withIdempotencyMaxKeyLength(50);
        ObjectNode atLimits = Documents.withText("d".repeat(20), "\u00e9".repeat(98) + "\ud83d\ude00");
        atLimits.put("n".repeat(20), 1);
        try (LithairStore store = open(options)) {
            store.commit(put(atLimits));

            assertThatThrownBy(() -> store.commit(put(Documents.withText("d2", "x".repeat(101)))))
                    .isInstanceOfSatisfying(ValueLimitException.class, refused -> {
                        assertThat(refused.limit()).isEqualTo(Limit.STRING_LENGTH);
                        assertThat(refused.field()).isEqualTo("text");
                    });
            ObjectNode longName = Documents.withText("d3", "short");
            longName.putObject("inner").put("n".repeat(21), 1);
            assertThatThrownBy(() -> store.commit(put(longName)))
                    .isInstanceOfSatisfying(ValueLimitException.class, refused -> {
                        assertThat(refused.limit()).isEqualTo(Limit.NAME_LENGTH);
                        assertThat(refused.field()).isEqualTo("inner.nnnnnnnnnnnnnnnnnnnnn");
                    });
            assertThatThrownBy(() -> store.commit(put(Documents.withText("d".repeat(21), "short"))))
                    .isInstanceOfSatisfying(ValueLimitException.class, refused -> {
                        assertThat(refused.limit()).isEqualTo(Limit.NAME_LENGTH);
                        assertThat(refused.field()).isEqualTo("the id");
                    });
            assertThatThrownBy(() -> store.commit(put(Documents.withText("d4", "short")).withActor("a".repeat(101))))
                    .isInstanceOfSatisfying(ValueLimitException.class,
                            refused -> assertThat(refused.field()).isEqualTo("the actor"));
            store.snapshot().join();
        }
        try (LithairStore reopened = open(options)) {
            assertThat(reopened.all("Document")).containsExactly(atLimits);
        }
    }

    @ParameterizedTest
    @EnumSource(StorageFormat.class)
    void textWithAnUnpairedSurrogateIsRefusedInEitherFormat(StorageFormat format) {
        try (LithairStore store = open(options(format))) {
            Map<String, String> before = DataDirectory.at(dir).fingerprint();
            for (ObjectNode invalid : List.of(Documents.withText("d1", "a\ud800b"), Documents.withText("d1", "\udc00"),
                    Documents.withText("d1", "ends with \ud83d"))) {
                assertThatThrownBy(() -> store.commit(put(invalid)))
                        .isInstanceOfSatisfying(ValueLimitException.class, refused -> {
                            assertThat(refused.limit()).isEqualTo(Limit.UNPAIRED_SURROGATE);
                            assertThat(refused.field()).isEqualTo("text");
                        });
            }
            ObjectNode invalidName = Documents.withText("d1", "fine");
            invalidName.put("k\ud800", 1);
            assertThatThrownBy(() -> store.commit(put(invalidName))).isInstanceOf(ValueLimitException.class);
            assertThatThrownBy(() -> store.commit(put(Documents.withText("d1", "fine")).withIdempotencyKey("k\udfff")))
                    .isInstanceOfSatisfying(ValueLimitException.class,
                            refused -> assertThat(refused.field()).isEqualTo("the idempotency key"));
            assertThat(DataDirectory.at(dir).fingerprint()).isEqualTo(before);
            assertThat(store.haltCause()).isEmpty();
        }
    }

    @Test
    void aCommitWhoseRecordIsLargerThanTheLimitIsRefusedWholeAndNothingIsWritten() {
        StoreOptions options = options(StorageFormat.JSON)
                .withValueLimits(ValueLimits.defaults().withMaxRecordBytes(4096));
        try (LithairStore store = open(options)) {
            Map<String, String> before = DataDirectory.at(dir).fingerprint();
            Commit large = new Commit(null, null, List.of(
                    new Operation.Put("Document", "d1", Documents.withText("d1", "x".repeat(2500))),
                    new Operation.Put("Document", "d2", Documents.withText("d2", "y".repeat(2500)))));

            ValueLimitException refused = catchThrowableOfType(ValueLimitException.class, () -> store.commit(large));

            assertThat(refused.limit()).isEqualTo(Limit.RECORD_SIZE);
            assertThat(refused.maximum()).isEqualTo(4096);
            assertThat(refused.actual()).isGreaterThan(5000);
            assertThat(refused.getMessage()).startsWith("Document d1 (and 1 more operations): the commit's record is ")
                    .endsWith("bytes once encoded, more than the limit of 4096 (max-record-size)");
            assertThat(DataDirectory.at(dir).fingerprint()).isEqualTo(before);
            assertThat(store.count("Document")).isZero();
            store.commit(put(Documents.withText("d1", "x".repeat(2500))));
        }
    }

    @Test
    void aValueTheEncoderCannotWriteRefusesThatCommitOnlyAndNeverHaltsTheStore() {
        ObjectNode unencodable = Documents.withText("d1", "fine");
        unencodable.set("opaque", JsonNodeFactory.instance.pojoNode(new Unserialisable()));
        try (LithairStore store = open(options(StorageFormat.BINARY))) {
            Map<String, String> before = DataDirectory.at(dir).fingerprint();

            assertThatThrownBy(() -> store.commit(put(unencodable))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("the commit's record cannot be encoded");

            assertThat(store.haltCause()).isEmpty();
            assertThat(store.get("Document", "d1")).isEmpty();
            assertThat(DataDirectory.at(dir).fingerprint()).isEqualTo(before);
            store.commit(put(Documents.withText("d2", "fine")));
        }
        try (LithairStore reopened = open(options(StorageFormat.BINARY))) {
            assertThat(reopened.count("Document")).isEqualTo(1);
        }
    }

    /** A value whose serialisation fails: Jackson calls the getter, which throws. */
    static final class Unserialisable {
        public String getValue() {
            throw new IllegalStateException("cannot be serialised");
        }
    }

    @Test
    void aTypedEntityOverTheLimitIsRefusedNamingItsField() {
        try (LithairStore store = open(options(StorageFormat.JSON))) {
            store.commit(Commit.of(new Operation.Put("Invoice", "i1", new Invoice("i1", BigDecimal.TEN, "first"))));
            Invoice huge = new Invoice("i1", new BigDecimal("1" + "0".repeat(1200)), "second");

            assertThatThrownBy(() -> store.commit(Commit.of(new Operation.Put("Invoice", "i1", huge))))
                    .isInstanceOfSatisfying(ValueLimitException.class, refused -> {
                        assertThat(refused.entityType()).isEqualTo("Invoice");
                        assertThat(refused.field()).isEqualTo("total");
                        assertThat(refused.limit()).isEqualTo(Limit.NUMBER_LENGTH);
                    });
            assertThat(store.find(Invoice.class, "i1")).contains(new Invoice("i1", BigDecimal.TEN, "first"));
            assertThat(store.history("Invoice", "i1")).hasSize(1);
        }
    }

    /** JSON records read decimals exactly, and a decimal has no negative zero: the store keeps 0.0 from the start. */
    @ParameterizedTest
    @EnumSource(StorageFormat.class)
    void aTypedNegativeZeroIsKeptAsZeroSoThatItReadsTheSameAfterARestart(StorageFormat format) {
        try (LithairStore store = open(options(format))) {
            store.commit(Commit.of(new Operation.Put("Reading", "r1", new Reading("r1", -0.0, List.of(1.0, -0.0)))));
            store.commit(Commit.of(new Operation.Put("Reading", "r2", new Reading("r2", 1.0, List.of()))));
            store.commit(Commit.of(new Operation.Put("Reading", "r2", new Reading("r2", -0.0, List.of(-0.0)))));

            assertThat(store.find(Reading.class, "r1")).contains(new Reading("r1", 0.0, List.of(1.0, 0.0)));
            assertThat(store.find(Reading.class, "r2")).contains(new Reading("r2", 0.0, List.of(0.0)));
        }
        try (LithairStore reopened = open(options(format))) {
            assertThat(reopened.find(Reading.class, "r1")).contains(new Reading("r1", 0.0, List.of(1.0, 0.0)));
            assertThat(reopened.find(Reading.class, "r2")).contains(new Reading("r2", 0.0, List.of(0.0)));
        }
    }

    @Test
    void anIdempotencyKeyLongerThanTheLimitIsRefusedAndOneAtTheLimitIsApplied() {
        try (LithairStore store = open(options(StorageFormat.JSON))) {
            String tooLong = "k".repeat(257);
            assertThatThrownBy(() -> store.commit(put(Documents.withText("d1", "x")).withIdempotencyKey(tooLong)))
                    .isInstanceOfSatisfying(ValueLimitException.class, refused -> {
                        assertThat(refused.limit()).isEqualTo(Limit.IDEMPOTENCY_KEY_LENGTH);
                        assertThat(refused.field()).isEqualTo("the idempotency key");
                        assertThat(refused.getMessage()).isEqualTo("Document d1: the idempotency key is 257 characters "
                                + "long, more than the limit of 256 (max-key-length)");
                    });
            String atLimit = "k".repeat(256);
            assertThat(store.commit(put(Documents.withText("d1", "x")).withIdempotencyKey(atLimit)).duplicate())
                    .isFalse();
            assertThat(store.commit(put(Documents.withText("d1", "y")).withIdempotencyKey(atLimit)).duplicate())
                    .isTrue();
        }
    }

    @Test
    void aStoreHoldingValuesOverLoweredLimitsRefusesToOpenNamingTheRecordAndWhatToDo() {
        try (LithairStore store = open(options(StorageFormat.JSON))) {
            store.commit(put(Documents.withDecimal("d1", 10)));
            store.commit(put(Documents.withDecimal("d2", 900)));
        }
        StoreOptions lowered = options(StorageFormat.JSON).withValueLimits(ValueLimits.defaults().withMaxNumberLength(500));
        Map<String, String> before = DataDirectory.at(dir).fingerprint();

        LogCorruptedException refused = catchThrowableOfType(LogCorruptedException.class, () -> open(lowered));

        assertThat(refused.file()).isEqualTo(DataDirectory.at(dir).lastSegment());
        assertThat(refused.offset()).isEqualTo(DataDirectory.frames(refused.file()).get(1).offset());
        assertThat(refused.getMessage()).contains("over this store's value limits")
                .contains("raise them (lithair.storage.limits.*)");
        assertThat(DataDirectory.at(dir).fingerprint()).isEqualTo(before);
        try (LithairStore raisedAgain = open(options(StorageFormat.JSON))) {
            assertThat(raisedAgain.count("Document")).isEqualTo(2);
        }
    }

    @Test
    void limitsThatALogFrameCannotHoldAreRefused() {
        assertThatThrownBy(() -> StoreOptions.defaults(dir)
                .withValueLimits(ValueLimits.defaults().withMaxRecordBytes(StoreOptions.MAX_RECORD_BYTES + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("what a log frame holds");
        assertThatThrownBy(() -> ValueLimits.defaults().withMaxNestingDepth(1001))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 1 and 1000");
    }

    /** Smile keeps a decimal's scale up to 2^30 - 1 only: beyond, a value would come back another number. */
    @ParameterizedTest
    @EnumSource(StorageFormat.class)
    void aDecimalWhoseScaleTheFormatsCannotKeepIsRefused(StorageFormat format) {
        try (LithairStore store = open(options(format))) {
            ObjectNode tiny = Documents.withText("d1", "fine");
            tiny.put("amount", BigDecimal.valueOf(7, 1_073_741_824));

            assertThatThrownBy(() -> store.commit(put(tiny))).isInstanceOfSatisfying(ValueLimitException.class,
                    refused -> assertThat(refused.limit()).isEqualTo(Limit.DECIMAL_SCALE));
            assertThat(store.haltCause()).isEmpty();
        }
    }

    private static ObjectNode leaf(ObjectNode document, int depth) {
        ObjectNode current = document;
        for (int level = 2; level <= depth; level++) {
            current = (ObjectNode) current.get("nested");
        }
        return current;
    }
}
