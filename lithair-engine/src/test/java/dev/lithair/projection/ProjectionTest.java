package dev.lithair.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.model.EntityModel;
import dev.lithair.store.FsyncPolicy;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;

class ProjectionTest {

    record Order(String id, String userId, BigDecimal amount) {
    }

    record Customer(String id, String name) {
    }

    /** What a user's orders add up to; an immutable value, with a canonical total so that equal sums are equal. */
    record OrderStats(long count, BigDecimal total) {

        static final OrderStats EMPTY = new OrderStats(0, BigDecimal.ZERO);

        OrderStats {
            total = total.signum() == 0 ? BigDecimal.ZERO : total.stripTrailingZeros();
        }

        OrderStats plus(Order order) {
            return new OrderStats(count + 1, total.add(order.amount()));
        }

        OrderStats minus(Order order) {
            return new OrderStats(count - 1, total.subtract(order.amount()));
        }

        BigDecimal average() {
            return count == 0 ? BigDecimal.ZERO : total.divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_EVEN);
        }
    }

    static final Projection<Order, String, OrderStats> ORDERS_BY_USER = Projection.of("ordersByUser", Order.class,
            Order::userId, OrderStats.EMPTY, OrderStats::plus, OrderStats::minus);

    static final Projection<Order, BigDecimal, Long> ORDERS_BY_AMOUNT = Projection.counting("ordersByAmount",
            Order.class, Order::amount);

    @TempDir
    Path dir;

    private StoreOptions options() {
        return StoreOptions.defaults(dir).withFsyncPolicy(FsyncPolicy.NEVER).withSnapshotEveryEvents(0);
    }

    private LithairStore open() {
        return open(List.of(ORDERS_BY_USER, ORDERS_BY_AMOUNT));
    }

    private LithairStore open(List<Projection<?, ?, ?>> projections) {
        return LithairStore.open(options(), List.of(EntityModel.of(Order.class, HistoryPolicy.NONE),
                EntityModel.of(Customer.class, HistoryPolicy.NONE)), projections);
    }

    private static void put(LithairStore store, Order order) {
        store.commit(Commit.of(new Operation.Put("Order", order.id(), order)));
    }

    private static void delete(LithairStore store, String orderId) {
        store.commit(Commit.of(new Operation.Delete("Order", orderId)));
    }

    private static OrderStats stats(LithairStore store, String user) {
        return store.projections().get(ORDERS_BY_USER, user);
    }

    private static Map<String, OrderStats> recomputed(LithairStore store) {
        Map<String, OrderStats> expected = new HashMap<>();
        for (Order order : store.findAll(Order.class)) {
            expected.merge(order.userId(), OrderStats.EMPTY.plus(order), (a, b) -> new OrderStats(a.count() + b.count(),
                    a.total().add(b.total())));
        }
        return expected;
    }

    /** Keyed by {@code BigDecimal}, so by value and scale. */
    private static Map<BigDecimal, Long> countedByAmount(LithairStore store) {
        Map<BigDecimal, Long> expected = new HashMap<>();
        store.findAll(Order.class).forEach(order -> expected.merge(order.amount(), 1L, Long::sum));
        return expected;
    }

    @Test
    void perUserCountTotalAndAverageFollowCreatesUpdatesAndDeletes() {
        try (LithairStore store = open()) {
            put(store, new Order("o1", "alice", new BigDecimal("10.00")));
            put(store, new Order("o2", "alice", new BigDecimal("20.50")));
            put(store, new Order("o3", "bob", new BigDecimal("5")));

            assertThat(stats(store, "alice")).isEqualTo(new OrderStats(2, new BigDecimal("30.5")));
            assertThat(stats(store, "alice").average()).isEqualByComparingTo("15.25");
            assertThat(stats(store, "bob")).isEqualTo(new OrderStats(1, new BigDecimal("5")));

            put(store, new Order("o2", "alice", new BigDecimal("25.50")));
            assertThat(stats(store, "alice")).isEqualTo(new OrderStats(2, new BigDecimal("35.5")));

            put(store, new Order("o1", "bob", new BigDecimal("10.00")));
            assertThat(stats(store, "alice")).isEqualTo(new OrderStats(1, new BigDecimal("25.5")));
            assertThat(stats(store, "bob")).isEqualTo(new OrderStats(2, new BigDecimal("15")));

            delete(store, "o2");
            assertThat(stats(store, "alice")).isEqualTo(OrderStats.EMPTY);
            assertThat(store.projections().all(ORDERS_BY_USER)).containsOnlyKeys("bob");
            assertThat(store.projections().<OrderStats>find("ordersByUser", "alice")).isEmpty();
            assertThat(store.projections().<OrderStats>find("ordersByUser", "bob")).contains(new OrderStats(2,
                    new BigDecimal("15")));
            assertThat(store.projections().all(ORDERS_BY_AMOUNT)).containsOnly(
                    Map.entry(new BigDecimal("10.00"), 1L), Map.entry(new BigDecimal("5"), 1L));
        }
    }

    @Test
    void aBatchMovesOrdersAtomicallyAndAnUnchangedPutChangesNothing() {
        try (LithairStore store = open()) {
            store.commit(Commit.of(new Operation.Put("Order", "o1", new Order("o1", "alice", BigDecimal.ONE)),
                    new Operation.Put("Order", "o2", new Order("o2", "alice", BigDecimal.TEN))));
            store.commit(Commit.of(new Operation.Put("Order", "o1", new Order("o1", "bob", BigDecimal.ONE)),
                    new Operation.Put("Order", "o2", new Order("o2", "bob", BigDecimal.TEN)),
                    new Operation.Put("Order", "o3", new Order("o3", "carol", BigDecimal.TEN))));
            put(store, new Order("o3", "carol", BigDecimal.TEN));

            assertThat(store.projections().all(ORDERS_BY_USER)).containsOnly(
                    Map.entry("bob", new OrderStats(2, new BigDecimal("11"))),
                    Map.entry("carol", new OrderStats(1, BigDecimal.TEN)));
        }
    }

    @Test
    void theProjectionIsTheSameAfterARestartThatReplaysTheWholeLog() {
        Map<String, OrderStats> before;
        try (LithairStore store = open()) {
            put(store, new Order("o1", "alice", new BigDecimal("10.00")));
            put(store, new Order("o2", "bob", new BigDecimal("3.25")));
            put(store, new Order("o1", "bob", new BigDecimal("12.00")));
            put(store, new Order("o3", "carol", new BigDecimal("1")));
            delete(store, "o3");
            before = Map.copyOf(store.projections().all(ORDERS_BY_USER));
        }
        try (LithairStore reopened = open()) {
            assertThat(reopened.recovery().snapshotSequence()).isZero();
            assertThat(reopened.recovery().recordsReplayed()).isEqualTo(5);
            assertThat(reopened.projections().all(ORDERS_BY_USER)).isEqualTo(before)
                    .containsOnly(Map.entry("bob", new OrderStats(2, new BigDecimal("15.25"))));
        }
    }

    @Test
    void theProjectionIsTheSameAfterASnapshotCompactionAndRestart() {
        Map<String, OrderStats> before;
        try (LithairStore store = open()) {
            put(store, new Order("o1", "alice", new BigDecimal("10.00")));
            put(store, new Order("o2", "bob", new BigDecimal("3.25")));
            store.compact().join();
            put(store, new Order("o2", "alice", new BigDecimal("3.25")));
            put(store, new Order("o4", "dave", new BigDecimal("7")));
            before = Map.copyOf(store.projections().all(ORDERS_BY_USER));
        }
        try (LithairStore reopened = open()) {
            assertThat(reopened.recovery().snapshotSequence()).isEqualTo(2);
            assertThat(reopened.recovery().recordsReplayed()).isEqualTo(2);
            assertThat(reopened.projections().all(ORDERS_BY_USER)).isEqualTo(before).containsOnly(
                    Map.entry("alice", new OrderStats(2, new BigDecimal("13.25"))),
                    Map.entry("dave", new OrderStats(1, new BigDecimal("7"))));
        }
    }

    @Test
    void afterARandomSequenceOfOperationsTheProjectionEqualsARecomputationFromTheEntities() {
        Random random = new Random(20260101L);
        String[] users = {"alice", "bob", "carol", "dave", "erin"};
        LithairStore store = open();
        try {
            for (int step = 0; step < 3000; step++) {
                String id = "o" + random.nextInt(60);
                int action = random.nextInt(10);
                if (action < 6) {
                    BigDecimal amount = BigDecimal.valueOf(random.nextInt(4)).setScale(random.nextInt(3));
                    put(store, new Order(id, users[random.nextInt(users.length)], amount));
                } else if (action < 9) {
                    delete(store, id);
                } else {
                    List<Operation> batch = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        String batchId = "o" + random.nextInt(60);
                        String entityId = random.nextInt(10) == 0 ? "o" + random.nextInt(60) : batchId;
                        batch.add(new Operation.Put("Order", batchId, new Order(entityId,
                                users[random.nextInt(users.length)], BigDecimal.ONE)));
                    }
                    try {
                        store.commit(new Commit(null, null, batch));
                    } catch (IllegalArgumentException idMismatch) {
                        // now and then an id does not match: the whole batch is refused and changes nothing
                    }
                }
                if (step == 1000) {
                    store.snapshot().join();
                }
                if (step == 2000) {
                    store.close();
                    store = open();
                }
                if (step % 250 == 0) {
                    assertThat(store.projections().all(ORDERS_BY_USER)).as("at step %d", step)
                            .isEqualTo(recomputed(store));
                    assertThat(store.projections().all(ORDERS_BY_AMOUNT)).as("at step %d", step)
                            .isEqualTo(countedByAmount(store));
                }
            }
            Map<String, OrderStats> last = Map.copyOf(store.projections().all(ORDERS_BY_USER));
            Map<BigDecimal, Long> lastByAmount = Map.copyOf(store.projections().all(ORDERS_BY_AMOUNT));
            assertThat(last).isEqualTo(recomputed(store));
            assertThat(lastByAmount).isEqualTo(countedByAmount(store));
            store.close();
            store = open();
            assertThat(store.projections().all(ORDERS_BY_USER)).isEqualTo(last);
            assertThat(store.projections().all(ORDERS_BY_AMOUNT)).isEqualTo(lastByAmount);
        } finally {
            store.close();
        }
    }

    @Test
    void readersOnManyThreadsSeeOnlyAggregatesTheWriterPublished() throws Exception {
        try (LithairStore store = open()) {
            AtomicBoolean done = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch started = new CountDownLatch(3);
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                Thread reader = new Thread(() -> {
                    started.countDown();
                    long lastCount = 0;
                    try {
                        while (!done.get()) {
                            OrderStats alice = stats(store, "alice");
                            // every order is 2.00 and only created: count never goes back, total is always 2 x count
                            if (alice.count() < lastCount
                                    || alice.total().compareTo(BigDecimal.valueOf(2 * alice.count())) != 0) {
                                throw new AssertionError("read " + alice + " after a count of " + lastCount);
                            }
                            lastCount = alice.count();
                            for (OrderStats any : store.projections().all(ORDERS_BY_USER).values()) {
                                if (any.count() <= 0) {
                                    throw new AssertionError("an empty aggregate is visible: " + any);
                                }
                            }
                            Thread.yield();
                        }
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    }
                });
                reader.start();
                readers.add(reader);
            }
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            List<java.util.concurrent.CompletableFuture<?>> commits = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                commits.add(store.commitAsync(Commit.of(new Operation.Put("Order", "o" + i,
                        new Order("o" + i, i % 2 == 0 ? "alice" : "bob", new BigDecimal("2.00"))))));
            }
            commits.forEach(java.util.concurrent.CompletableFuture::join);
            done.set(true);
            for (Thread reader : readers) {
                reader.join();
            }
            assertThat(failure.get()).isNull();
            assertThat(stats(store, "alice")).isEqualTo(new OrderStats(1000, new BigDecimal("2000")));
        }
    }

    @Test
    void aProjectionOverATypeTheStoreDoesNotKnowIsRefused() {
        Projection<String, String, Long> overString = Projection.counting("strings", String.class, s -> s);

        assertThatThrownBy(() -> open(List.of(overString))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strings").hasMessageContaining("java.lang.String")
                .hasMessageContaining("not an entity type of this store");
    }

    @Test
    void twoProjectionsWithOneNameAreRefused() {
        Projection<Customer, String, Long> sameName = Projection.counting("ordersByUser", Customer.class,
                Customer::name);

        assertThatThrownBy(() -> open(List.of(ORDERS_BY_USER, sameName))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two projections are named ordersByUser");
    }

    @Test
    void readingAProjectionTheStoreWasNotOpenedWithFailsClearly() {
        try (LithairStore store = open(List.of(ORDERS_BY_USER))) {
            assertThatThrownBy(() -> store.projections().get(ORDERS_BY_AMOUNT, BigDecimal.ONE))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no projection named ordersByAmount");
            assertThatThrownBy(() -> store.projections().all("nope")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[ordersByUser]");
            assertThat(store.projections().names()).containsExactly("ordersByUser");
        }
    }

    @Test
    void anEntityWithoutAKeyBelongsToNoKey() {
        try (LithairStore store = open()) {
            put(store, new Order("o1", null, BigDecimal.ONE));
            put(store, new Order("o2", "alice", BigDecimal.ONE));
            put(store, new Order("o1", "alice", BigDecimal.ONE));
            put(store, new Order("o2", null, BigDecimal.ONE));

            assertThat(store.projections().all(ORDERS_BY_USER)).containsOnly(
                    Map.entry("alice", new OrderStats(1, BigDecimal.ONE)));
            assertThat(store.projections().get(ORDERS_BY_USER, null)).isEqualTo(OrderStats.EMPTY);
        }
    }

    @Test
    void aFailingFunctionStopsItsProjectionOnlyAndARestartRebuildsIt() {
        AtomicBoolean broken = new AtomicBoolean(true);
        Projection<Order, String, Long> fragile = Projection.counting("fragile", Order.class, order -> {
            if (broken.get() && order.amount().signum() < 0) {
                throw new ArithmeticException("negative amount");
            }
            return order.userId();
        });
        try (LithairStore store = open(List.of(fragile, ORDERS_BY_USER))) {
            put(store, new Order("o1", "alice", BigDecimal.ONE));
            put(store, new Order("o2", "alice", BigDecimal.ONE.negate()));
            put(store, new Order("o3", "alice", BigDecimal.TEN));

            assertThatThrownBy(() -> store.projections().get(fragile, "alice")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("projection fragile stopped at sequence 2 (Order o2)")
                    .hasRootCauseInstanceOf(ArithmeticException.class);
            assertThat(stats(store, "alice")).isEqualTo(new OrderStats(3, BigDecimal.TEN));
            assertThat(store.find(Order.class, "o3")).isPresent();
        }
        broken.set(false);
        try (LithairStore reopened = open(List.of(fragile, ORDERS_BY_USER))) {
            assertThat(reopened.projections().get(fragile, "alice")).isEqualTo(3L);
        }
    }

    @Test
    void anEmptinessTestDropsKeysWhoseAggregatesAreEqualButNotEquals() {
        Projection<Order, String, BigDecimal> spent = Projection.of("spentByUser", Order.class, Order::userId,
                BigDecimal.ZERO, (total, order) -> total.add(order.amount()),
                (total, order) -> total.subtract(order.amount())).emptyWhen(total -> total.signum() == 0);
        try (LithairStore store = open(List.of(spent))) {
            put(store, new Order("o1", "alice", new BigDecimal("1.50")));
            delete(store, "o1");

            assertThat(store.projections().all(spent)).isEmpty();
            assertThat(store.projections().get(spent, "alice")).isEqualTo(BigDecimal.ZERO);
        }
    }
}
