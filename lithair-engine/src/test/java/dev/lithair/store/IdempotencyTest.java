package dev.lithair.store;

import static dev.lithair.support.Entities.fastOptions;
import static dev.lithair.support.Entities.product;
import static dev.lithair.support.Entities.putProduct;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.CommitResult;
import dev.lithair.store.spi.Operation;
import dev.lithair.support.MutableClock;

/**
 * A commit carrying an idempotency key is applied once, however often it is sent, across restarts
 * and snapshots; the remembered keys are bounded, and which keys are remembered depends only on the
 * log, so a restart remembers exactly the same ones.
 */
class IdempotencyTest {

    @TempDir
    Path tmp;

    /** A payment: applying it twice would be visible as a second entity and a higher sequence. */
    private static Commit payment(String key, String id, int amount) {
        return new Commit(key, "checkout", List.of(putProduct(id, "Payment " + key, amount)));
    }

    @Test
    void aKeyCommittedBeforeASnapshotAndThenARestartIsAppliedOnce() {
        // given
        StoreOptions options = fastOptions(tmp);
        CommitResult original;
        try (LithairStore store = LithairStore.open(options)) {
            store.commit(Commit.of(putProduct("other", "Other", 1)));
            original = store.commit(payment("order-42", "pay-1", 100));
            store.snapshot().join();
        }

        // when
        try (LithairStore store = LithairStore.open(options)) {
            assertThat(store.recovery().recordsReplayed()).as("the key comes from the snapshot").isZero();
            CommitResult resent = store.commit(payment("order-42", "pay-2", 999));

            // then
            assertAppliedOnce(store, original, resent);
        }
        try (LithairStore store = LithairStore.open(options)) {
            assertThat(store.lastSequence()).isEqualTo(original.sequence());
            assertThat(store.get("Product", "pay-2")).isEmpty();
        }
    }

    @Test
    void aKeyCommittedBeforeARestartAndThenASnapshotIsAppliedOnce() {
        // given
        StoreOptions options = fastOptions(tmp);
        CommitResult original;
        try (LithairStore store = LithairStore.open(options)) {
            original = store.commit(payment("order-42", "pay-1", 100));
            store.commit(Commit.of(putProduct("other", "Other", 1)));
        }
        try (LithairStore store = LithairStore.open(options)) {
            assertThat(store.recovery().recordsReplayed()).as("the key comes from the log").isEqualTo(2);
            CommitResult resentAfterReplay = store.commit(payment("order-42", "pay-2", 999));
            assertAppliedOnce(store, original, resentAfterReplay);
            store.snapshot().join();
        }

        // when
        try (LithairStore store = LithairStore.open(options)) {
            assertThat(store.recovery().recordsReplayed()).as("the key comes from the snapshot").isZero();
            CommitResult resent = store.commit(payment("order-42", "pay-3", 999));

            // then
            assertAppliedOnce(store, original, resent);
            assertThat(store.lastSequence()).isEqualTo(2);
        }
    }

    @Test
    void aKeyIsStillRememberedWhenCompactionHasDeletedTheLogThatHeldIt() {
        // given
        StoreOptions options = fastOptions(tmp).withSegmentBytes(4096);
        CommitResult original;
        try (LithairStore store = LithairStore.open(options)) {
            original = store.commit(payment("order-42", "pay-1", 100));
            for (int i = 0; i < 40; i++) {
                store.commit(Commit.of(putProduct("filler-" + i, "Filler", i)));
            }
            store.compact().join();
        }

        // when
        try (LithairStore store = LithairStore.open(options)) {
            CommitResult resent = store.commit(payment("order-42", "pay-2", 999));

            // then
            assertThat(resent.duplicate()).isTrue();
            assertThat(resent.sequence()).isEqualTo(original.sequence());
            assertThat(store.lastSequence()).isEqualTo(41);
            assertThat(store.get("Product", "pay-2")).isEmpty();
        }
    }

    private static void assertAppliedOnce(LithairStore store, CommitResult original, CommitResult resent) {
        assertThat(original.duplicate()).isFalse();
        assertThat(resent.duplicate()).isTrue();
        assertThat(resent.sequence()).isEqualTo(original.sequence());
        assertThat(resent.events()).isEmpty();
        assertThat(store.get("Product", "pay-1")).contains(product("pay-1", "Payment order-42", 100));
        assertThat(store.all("Product")).noneMatch(entity -> entity.get("price").asInt() == 999);
    }

    @ParameterizedTest(name = "restart before re-sending: {0}")
    @ValueSource(booleans = {false, true})
    void onlyTheNewestKeysAreRememberedSoTheOldestIsAppliedAgain(boolean restart) {
        // given: four keyed commits, one more than the store remembers
        StoreOptions options = fastOptions(tmp).withIdempotencyRetention(3, null);
        LithairStore store = LithairStore.open(options);
        try {
            for (int i = 1; i <= 4; i++) {
                store.commit(payment("key-" + i, "pay-" + i, i));
            }
            // the payments are settled and removed, so a payment applied again shows up again
            for (int i = 1; i <= 4; i++) {
                store.commit(Commit.of(new Operation.Delete("Product", "pay-" + i)));
            }
            assertThat(store.lastSequence()).isEqualTo(8);
            if (restart) {
                store.close();
                store = LithairStore.open(options);
                assertThat(store.recovery().recordsReplayed()).isEqualTo(8);
            }
            assertThat(store.stats().idempotencyKeys()).isEqualTo(3);

            // when
            CommitResult second = store.commit(payment("key-2", "pay-2", 2));
            CommitResult fourth = store.commit(payment("key-4", "pay-4", 4));
            CommitResult first = store.commit(payment("key-1", "pay-1", 1));

            // then
            assertThat(second.duplicate()).isTrue();
            assertThat(second.sequence()).isEqualTo(2);
            assertThat(fourth.duplicate()).isTrue();
            assertThat(fourth.sequence()).isEqualTo(4);
            assertThat(first.duplicate()).isFalse();
            assertThat(first.sequence()).isEqualTo(9);
            assertThat(store.get("Product", "pay-1")).isPresent();
            assertThat(store.get("Product", "pay-2")).isEmpty();
            assertThat(store.get("Product", "pay-4")).isEmpty();
            assertThat(store.lastSequence()).isEqualTo(9);
        } finally {
            store.close();
        }
    }

