package dev.lithair.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.annotation.Immutable;
import dev.lithair.exception.ImmutableFieldException;
import dev.lithair.exception.VersionConflictException;
import dev.lithair.model.EntityModel;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.CommitResult;
import dev.lithair.store.spi.Operation;

class TypedEntityStoreTest {

    record Product(String id, String name, BigDecimal price, @Immutable Instant createdAt) {
    }

    static class Account {
        String id;
        String owner;
        long version;
        List<String> tags;

        Account() {
        }

        Account(String id, String owner, long version, List<String> tags) {
            this.id = id;
            this.owner = owner;
            this.version = version;
            this.tags = tags;
        }
    }

    static class VersionedAccount extends Account {
        @org.springframework.data.annotation.Version
        Long revision;
    }

    @TempDir
    Path dir;

    private final Instant created = Instant.parse("2026-01-01T00:00:00Z");

    private LithairStore open() {
        return LithairStore.open(StoreOptions.defaults(dir).withFsyncPolicy(dev.lithair.store.FsyncPolicy.NEVER),
                List.of(EntityModel.of(Product.class, HistoryPolicy.NONE), EntityModel.of(Account.class, HistoryPolicy.NONE)));
    }

    @Test
    void recordsAreStoredTypedAndComeBackAfterARestart() {
        Product lamp = new Product("p1", "Lamp", new BigDecimal("10.50"), created);
        try (LithairStore store = open()) {
            store.commit(Commit.of(new Operation.Put("Product", "p1", lamp)));
            CommitResult update = store.commit(Commit.of(new Operation.Put("Product", "p1",
                    new Product("p1", "Lamp", new BigDecimal("12.00"), created))));

            assertThat(update.events().get(0).payload().toString())
                    .isEqualTo("{\"price\":{\"old\":10.50,\"new\":12.00}}");
            assertThat(store.find(Product.class, "p1")).contains(new Product("p1", "Lamp", new BigDecimal("12.00"), created));
        }
        try (LithairStore reopened = open()) {
            assertThat(reopened.find(Product.class, "p1")).contains(new Product("p1", "Lamp", new BigDecimal("12.00"), created));
        }
    }

    @Test
    void aPriceThatDiffersOnlyInScaleIsNotAChange() {
        try (LithairStore store = open()) {
            store.commit(Commit.of(new Operation.Put("Product", "p1", new Product("p1", "Lamp", new BigDecimal("12.0"), created))));
            CommitResult same = store.commit(Commit.of(new Operation.Put("Product", "p1",
                    new Product("p1", "Lamp", new BigDecimal("12.00"), created))));

            assertThat(same.events()).isEmpty();
        }
    }

    @Test
    void aScaleOnlyDifferenceBesideARealChangeLeavesTheSameStateInMemoryAndAfterARestart() {
        Product live;
        try (LithairStore store = open()) {
            store.commit(Commit.of(new Operation.Put("Product", "p1", new Product("p1", "Lamp", new BigDecimal("12.0"), created))));
            CommitResult renamed = store.commit(Commit.of(new Operation.Put("Product", "p1",
                    new Product("p1", "Desk", new BigDecimal("12.00"), created))));

            assertThat(renamed.events().get(0).payload().toString()).isEqualTo("{\"name\":{\"old\":\"Lamp\",\"new\":\"Desk\"}}");
            live = store.find(Product.class, "p1").orElseThrow();
        }
        try (LithairStore reopened = open()) {
            assertThat(reopened.find(Product.class, "p1")).contains(live);
        }
        assertThat(live.price()).isEqualTo(new BigDecimal("12.0"));
    }

    @Test
    void changingAnImmutableFieldIsRejectedAndChangesNothing() {
        try (LithairStore store = open()) {
            store.commit(Commit.of(new Operation.Put("Product", "p1", new Product("p1", "Lamp", BigDecimal.ONE, created))));
            long before = store.lastSequence();

            assertThatThrownBy(() -> store.commit(Commit.of(new Operation.Put("Product", "p1",
                    new Product("p1", "Lamp", BigDecimal.TEN, created.plusSeconds(1))))))
                    .isInstanceOf(ImmutableFieldException.class)
                    .hasMessageContaining("Product p1").hasMessageContaining("createdAt");
            assertThat(store.lastSequence()).isEqualTo(before);
            assertThat(store.find(Product.class, "p1").orElseThrow().price()).isEqualTo(BigDecimal.ONE);
        }
    }

    @Test
    void aMutableEntityChangedByItsCallerChangesNothingUntilSaved() {
        try (LithairStore store = open()) {
            Account account = new Account("a1", "ann", 0, new java.util.ArrayList<>(List.of("x")));
            store.commit(Commit.of(new Operation.Put("Account", "a1", account)));
            account.owner = "bob";
            account.tags.add("y");
            Account read = store.find(Account.class, "a1").orElseThrow();
            read.owner = "carl";

            assertThat(store.find(Account.class, "a1").orElseThrow().owner).isEqualTo("ann");
            assertThat(store.find(Account.class, "a1").orElseThrow().tags).containsExactly("x");

            CommitResult saved = store.commit(Commit.of(new Operation.Put("Account", "a1", read)));
            assertThat(saved.events()).hasSize(1);
            assertThat(store.find(Account.class, "a1").orElseThrow().owner).isEqualTo("carl");
        }
    }

    @Test
    void aStaleVersionIsRejectedAndTheVersionAdvancesOnEachChange() {
        try (LithairStore store = LithairStore.open(StoreOptions.defaults(dir),
                List.of(EntityModel.of(VersionedAccount.class, "Account", HistoryPolicy.NONE)))) {
            VersionedAccount account = new VersionedAccount();
            account.id = "a1";
            account.owner = "ann";
            store.commit(Commit.of(new Operation.Put("Account", "a1", account)));
            VersionedAccount first = store.find(VersionedAccount.class, "a1").orElseThrow();
            VersionedAccount second = store.find(VersionedAccount.class, "a1").orElseThrow();
            first.owner = "bob";
            store.commit(Commit.of(new Operation.Put("Account", "a1", first)));
            second.owner = "carl";

            assertThat(first.revision).isEqualTo(0L);
            assertThat(store.find(VersionedAccount.class, "a1").orElseThrow().revision).isEqualTo(1L);
            assertThatThrownBy(() -> store.commit(Commit.of(new Operation.Put("Account", "a1", second))))
                    .isInstanceOf(VersionConflictException.class).hasMessageContaining("revision");
            assertThat(store.find(VersionedAccount.class, "a1").orElseThrow().owner).isEqualTo("bob");
        }
    }

    @Test
    void anEntityWhoseIdDiffersFromTheOperationsIsRefused() {
        try (LithairStore store = open()) {
            assertThatThrownBy(() -> store.commit(Commit.of(new Operation.Put("Product", "p2",
                    new Product("p1", "Lamp", BigDecimal.ONE, created)))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("p2").hasMessageContaining("p1");
            assertThat(store.lastSequence()).isZero();
        }
    }

    record Stocked(String id, String name, int stock, boolean active) {
    }

    @Test
    void aRecordsPrimitiveMissingFromAPayloadTakesItsDefault() {
        dev.lithair.model.EntityCodec<Stocked> codec = new dev.lithair.model.TypedEntityCodec<>(
                EntityModel.of(Stocked.class, HistoryPolicy.NONE));

        Stocked read = codec.fromPayload(tools.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                .put("id", "s1").put("name", "Lamp"));

        assertThat(read).isEqualTo(new Stocked("s1", "Lamp", 0, false));
    }
}
