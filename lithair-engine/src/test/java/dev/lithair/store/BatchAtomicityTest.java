package dev.lithair.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.annotation.Immutable;
import dev.lithair.exception.ImmutableFieldException;
import dev.lithair.exception.VersionConflictException;
import dev.lithair.internal.log.Frame;
import dev.lithair.internal.log.LogFiles;
import dev.lithair.model.EntityModel;
import dev.lithair.projection.Projection;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.CommitResult;
import dev.lithair.store.spi.Operation;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** A commit is one log record: all of its operations take effect, now and after any restart, or none does. */
class BatchAtomicityTest {

    record Customer(String id, String name) {
    }

    record Product(String id, String name, BigDecimal price, @Immutable Instant createdAt) {
    }

    static class Account {
        String id;
        String owner;
        @org.springframework.data.annotation.Version
        Long revision;

        Account() {
        }

        Account(String id, String owner, Long revision) {
            this.id = id;
            this.owner = owner;
            this.revision = revision;
        }
    }

    static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    static final List<String> TYPES = List.of("Customer", "Product", "Account", "Note");
    static final Projection<Customer, String, Long> CUSTOMERS_BY_NAME = Projection.counting("customersByName",
            Customer.class, Customer::name);

    /** A third operation that breaks one of the rules the writer enforces. */
    enum Violation {
        IMMUTABLE_FIELD_CHANGED(ImmutableFieldException.class, "createdAt",
                new Operation.Put("Product", "p1", new Product("p1", "Lamp", BigDecimal.TEN, CREATED.plusSeconds(1)))),
        STALE_VERSION(VersionConflictException.class, "revision",
                new Operation.Put("Account", "a1", new Account("a1", "mallory", 7L))),
        ID_MISMATCH(IllegalArgumentException.class, "the entity's id is p3",
                new Operation.Put("Product", "p2", new Product("p3", "Desk", BigDecimal.ONE, CREATED))),
        WRONG_CLASS_FOR_TYPE(IllegalArgumentException.class, "cannot be stored as Product",
                new Operation.Put("Product", "p2", new Customer("p2", "not a product")));

        final Class<? extends Throwable> rejection;
        final String message;
        final Operation operation;

        Violation(Class<? extends Throwable> rejection, String message, Operation operation) {
            this.rejection = rejection;
            this.message = message;
            this.operation = operation;
        }
    }

    @TempDir
    Path dir;

    private LithairStore open(Path directory) {
        return LithairStore.open(StoreOptions.defaults(directory), List.of(EntityModel.of(Customer.class, HistoryPolicy.NONE),
                EntityModel.of(Product.class, HistoryPolicy.NONE), EntityModel.of(Account.class, HistoryPolicy.NONE)),
                List.of(CUSTOMERS_BY_NAME));
    }

    private static ObjectNode note(String text) {
        return JsonNodeFactory.instance.objectNode().put("text", text);
    }

    private static void seed(LithairStore store) {
        store.commit(Commit.of(new Operation.Put("Customer", "c1", new Customer("c1", "Ann")),
                new Operation.Put("Product", "p1", new Product("p1", "Lamp", BigDecimal.ONE, CREATED)),
                new Operation.Put("Account", "a1", new Account("a1", "ann", null)),
                new Operation.Put("Note", "n1", note("first"))));
        store.commit(Commit.of(new Operation.Put("Account", "a1", new Account("a1", "bob", 0L))));
    }

    /** A create, an update and a delete of three other types around the violation. */
    private static Commit batchWith(Operation third, String key) {
        return new Commit(key, "tester", List.of(
                new Operation.Put("Customer", "c2", new Customer("c2", "Carl")),
                new Operation.Put("Note", "n1", note("changed")),
                third,
                new Operation.Delete("Customer", "c1")));
    }

    /** Every entity of every type, as JSON. */
    private static Map<String, Set<ObjectNode>> contents(LithairStore store) {
        Map<String, Set<ObjectNode>> all = new LinkedHashMap<>();
        TYPES.forEach(type -> all.put(type, new HashSet<>(store.all(type))));
        return all;
    }

    @ParameterizedTest
    @EnumSource(Violation.class)
    void aBatchWhoseThirdOperationBreaksARuleLeavesNothingOfTheOthers(Violation violation) {
        long sequence;
        try (LithairStore store = open(dir)) {
            seed(store);
            Map<String, Set<ObjectNode>> before = contents(store);
            sequence = store.lastSequence();
            long logBytes = LogFiles.logBytes(dir);
            int keys = store.stats().idempotencyKeys();

            assertThatThrownBy(() -> store.commit(batchWith(violation.operation, "batch-1")))
                    .isInstanceOf(violation.rejection).hasMessageContaining(violation.message);

            assertThat(contents(store)).isEqualTo(before);
            assertThat(store.find(Customer.class, "c2")).isEmpty();
            assertThat(store.get("Note", "n1")).contains(note("first"));
            assertThat(store.projections().all(CUSTOMERS_BY_NAME)).containsOnly(Map.entry("Ann", 1L));
            assertThat(store.lastSequence()).isEqualTo(sequence);
            assertThat(LogFiles.logBytes(dir)).isEqualTo(logBytes);
            assertThat(store.stats().idempotencyKeys()).isEqualTo(keys);

            // The refused key was never applied: the corrected batch under the same key is not a duplicate.
            CommitResult next = store.commit(batchWith(new Operation.Put("Product", "p2",
                    new Product("p2", "Desk", BigDecimal.ONE, CREATED)), "batch-1"));
            assertThat(next.duplicate()).isFalse();
            assertThat(next.events()).extracting(e -> e.sequence())
                    .containsExactly(sequence + 1, sequence + 2, sequence + 3, sequence + 4);
            assertThat(store.lastSequence()).isEqualTo(sequence + 4);
            assertThat(store.projections().all(CUSTOMERS_BY_NAME)).containsOnly(Map.entry("Carl", 1L));
        }
        try (LithairStore reopened = open(dir)) {
            assertThat(reopened.find(Customer.class, "c1")).isEmpty();
            assertThat(reopened.find(Customer.class, "c2")).contains(new Customer("c2", "Carl"));
            assertThat(reopened.find(Product.class, "p2")).isPresent();
            assertThat(reopened.get("Note", "n1")).contains(note("changed"));
            assertThat(reopened.lastSequence()).isEqualTo(sequence + 4);
            assertThat(reopened.recovery().recordsReplayed()).as("two seed commits and the corrected batch").isEqualTo(3);
        }
    }