    @Test
    void theRememberedKeysAreRebuiltIdenticallyByARestartAndBySnapshotAndReplay() {
        // given: more keyed commits than remembered, some forgotten and re-applied, with a snapshot in between
        StoreOptions options = fastOptions(tmp).withIdempotencyRetention(3, null);
        try (LithairStore store = LithairStore.open(options)) {
            for (int i = 1; i <= 5; i++) {
                store.commit(payment("key-" + i, "pay-" + i, i));
            }
            store.snapshot().join();
            store.commit(payment("key-6", "pay-6", 6));
            store.commit(Commit.of(new Operation.Delete("Product", "pay-3")));
        }

        // when
        try (LithairStore store = LithairStore.open(options)) {
            // then: keys 4, 5, 6 are remembered; key 3 is forgotten
            assertThat(store.recovery().snapshotSequence()).isEqualTo(5);
            assertThat(store.commit(payment("key-4", "pay-4", 4)).duplicate()).isTrue();
            assertThat(store.commit(payment("key-5", "pay-5", 5)).duplicate()).isTrue();
            assertThat(store.commit(payment("key-6", "pay-6", 6)).duplicate()).isTrue();
            CommitResult third = store.commit(payment("key-3", "pay-3", 3));
            assertThat(third.duplicate()).isFalse();
            assertThat(third.sequence()).isEqualTo(8);
        }
    }

    @ParameterizedTest(name = "restart before re-sending: {0}")
    @ValueSource(booleans = {false, true})
    void keysOlderThanTheMaximumAgeAreForgottenByEventTimeNotByTheWallClock(boolean restart) {
        // given: keys one hour apart, remembered for 90 minutes
        MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        StoreOptions options = fastOptions(tmp).withClock(clock).withIdempotencyRetention(1000, Duration.ofMinutes(90));
        LithairStore store = LithairStore.open(options);
        try {
            store.commit(payment("key-0h", "pay-0h", 1));
            clock.advance(Duration.ofHours(1));
            store.commit(payment("key-1h", "pay-1h", 2));
            clock.advance(Duration.ofHours(1));
            store.commit(payment("key-2h", "pay-2h", 3));
            store.commit(Commit.of(new Operation.Delete("Product", "pay-0h")));
            store.commit(Commit.of(new Operation.Delete("Product", "pay-1h")));
            if (restart) {
                store.close();
                // a restart much later: the wall clock must not decide what is forgotten
                clock.advance(Duration.ofDays(30));
                store = LithairStore.open(options);
            }

            // when
            CommitResult oneHourOld = store.commit(payment("key-1h", "pay-1h", 2));
            CommitResult twoHoursOld = store.commit(payment("key-0h", "pay-0h", 1));

            // then
            assertThat(oneHourOld.duplicate()).isTrue();
            assertThat(oneHourOld.sequence()).isEqualTo(2);
            assertThat(store.get("Product", "pay-1h")).isEmpty();
            assertThat(twoHoursOld.duplicate()).isFalse();
            assertThat(twoHoursOld.sequence()).isEqualTo(6);
            assertThat(store.get("Product", "pay-0h")).isPresent();
        } finally {
            store.close();
        }
    }

    @ParameterizedTest(name = "restart before re-sending: {0}")
    @ValueSource(booleans = {false, true})
    void aKeyOlderThanTheMaximumAgeIsForgottenOnceANewerEventIsAppliedEvenWithoutAKey(boolean restart) {
        // given: a keyed payment, then two hours later an event that carries no key
        MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        StoreOptions options = fastOptions(tmp).withClock(clock).withIdempotencyRetention(1000, Duration.ofMinutes(90));
        LithairStore store = LithairStore.open(options);
        try {
            store.commit(payment("key-0h", "pay-0h", 1));
            store.commit(Commit.of(new Operation.Delete("Product", "pay-0h")));
            clock.advance(Duration.ofHours(2));
            store.commit(Commit.of(putProduct("unkeyed", "Unkeyed", 1)));
            if (restart) {
                store.close();
                store = LithairStore.open(options);
            }

            // when
            CommitResult resent = store.commit(payment("key-0h", "pay-0h", 1));

            // then: the newest event is two hours newer than the key, so the key is forgotten
            assertThat(resent.duplicate()).isFalse();
            assertThat(resent.sequence()).isEqualTo(4);
            assertThat(store.get("Product", "pay-0h")).isPresent();
        } finally {
            store.close();
        }
    }
}
