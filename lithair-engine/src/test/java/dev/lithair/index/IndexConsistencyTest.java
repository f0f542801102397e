package dev.lithair.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.annotation.Indexed;
import dev.lithair.annotation.Unique;
import dev.lithair.exception.UniqueViolationException;
import dev.lithair.model.EntityModel;
import dev.lithair.store.FsyncPolicy;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;

/**
 * Property: whatever sequence of puts, updates, deletes, multi-entity commits and restarts (with and
 * without a snapshot first), every index answer equals the answer of a full scan of
 * {@code store.findAll}, and a commit is rejected for uniqueness exactly when its result would hold
 * a duplicate. Plain seeded loops; a failure names its seed, rerun it alone with
 * {@code -Dlithair.index.seed=<seed>}.
 */
class IndexConsistencyTest {

    record Item(String id, @Unique String code, @Indexed String color, @Indexed(sorted = true) BigDecimal price,
            @Indexed(sorted = true) Long rank, @Unique @Indexed(sorted = true) Integer slot, String label) {
    }

    /** One indexed field: how to read it from an item, and the values queries use. */
    private record FieldSpec(String name, Function<Item, Object> read, boolean sorted, boolean unique,
            List<Object> queries) {
    }

    private static final List<String> IDS = List.of("i0", "i1", "i2", "i3", "i4", "i5", "i6", "i7", "i8", "i9");
    private static final List<String> CODES = List.of("a", "b", "c", "d", "e", "f", "g", "h");
    private static final List<String> COLORS = List.of("red", "green", "blue");
    private static final List<String> PRICES = List.of("1", "1.0", "1.50", "1.5", "2", "-3.25", "10", "0.00");
    private static final List<Long> RANKS = List.of(-2L, 0L, 1L, 5L, 7L);
    private static final List<Integer> SLOTS = List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);

    private static final List<FieldSpec> FIELDS = List.of(
            new FieldSpec("code", Item::code, false, true, withNull(CODES)),
            new FieldSpec("color", Item::color, false, false, withNull(List.<Object>of("red", "green", "blue", "pink"))),
            new FieldSpec("price", Item::price, true, false, withNull(List.<Object>of(new BigDecimal("1.00"), 1, 1.5d,
                    new BigDecimal("1.5"), 2L, new BigDecimal("-3.250"), 10, 0, new BigDecimal("7.77")))),
            new FieldSpec("rank", Item::rank, true, false, withNull(List.<Object>of(-2, 0L, 1, 5L, 7, 3))),
            new FieldSpec("slot", Item::slot, true, true, withNull(List.<Object>of(1, 2L, 3, 4, 6, 9, 12, 13))));

    private static final int SEQUENCES = Integer.getInteger("lithair.index.sequences", 200);
    private static final int STEPS = Integer.getInteger("lithair.index.steps", 20);
    private static final int PARALLEL = 4;
    private static final long BASE_SEED = Long.getLong("lithair.index.baseSeed", 0x11A1_2026L);

    @TempDir
    Path dir;

    @Test
    void indexAnswersAlwaysEqualAFullScanAcrossRandomOperationsAndRestarts() throws InterruptedException {
        Long single = Long.getLong("lithair.index.seed");
        if (single != null) {
            runSequence(single);
            return;
        }
        // Sequences are independent (own store, own Random): run a few at once, as each waits on its writer.
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < SEQUENCES; i++) {
                long seed = BASE_SEED + i;
                runs.add(pool.submit(() -> runSequence(seed)));
            }
            for (Future<?> run : runs) {
                try {
                    run.get();
                } catch (ExecutionException e) {
                    pool.shutdownNow();
                    throw e.getCause() instanceof AssertionError failure ? failure : new AssertionError(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Object> withNull(List<?> values) {
        List<Object> all = new ArrayList<>(values);
        all.add(null);
        return all;
    }

    private void runSequence(long seed) {
        Random random = new Random(seed);
        Path data = dir.resolve("seed-" + seed);
        StoreOptions options = StoreOptions.defaults(data).withFsyncPolicy(FsyncPolicy.NEVER)
                .withSnapshotEveryEvents(seed % 4 == 0 ? 6 : 0);
        Map<String, Item> model = new HashMap<>();
        String step = "open";
        LithairStore store = open(options);
        try {
            for (int s = 0; s < STEPS; s++) {
                if (random.nextInt(10) == 0) {
                    boolean snapshot = random.nextBoolean();
                    step = "step " + s + ": restart" + (snapshot ? " after a snapshot" : "");
                    if (snapshot) {
                        store.snapshot().join();
                    }
                    store.close();
                    store = open(options);
                } else {
                    List<Operation> operations = operations(random, model);
                    step = "step " + s + ": " + operations;
                    commit(store, operations, model);
                }
                assertMatchesScan(store, model, random);
            }
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("seed " + seed + " (rerun with -Dlithair.index.seed=" + seed + "), " + step + ": "
                    + e.getMessage(), e);
        } finally {
            store.close();
        }
    }

    private static LithairStore open(StoreOptions options) {
        return LithairStore.open(options, List.of(EntityModel.of(Item.class, HistoryPolicy.NONE)));
    }

    private static List<Operation> operations(Random random, Map<String, Item> model) {
        int kind = random.nextInt(10);
        if (kind == 0 && model.size() >= 2) {
            // Swap both unique values of two live items in one commit.
            List<Item> live = new ArrayList<>(model.values());
            live.sort(Comparator.comparing(Item::id));
            Item x = live.get(random.nextInt(live.size()));
            Item y = live.get(random.nextInt(live.size()));
            return List.of(put(new Item(x.id(), y.code(), x.color(), x.price(), x.rank(), y.slot(), x.label())),
                    put(new Item(y.id(), x.code(), y.color(), y.price(), y.rank(), x.slot(), y.label())));
        }
        int count = kind < 7 ? 1 : 2 + random.nextInt(3);
        List<Operation> operations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = IDS.get(random.nextInt(IDS.size()));
            int what = random.nextInt(10);
            if (what < 2) {
                operations.add(new Operation.Delete("Item", id));
            } else if (what < 5 && model.containsKey(id)) {
                operations.add(put(tweak(random, model.get(id))));
            } else {
                operations.add(put(new Item(id, pick(random, CODES, 3), pick(random, COLORS, 4),
                        decimal(pick(random, PRICES, 5)), pick(random, RANKS, 5), pick(random, SLOTS, 3),
                        random.nextBoolean() ? "x" : "y")));
            }
        }
        return operations;
    }

    /** Changes one field of an item, often to the value it has in another scale, or to null. */
    private static Item tweak(Random random, Item item) {
        switch (random.nextInt(6)) {
            case 0:
                return new Item(item.id(), pick(random, CODES, 3), item.color(), item.price(), item.rank(), item.slot(),
                        item.label());
            case 1:
                return new Item(item.id(), item.code(), pick(random, COLORS, 4), item.price(), item.rank(), item.slot(),
                        item.label());
            case 2:
                return new Item(item.id(), item.code(), item.color(), decimal(pick(random, PRICES, 5)), item.rank(),
                        item.slot(), item.label());
            case 3:
                return new Item(item.id(), item.code(), item.color(), item.price(), pick(random, RANKS, 5), item.slot(),
                        item.label());
            case 4:
                return new Item(item.id(), item.code(), item.color(), item.price(), item.rank(), pick(random, SLOTS, 3),
                        item.label());
            default:
                return new Item(item.id(), item.code(), item.color(), item.price(), item.rank(), item.slot(),
                        "x".equals(item.label()) ? "y" : "x");
        }
    }

    /** A value of the domain, or null once in {@code nullOneIn}. */
    private static <T> T pick(Random random, List<T> domain, int nullOneIn) {
        return random.nextInt(nullOneIn) == 0 ? null : domain.get(random.nextInt(domain.size()));
    }

    private static BigDecimal decimal(String text) {
        return text == null ? null : new BigDecimal(text);
    }

    private static Operation put(Item item) {
        return new Operation.Put("Item", item.id(), item);
    }

    /** Commits, expecting a uniqueness rejection exactly when the resulting state would hold a duplicate. */
    private static void commit(LithairStore store, List<Operation> operations, Map<String, Item> model) {
        Map<String, Item> next = new HashMap<>(model);
        for (Operation operation : operations) {
            if (operation instanceof Operation.Put put) {
                Item item = (Item) put.entity();
                Item current = next.get(item.id());
                // A put that differs only in decimal scale changes nothing: the store keeps what it has.
                next.put(item.id(), current != null && sameItem(current, item) ? current : item);
            } else {
                next.remove(operation.entityId());
            }
        }
        boolean duplicate = hasDuplicate(next.values(), Item::code) || hasDuplicate(next.values(), Item::slot);
        long sequence = store.lastSequence();
        try {
            store.commit(new Commit(null, null, operations));
        } catch (UniqueViolationException rejected) {
            assertThat(duplicate).as("rejected (%s) although no duplicate would result", rejected.getMessage()).isTrue();
            assertThat(store.lastSequence()).isEqualTo(sequence);
            return;
        }
        assertThat(duplicate).as("accepted although a unique value would be duplicated").isFalse();
        model.clear();
        model.putAll(next);
    }

    private static boolean sameItem(Item a, Item b) {
        return Objects.equals(a.code(), b.code()) && Objects.equals(a.color(), b.color()) && same(a.price(), b.price())
                && Objects.equals(a.rank(), b.rank()) && Objects.equals(a.slot(), b.slot())
                && Objects.equals(a.label(), b.label());
    }

    private static boolean hasDuplicate(java.util.Collection<Item> items, Function<Item, Object> read) {
        Set<Object> seen = new HashSet<>();
        for (Item item : items) {
            Object value = read.apply(item);
            if (value != null && !seen.add(value)) {
                return true;
            }
        }
        return false;
    }

    // ---- the oracle: a full scan -----------------------------------------------------------------

    private static void assertMatchesScan(LithairStore store, Map<String, Item> model, Random random) {
        List<Item> all = store.findAll(Item.class);
        Map<String, Item> byId = all.stream().collect(Collectors.toMap(Item::id, item -> item));
        check(byId.keySet(), model.keySet(), "live ids");
        model.forEach((id, item) -> check(sameItem(byId.get(id), item), true, "state of %s", id));
        Indexes indexes = store.indexes();
        Map<String, Integer> expectedSizes = new LinkedHashMap<>();
        for (FieldSpec field : FIELDS) {
            for (Object query : field.queries()) {
                Set<String> expected = scan(all, item -> same(field.read().apply(item), query));
                check(Set.copyOf(indexes.idsEqual("Item", field.name(), query)), expected, "%s = %s", field.name(), query);
                check(indexes.countEqual("Item", field.name(), query), expected.size(), "count %s = %s", field.name(),
                        query);
                if (field.unique()) {
                    Optional<String> holder = query == null ? Optional.empty() : expected.stream().findFirst();
                    check(indexes.uniqueHolder("Item", field.name(), query), holder, "holder of %s = %s", field.name(),
                            query);
                }
            }
            expectedSizes.put(field.name(), (int) all.stream().map(item -> key(field.read().apply(item))).distinct().count());
            if (field.sorted()) {
                for (int r = 0; r < 6; r++) {
                    assertRange(indexes, all, field, random);
                }
                boolean descending = random.nextBoolean();
                int limit = random.nextInt(12);
                List<String> expected = ordered(all, field, descending, true).stream().limit(limit).toList();
                check(indexes.idsOrdered("Item", field.name(), descending, limit), expected, "%s ordered %s, top %d",
                        field.name(), descending ? "desc" : "asc", limit);
            }
        }
        check(indexes.sizes("Item"), expectedSizes, "sizes");
    }

    private static void assertRange(Indexes indexes, List<Item> all, FieldSpec field, Random random) {
        Object from = field.queries().get(random.nextInt(field.queries().size()));
        Object to = field.queries().get(random.nextInt(field.queries().size()));
        boolean fromInclusive = random.nextBoolean();
        boolean toInclusive = random.nextBoolean();
        boolean descending = random.nextBoolean();
        int limit = random.nextInt(3) == 0 ? Integer.MAX_VALUE : random.nextInt(6);
        List<String> expected = ordered(all, field, descending, false).stream().filter(id -> {
            Object value = field.read().apply(all.stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow());
            BigDecimal v = number(value);
            boolean aboveFrom = from == null || (fromInclusive ? v.compareTo(number(from)) >= 0 : v.compareTo(number(from)) > 0);
            boolean belowTo = to == null || (toInclusive ? v.compareTo(number(to)) <= 0 : v.compareTo(number(to)) < 0);
            return aboveFrom && belowTo;
        }).limit(limit).toList();
        check(indexes.idsInRange("Item", field.name(), from, fromInclusive, to, toInclusive, descending, limit), expected,
                "%s in %s%s, %s%s %s limit %d", field.name(), fromInclusive ? "[" : "(", from, to, toInclusive ? "]" : ")",
                descending ? "desc" : "asc", limit);
    }

    /** Cheap on success (thousands of checks per second are needed); AssertJ's message on failure. */
    private static void check(Object actual, Object expected, String description, Object... args) {
        if (!Objects.equals(actual, expected)) {
            assertThat(actual).as(description, args).isEqualTo(expected);
        }
    }

    /** Ids ordered by value then id (nulls first, or left out), reversed when descending. */
    private static List<String> ordered(List<Item> all, FieldSpec field, boolean descending, boolean withNulls) {
        Comparator<Item> order = Comparator.comparing((Item item) -> number(field.read().apply(item)),
                Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(Item::id);
        List<String> ids = all.stream().filter(item -> withNulls || field.read().apply(item) != null).sorted(order)
                .map(Item::id).collect(Collectors.toCollection(ArrayList::new));
        if (descending) {
            java.util.Collections.reverse(ids);
        }
        return ids;
    }

    private static Set<String> scan(List<Item> all, java.util.function.Predicate<Item> matches) {
        return all.stream().filter(matches).map(Item::id).collect(Collectors.toSet());
    }

    /** Equal values, numbers compared by value whatever their type and scale. */
    private static boolean same(Object value, Object query) {
        if (value == null || query == null) {
            return value == query;
        }
        if (value instanceof Number && query instanceof Number) {
            return number(value).compareTo(number(query)) == 0;
        }
        return value.equals(query);
    }

    private static BigDecimal number(Object value) {
        return value == null ? null : new BigDecimal(value.toString());
    }

    /** A value as the oracle counts distinct values: numbers by value. */
    private static Object key(Object value) {
        return value instanceof Number ? number(value).stripTrailingZeros() : Arrays.asList(value);
    }
}