    @Test
    void aBatchOverSeveralTypesIsExactlyOneLogRecord() {
        try (LithairStore store = open(dir)) {
            seed(store);
            int framesBefore = LogFiles.allFrames(dir).size();
            long bytesBefore = LogFiles.logBytes(dir);

            CommitResult result = store.commit(batchWith(new Operation.Put("Product", "p2",
                    new Product("p2", "Desk", BigDecimal.ONE, CREATED)), null));

            List<Frame> frames = LogFiles.allFrames(dir);
            assertThat(frames).hasSize(framesBefore + 1);
            Frame batch = frames.get(frames.size() - 1);
            assertThat(batch.firstSequence()).isEqualTo(result.events().get(0).sequence());
            assertThat(batch.eventCount()).isEqualTo(4);
            assertThat(batch.lastSequence()).isEqualTo(result.sequence());
            assertThat(LogFiles.logBytes(dir)).isEqualTo(bytesBefore + batch.sizeOnDisk());
            assertThat(result.events()).extracting(e -> e.entityType())
                    .containsExactly("Customer", "Note", "Product", "Customer");
        }
    }

    /**
     * The batch is the log's last record and the file ends inside it (a crash mid-write), at various
     * points: in its length prefix, in its header, in its body, one byte short; or one of its bytes is
     * damaged. Recovery keeps all of it or none.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 6, 12, 30, -40, -1})
    void afterACrashInsideTheBatchsRecordARestartRecoversNoneOfIt(int cut) throws IOException {
        Path pristine = dir.resolve("pristine");
        long sequenceBefore;
        Frame batch;
        try (LithairStore store = open(pristine)) {
            seed(store);
            sequenceBefore = store.lastSequence();
            store.commit(batchWith(new Operation.Put("Product", "p2", new Product("p2", "Desk", BigDecimal.ONE, CREATED)),
                    "batch-1"));
        }
        List<Frame> frames = LogFiles.allFrames(pristine);
        batch = frames.get(frames.size() - 1);
        Path segment = LogFiles.segments(pristine).get(LogFiles.segments(pristine).size() - 1);

        Path crashed = copy(pristine, dir.resolve("crashed"));
        Path crashedSegment = crashed.resolve(segment.getFileName());
        long end = batch.offset() + (cut > 0 ? cut : batch.sizeOnDisk() + cut);
        try (FileChannel channel = FileChannel.open(crashedSegment, StandardOpenOption.WRITE)) {
            channel.truncate(end);
        }
        Path damaged = copy(pristine, dir.resolve("damaged"));
        byte[] bytes = Files.readAllBytes(damaged.resolve(segment.getFileName()));
        bytes[(int) end] ^= 0x5A;
        Files.write(damaged.resolve(segment.getFileName()), bytes);

        for (Path directory : List.of(crashed, damaged)) {
            try (LithairStore reopened = open(directory)) {
                assertThat(reopened.recovery().truncatedBytes()).as(directory.getFileName().toString()).isPositive();
                assertThat(reopened.lastSequence()).isEqualTo(sequenceBefore);
                assertThat(reopened.find(Customer.class, "c1")).isPresent();
                assertThat(reopened.find(Customer.class, "c2")).isEmpty();
                assertThat(reopened.find(Product.class, "p2")).isEmpty();
                assertThat(reopened.get("Note", "n1")).contains(note("first"));
                assertThat(reopened.projections().all(CUSTOMERS_BY_NAME)).containsOnly(Map.entry("Ann", 1L));
                // The key of the lost batch was never applied either: sending the batch again applies it.
                CommitResult retried = reopened.commit(batchWith(new Operation.Put("Product", "p2",
                        new Product("p2", "Desk", BigDecimal.ONE, CREATED)), "batch-1"));
                assertThat(retried.duplicate()).isFalse();
                assertThat(retried.events().get(0).sequence()).isEqualTo(sequenceBefore + 1);
            }
        }
        try (LithairStore intact = open(pristine)) {
            assertThat(intact.recovery().truncatedBytes()).isZero();
            assertThat(intact.lastSequence()).isEqualTo(sequenceBefore + 4);
            assertThat(intact.find(Customer.class, "c1")).isEmpty();
            assertThat(intact.find(Customer.class, "c2")).isPresent();
            assertThat(intact.find(Product.class, "p2")).isPresent();
            assertThat(intact.get("Note", "n1")).contains(note("changed"));
        }
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
        return to;
    }

}
