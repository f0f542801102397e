package dev.lithair.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.annotation.Indexed;
import dev.lithair.annotation.Unique;
import dev.lithair.exception.UniqueViolationException;
import dev.lithair.internal.log.LogFiles;
import dev.lithair.model.EntityModel;
import dev.lithair.store.FsyncPolicy;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;

class IndexesTest {

    enum Tier { GOLD, SILVER, BRONZE }

    record Customer(String id, @Unique String email, @Indexed String city, @Indexed(sorted = true) BigDecimal balance,
            @Indexed(sorted = true) int age, @Indexed Tier tier, String note) {

        Customer withEmail(String newEmail) {
            return new Customer(id, newEmail, city, balance, age, tier, note);
        }

        Customer withCity(String newCity) {
            return new Customer(id, email, newCity, balance, age, tier, note);
        }

        Customer withBalance(BigDecimal newBalance) {
            return new Customer(id, email, city, newBalance, age, tier, note);
        }
    }

    /** Not indexed at all: the store needs no index structure for it. */
    record Note(String id, String text) {
    }

    record Tagged(String id, @Indexed(sorted = true) List<String> tags) {
    }

    @TempDir
    Path dir;

    private LithairStore store;

    private LithairStore open() {
        store = LithairStore.open(StoreOptions.defaults(dir).withFsyncPolicy(FsyncPolicy.NEVER).withSnapshotEveryEvents(0),
                List.of(EntityModel.of(Customer.class, HistoryPolicy.NONE), EntityModel.of(Note.class, HistoryPolicy.NONE)));
        return store;
    }

    private void reopen() {
        store.close();
        open();
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private static Customer customer(String id, String email, String city, String balance, int age, Tier tier) {
        return new Customer(id, email, city, balance == null ? null : new BigDecimal(balance), age, tier, null);
    }

    private void put(Customer... customers) {
        List<Operation> operations = new ArrayList<>();
        for (Customer c : customers) {
            operations.add(new Operation.Put("Customer", c.id(), c));
        }
        store.commit(new Commit(null, null, operations));
    }

    private void delete(String id) {
        store.commit(Commit.of(new Operation.Delete("Customer", id)));
    }

    private Indexes indexes() {
        return store.indexes();
    }

    private long logBytes() {
        return LogFiles.logBytes(dir);
    }

    @Nested
    class HashIndexes {

        @Test
        void equalityLookupsAndCountsFollowCreatesUpdatesAndDeletes() {
            open();
            put(customer("c1", "a@x", "Paris", "10", 30, Tier.GOLD), customer("c2", "b@x", "Paris", "20", 40, Tier.SILVER),
                    customer("c3", "c@x", "Lyon", "30", 50, Tier.GOLD));

            assertThat(indexes().idsEqual("Customer", "city", "Paris")).containsExactlyInAnyOrder("c1", "c2");
            assertThat(indexes().countEqual("Customer", "city", "Paris")).isEqualTo(2);

            put(customer("c2", "b@x", "Lyon", "20", 40, Tier.SILVER));
            delete("c1");

            assertThat(indexes().idsEqual("Customer", "city", "Paris")).isEmpty();
            assertThat(indexes().countEqual("Customer", "city", "Paris")).isZero();
            assertThat(indexes().idsEqual("Customer", "city", "Lyon")).containsExactlyInAnyOrder("c2", "c3");
            assertThat(indexes().countEqual("Customer", "tier", Tier.GOLD)).isEqualTo(1);
            assertThat(indexes().idsEqual("Customer", "city", "Nice")).isEmpty();
        }

        @Test
        void nullValuesAreIndexedSoIsNullNeedsNoScan() {
            open();
            put(customer("c1", null, null, null, 30, null), customer("c2", null, "Paris", "1", 40, Tier.GOLD));

            assertThat(indexes().idsEqual("Customer", "city", null)).containsExactly("c1");
            assertThat(indexes().countEqual("Customer", "balance", null)).isEqualTo(1);
            assertThat(indexes().idsEqual("Customer", "email", null)).containsExactlyInAnyOrder("c1", "c2");
        }

        @Test
        void decimalLookupsIgnoreScaleAndIntegerQueriesFindOtherIntegralTypes() {
            open();
            put(customer("c1", "a@x", "Paris", "1.0", 30, Tier.GOLD), customer("c2", "b@x", "Paris", "2.50", 30, Tier.GOLD));

            assertThat(indexes().idsEqual("Customer", "balance", new BigDecimal("1.00"))).containsExactly("c1");
            assertThat(indexes().idsEqual("Customer", "balance", 1)).containsExactly("c1");
            assertThat(indexes().idsEqual("Customer", "balance", 2.5d)).containsExactly("c2");
            assertThat(indexes().countEqual("Customer", "age", 30L)).isEqualTo(2);
            assertThat(indexes().countEqual("Customer", "age", (short) 30)).isEqualTo(2);
        }

        @Test
        void aChangeOfScaleAloneLeavesTheIndexUnchanged() {
            open();
            put(customer("c1", "a@x", "Paris", "1.0", 30, Tier.GOLD));
            put(customer("c1", "a@x", "Paris", "1.000", 30, Tier.GOLD));

            assertThat(indexes().idsEqual("Customer", "balance", BigDecimal.ONE)).containsExactly("c1");
            assertThat(indexes().idsInRange("Customer", "balance", null, true, null, true, false, 10)).containsExactly("c1");
        }

        @Test
        void anAnswerIsALiveReadOnlyViewThatFollowsLaterCommits() {
            open();
            put(customer("c1", "a@x", "Paris", "1", 30, Tier.GOLD));
            Set<String> paris = indexes().idsEqual("Customer", "city", "Paris");

            delete("c1");
            assertThat(paris).isEmpty();
            put(customer("c2", "b@x", "Paris", "1", 30, Tier.GOLD));

            assertThat(paris).containsExactly("c2");
            assertThatThrownBy(() -> paris.add("c9")).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> paris.iterator().remove()).isInstanceOfAny(UnsupportedOperationException.class,
                    IllegalStateException.class);
            assertThat(Set.copyOf(paris)).containsExactly("c2");
        }

        @Test
        void aFieldThatIsNotIndexedIsSaidSoAndRefusesLookups() {
            open();

            assertThat(indexes().isIndexed("Customer", "note")).isFalse();
            assertThat(indexes().isIndexed("Note", "text")).isFalse();
            assertThat(indexes().isIndexed("Customer", "city")).isTrue();
            assertThat(indexes().isIndexed("Customer", "email")).isTrue();
            assertThat(indexes().isSorted("Customer", "city")).isFalse();
            assertThat(indexes().isSorted("Customer", "balance")).isTrue();
            assertThatThrownBy(() -> indexes().idsEqual("Customer", "note", "x"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Customer.note is not indexed");
            assertThatThrownBy(() -> indexes().idsOrdered("Customer", "city", false, 3))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Customer.city has no ordered index");
        }

        @Test
        void sizesGiveTheDistinctValuesOfEveryIndexedField() {
            open();
            put(customer("c1", "a@x", "Paris", "1", 30, Tier.GOLD), customer("c2", "b@x", "Paris", "2", 30, null),
                    customer("c3", null, "Lyon", "3", 31, Tier.GOLD));

            assertThat(indexes().sizes("Customer")).containsExactly(java.util.Map.entry("email", 3),
                    java.util.Map.entry("city", 2), java.util.Map.entry("balance", 3), java.util.Map.entry("age", 2),
                    java.util.Map.entry("tier", 2));
            assertThat(indexes().sizes("Note")).isEmpty();
        }
    }

    @Nested
    class SortedIndexes {

        private void givenBalances() {
            open();
            put(customer("c1", "1", "P", "10", 20, null), customer("c2", "2", "P", "20.0", 21, null),
                    customer("c3", "3", "P", "20", 22, null), customer("c4", "4", "P", "30", 23, null),
                    customer("c5", "5", "P", null, 24, null), customer("c6", "6", "P", "-5.5", 25, null));
        }

        @Test
        void rangesHonourInclusiveAndExclusiveBoundsAndOrderTiesById() {
            givenBalances();

            assertThat(indexes().idsInRange("Customer", "balance", new BigDecimal("10"), true, 20, true, false, 100))
                    .containsExactly("c1", "c2", "c3");
            assertThat(indexes().idsInRange("Customer", "balance", 10, false, new BigDecimal("30.00"), false, false, 100))
                    .containsExactly("c2", "c3");
            assertThat(indexes().idsInRange("Customer", "balance", 20, true, 20, true, false, 100))
                    .containsExactly("c2", "c3");
            assertThat(indexes().idsInRange("Customer", "balance", 20, false, 20, true, false, 100)).isEmpty();
            assertThat(indexes().idsInRange("Customer", "balance", 30, true, 10, true, false, 100)).isEmpty();
        }

        @Test
        void openBoundsReachTheEndsButNeverNulls() {
            givenBalances();

            assertThat(indexes().idsInRange("Customer", "balance", null, true, 10, true, false, 100))
                    .containsExactly("c6", "c1");
            assertThat(indexes().idsInRange("Customer", "balance", 20.5, true, null, true, false, 100))
                    .containsExactly("c4");
            assertThat(indexes().idsInRange("Customer", "balance", null, true, null, true, false, 100))
                    .containsExactly("c6", "c1", "c2", "c3", "c4");
        }

        @Test
        void descendingReversesTheOrderAndLimitTakesTheTop() {
            givenBalances();

            assertThat(indexes().idsInRange("Customer", "balance", 0, true, null, true, true, 100))
                    .containsExactly("c4", "c3", "c2", "c1");
            assertThat(indexes().idsInRange("Customer", "balance", 0, true, null, true, true, 2)).containsExactly("c4", "c3");
            assertThat(indexes().idsInRange("Customer", "balance", 0, true, null, true, false, 0)).isEmpty();
        }

        @Test
        void orderingListsEveryEntityWithNullsFirstAscendingAndLastDescending() {
            givenBalances();

            assertThat(indexes().idsOrdered("Customer", "balance", false, 100))
                    .containsExactly("c5", "c6", "c1", "c2", "c3", "c4");
            assertThat(indexes().idsOrdered("Customer", "balance", true, 3)).containsExactly("c4", "c3", "c2");
            assertThat(indexes().idsOrdered("Customer", "balance", true, 100)).last().isEqualTo("c5");
            assertThat(indexes().idsOrdered("Customer", "age", true, 2)).containsExactly("c6", "c5");
        }

        @Test
        void aWalkResumesJustAfterAnEntitysEntryInEitherDirectionAndTellsTheKeyItMetEachIdUnder() {
            givenBalances();

            assertThat(walk(false, null, null)).containsExactly("c5", "c6", "c1", "c2", "c3", "c4");
            assertThat(walk(false, new BigDecimal("20.0"), "c2")).containsExactly("c3", "c4");
            assertThat(walk(true, new BigDecimal("20"), "c2")).containsExactly("c1", "c6", "c5");
            assertThat(walk(false, null, "c5")).containsExactly("c6", "c1", "c2", "c3", "c4");

            OrderedIdWalk walk = indexes().walkOrdered("Customer", "balance", true, null, null);
            assertThat(walk.next()).isEqualTo("c4");
            assertThat(walk.foundUnder(new BigDecimal("30.00"))).isTrue();
            assertThat(walk.foundUnder(30.5d)).isFalse();
            assertThatThrownBy(() -> indexes().walkOrdered("Customer", "balance", false, "20", "c2"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Customer.balance");
        }

        private List<String> walk(boolean descending, Object afterValue, String afterId) {
            List<String> ids = new ArrayList<>();
            indexes().walkOrdered("Customer", "balance", descending, afterValue, afterId).forEachRemaining(ids::add);
            return ids;
        }

        @Test
        void anUpdateMovesTheEntityAndADeleteRemovesIt() {
            givenBalances();

            put(customer("c1", "1", "P", "99", 20, null));
            delete("c4");

            assertThat(indexes().idsOrdered("Customer", "balance", true, 2)).containsExactly("c1", "c3");
            assertThat(indexes().idsInRange("Customer", "balance", 25, true, 35, true, false, 10)).isEmpty();
        }

        @Test
        void aBoundOfAnotherTypeIsRefusedClearly() {
            givenBalances();

            assertThatThrownBy(() -> indexes().idsInRange("Customer", "balance", "ten", true, null, true, false, 10))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Customer.balance")
                    .hasMessageContaining("java.lang.String");
            assertThatThrownBy(() -> indexes().idsOrdered("Customer", "balance", false, -1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
        }

        @Test
        void aSortedFieldWhoseTypeIsNotComparableFailsWhenTheStoreOpens() {
            assertThatThrownBy(() -> LithairStore.open(StoreOptions.defaults(dir).withFsyncPolicy(FsyncPolicy.NEVER),
                    List.of(EntityModel.of(Tagged.class, HistoryPolicy.NONE))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Tagged.tags is @Indexed(sorted = true)")
                    .hasMessageContaining("not Comparable");
        }
    }

    @Nested
    class UniqueIndexes {

        @Test
        void theHolderOfAValueIsKnownAndAFreedValueCanBeTakenAgain() {
            open();
            put(customer("c1", "a@x", "P", "1", 1, null));

            assertThat(indexes().uniqueHolder("Customer", "email", "a@x")).contains("c1");
            assertThat(indexes().uniqueHolder("Customer", "email", null)).isEmpty();

            delete("c1");
            put(customer("c2", "a@x", "P", "1", 1, null));

            assertThat(indexes().uniqueHolder("Customer", "email", "a@x")).contains("c2");
            assertThat(indexes().idsEqual("Customer", "email", "a@x")).containsExactly("c2");
            assertThat(indexes().countEqual("Customer", "email", "a@x")).isEqualTo(1);
        }

        @Test
        void aTakenValueIsRejectedNamingTheEntityFieldValueAndHolderAndNothingChanges() {
            open();
            put(customer("c1", "a@x", "Paris", "1", 1, null), customer("c2", "b@x", "Lyon", "2", 2, null));
            long sequence = store.lastSequence();
            long bytes = logBytes();

            assertThatThrownBy(() -> put(customer("c2", "a@x", "Nice", "2", 2, null)))
                    .isInstanceOfSatisfying(UniqueViolationException.class, e -> {
                        assertThat(e.entityType()).isEqualTo("Customer");
                        assertThat(e.entityId()).isEqualTo("c2");
                        assertThat(e.field()).isEqualTo("email");
                        assertThat(e.value()).isEqualTo("a@x");
                        assertThat(e.holderId()).isEqualTo("c1");
                    })
                    .hasMessageContaining("Customer c2").hasMessageContaining("email = a@x")
                    .hasMessageContaining("Customer c1");

            assertThat(store.lastSequence()).isEqualTo(sequence);
            assertThat(logBytes()).isEqualTo(bytes);
            assertThat(store.find(Customer.class, "c2").orElseThrow().email()).isEqualTo("b@x");
            assertThat(indexes().uniqueHolder("Customer", "email", "a@x")).contains("c1");
            assertThat(indexes().uniqueHolder("Customer", "email", "b@x")).contains("c2");
            assertThat(indexes().idsEqual("Customer", "city", "Nice")).isEmpty();
            assertThat(indexes().idsEqual("Customer", "city", "Lyon")).containsExactly("c2");
        }

        @Test
        void aRejectedCommitAppliesNoneOfItsOtherOperations() {
            open();
            put(customer("c1", "a@x", "Paris", "1", 1, null));
            long sequence = store.lastSequence();

            assertThatThrownBy(() -> put(customer("c5", "e@x", "Rome", "5", 5, null), customer("c6", "a@x", "Oslo", "6", 6, null)))
                    .isInstanceOf(UniqueViolationException.class);

            assertThat(store.lastSequence()).isEqualTo(sequence);
            assertThat(store.find(Customer.class, "c5")).isEmpty();
            assertThat(indexes().idsEqual("Customer", "city", "Rome")).isEmpty();
            assertThat(indexes().uniqueHolder("Customer", "email", "e@x")).isEmpty();
        }

        @Test
        void twoEntitiesOfOneCommitCannotTakeTheSameValue() {
            open();

            assertThatThrownBy(() -> put(customer("c1", "a@x", "P", "1", 1, null), customer("c2", "a@x", "P", "1", 1, null)))
                    .isInstanceOf(UniqueViolationException.class).hasMessageContaining("a@x");
            assertThat(store.lastSequence()).isZero();
        }

        @Test
        void swappingValuesBetweenTwoEntitiesInOneCommitIsAllowed() {
            open();
            Customer ann = customer("c1", "a@x", "P", "1", 1, null);
            Customer bob = customer("c2", "b@x", "P", "1", 1, null);
            put(ann, bob);

            put(ann.withEmail("b@x"), bob.withEmail("a@x"));

            assertThat(indexes().uniqueHolder("Customer", "email", "a@x")).contains("c2");
            assertThat(indexes().uniqueHolder("Customer", "email", "b@x")).contains("c1");
        }

        @Test
        void aValueGivenUpByADeleteInTheSameCommitCanBeTaken() {
            open();
            put(customer("c1", "a@x", "P", "1", 1, null));

            store.commit(Commit.of(new Operation.Delete("Customer", "c1"),
                    new Operation.Put("Customer", "c2", customer("c2", "a@x", "P", "1", 1, null))));

            assertThat(indexes().uniqueHolder("Customer", "email", "a@x")).contains("c2");
        }

        @Test
        void anUpdateThatKeepsItsOwnValueIsNoViolation() {
            open();
            Customer ann = customer("c1", "a@x", "P", "1", 1, null);
            put(ann);

            put(ann.withCity("Lyon"));

            assertThat(indexes().uniqueHolder("Customer", "email", "a@x")).contains("c1");
        }

        @Test
        void nullsAreNotUniqueAndDecimalsDifferingInScaleAreTheSameValue() {
            store = LithairStore.open(StoreOptions.defaults(dir).withFsyncPolicy(FsyncPolicy.NEVER),
                    List.of(EntityModel.of(Coupon.class, HistoryPolicy.NONE)));
            store.commit(Commit.of(new Operation.Put("Coupon", "k1", new Coupon("k1", new BigDecimal("1.0"))),
                    new Operation.Put("Coupon", "k2", new Coupon("k2", null)),
                    new Operation.Put("Coupon", "k3", new Coupon("k3", null))));

            assertThatThrownBy(() -> store.commit(Commit.of(
                    new Operation.Put("Coupon", "k4", new Coupon("k4", new BigDecimal("1.00"))))))
                    .isInstanceOfSatisfying(UniqueViolationException.class,
                            e -> assertThat(e.holderId()).isEqualTo("k1"));
            assertThat(indexes().uniqueHolder("Coupon", "code", 1)).contains("k1");
            assertThat(indexes().idsEqual("Coupon", "code", null)).containsExactlyInAnyOrder("k2", "k3");
        }
    }

    record Coupon(String id, @Unique BigDecimal code) {
    }

    record PlainAccount(String id, String login) {
    }

    record UniqueAccount(String id, @Unique String login) {
    }

    @Nested
    class DataWrittenBeforeAFieldBecameUnique {

        private LithairStore openAs(Class<?> type) {
            store = LithairStore.open(StoreOptions.defaults(dir).withFsyncPolicy(FsyncPolicy.NEVER),
                    List.of(EntityModel.of(type, "Account", HistoryPolicy.NONE)));
            return store;
        }

        @Test
        void keepsItsDuplicatesIndexedAcceptsNoNewOneAndFreesTheValueOnceAllHoldersGiveItUp() {
            openAs(PlainAccount.class);
            store.commit(Commit.of(new Operation.Put("Account", "a1", new PlainAccount("a1", "ann")),
                    new Operation.Put("Account", "a2", new PlainAccount("a2", "ann"))));
            store.close();

            openAs(UniqueAccount.class);

            assertThat(indexes().idsEqual("Account", "login", "ann")).containsExactlyInAnyOrder("a1", "a2");
            assertThat(indexes().uniqueHolder("Account", "login", "ann")).contains("a1");
            assertThatThrownBy(() -> store.commit(Commit.of(new Operation.Put("Account", "a3",
                    new UniqueAccount("a3", "ann"))))).isInstanceOf(UniqueViolationException.class);

            store.commit(Commit.of(new Operation.Delete("Account", "a1")));
            assertThat(indexes().uniqueHolder("Account", "login", "ann")).contains("a2");
            assertThatThrownBy(() -> store.commit(Commit.of(new Operation.Put("Account", "a3",
                    new UniqueAccount("a3", "ann"))))).isInstanceOfSatisfying(UniqueViolationException.class,
                            e -> assertThat(e.holderId()).isEqualTo("a2"));

            store.commit(Commit.of(new Operation.Put("Account", "a2", new UniqueAccount("a2", "anna"))));
            store.commit(Commit.of(new Operation.Put("Account", "a3", new UniqueAccount("a3", "ann"))));
            assertThat(indexes().uniqueHolder("Account", "login", "ann")).contains("a3");
        }
    }

    @Nested
    class Rebuilding {

        @Test
        void indexesAreRebuiltFromTheLogAfterARestart() {
            open();
            put(customer("c1", "a@x", "Paris", "10", 30, Tier.GOLD), customer("c2", "b@x", "Lyon", "20", 40, Tier.GOLD));
            put(customer("c1", "a@x", "Lyon", "10", 30, Tier.GOLD));

            reopen();

            assertThat(indexes().idsEqual("Customer", "city", "Lyon")).containsExactlyInAnyOrder("c1", "c2");
            assertThat(indexes().idsOrdered("Customer", "balance", true, 1)).containsExactly("c2");
            assertThat(indexes().uniqueHolder("Customer", "email", "b@x")).contains("c2");
            assertThatThrownBy(() -> put(customer("c3", "a@x", "Nice", "1", 1, null)))
                    .isInstanceOf(UniqueViolationException.class);
        }

        @Test
        void indexesAreRebuiltFromASnapshotAndTheLogAfterIt() {
            open();
            put(customer("c1", "a@x", "Paris", "10", 30, Tier.GOLD), customer("c2", "b@x", "Lyon", "20", 40, Tier.GOLD));
            store.snapshot().join();
            delete("c2");
            put(customer("c3", "b@x", "Nice", "5", 50, Tier.SILVER));

            reopen();

            assertThat(store.recovery().snapshotSequence()).isEqualTo(2);
            assertThat(indexes().idsEqual("Customer", "city", "Lyon")).isEmpty();
            assertThat(indexes().idsOrdered("Customer", "balance", false, 10)).containsExactly("c3", "c1");
            assertThat(indexes().uniqueHolder("Customer", "email", "b@x")).contains("c3");
        }
    }
}
