package dev.lithair.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.annotation.Indexed;
import dev.lithair.event.StorageFormat;
import dev.lithair.index.Indexes;
import dev.lithair.model.EntityModel;
import dev.lithair.store.EntityTable;
import dev.lithair.store.FsyncPolicy;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;

/**
 * Reads by indexed field and by id, at 10K and 1M products, single-threaded, average time per
 * operation:
 *
 * <ul>
 * <li>{@code countByCategory}: {@link Indexes#countEqual}, expected O(1): the 1M/10K ratio should stay
 * under 1.5.</li>
 * <li>{@code findByCategoryFirstPage}: {@link Indexes#idsEqual} and the first {@value #PAGE} products
 * fetched with {@code store.find}, as a paged {@code findByCategory} does; expected O(1) too.</li>
 * <li>{@code findAllByCategory}: every product of the category (a fiftieth of the store, so 200 at
 * 10K and 20,000 at 1M): O(result), shown for scale, not a constant.</li>
 * <li>{@code findById} ({@code store.find(Product.class, id)}) against {@code rawMapGet}, a
 * {@code ConcurrentHashMap.get} over the same products in the same run: the target is at most 2x.
 * Independent lookups measure throughput: the CPU overlaps the cache misses of successive calls, so
 * every extra instruction on the path shows.</li>
 * <li>{@code findByIdThenRead} against {@code rawMapGetThenRead}: the same lookups, each reading the
 * product it found before the next can start, as application code does: latency per lookup.</li>
 * </ul>
 *
 * <p>Keys are drawn from a precomputed random order, so every benchmark pays the same for them and
 * the 1M runs miss the CPU caches as a real workload would. The store is loaded with
 * {@code fsync=never}, binary records and commits of {@value #BATCH} puts, and deleted afterwards.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar IndexLookup -f 1 -wi 2 -w 2s -i 3 -r 2s}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class IndexLookupBenchmark {

    /** A catalogue product: about fifty categories, a price, a creation time. */
    public record Product(String id, String name, BigDecimal price, @Indexed String category, Instant createdAt) {
    }

    static final int CATEGORIES = 50;
    static final int PAGE = 20;
    static final int BATCH = 10_000;
    /** Length of the precomputed key order; a power of two. */
    private static final int ORDER = 1 << 16;

    @Param({"10000", "1000000"})
    public int size;

    private Path directory;
    private LithairStore store;
    private EntityTable<Product> productTable;
    private Indexes indexes;
    private final ConcurrentHashMap<String, Product> raw = new ConcurrentHashMap<>();
    private String[] ids;
    private String[] categories;
    private int[] idOrder;
    private int[] categoryOrder;
    private int cursor;
    private int chain;

    @Setup(Level.Trial)
    public void load() throws IOException {
        directory = Files.createTempDirectory("lithair-index-lookup");
        store = LithairStore.open(StoreOptions.defaults(directory).withFsyncPolicy(FsyncPolicy.NEVER)
                .withFormat(StorageFormat.BINARY).withSnapshotEveryEvents(0),
                List.of(EntityModel.of(Product.class, HistoryPolicy.NONE)));
        indexes = store.indexes();
        productTable = store.table(Product.class);
        categories = new String[CATEGORIES];
        for (int c = 0; c < CATEGORIES; c++) {
            categories[c] = "category-" + c;
        }
        Random random = new Random(42);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        ids = new String[size];
        List<Operation> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < size; i++) {
            String id = "p" + i;
            ids[i] = id;
            Product product = new Product(id, "Product " + i, BigDecimal.valueOf(100 + random.nextInt(100_000), 2),
                    categories[i % CATEGORIES], start.plusSeconds(i));
            batch.add(new Operation.Put("Product", id, product));
            if (batch.size() == BATCH || i == size - 1) {
                store.commit(new Commit(null, null, batch));
                batch = new ArrayList<>(BATCH);
            }
        }
        // The baseline map is filled apart, as a cache is, so that its nodes do not sit next to the keys
        // allocated in the loop above (the store's nodes are allocated when a batch is applied).
        for (String id : ids) {
            raw.put(id, store.find(Product.class, id).orElseThrow());
        }
        if (store.count("Product") != size || indexes.countEqual("Product", "category", categories[0]) != size / CATEGORIES) {
            throw new IllegalStateException("the store was not loaded as expected");
        }
        idOrder = new int[ORDER];
        categoryOrder = new int[ORDER];
        for (int i = 0; i < ORDER; i++) {
            idOrder[i] = random.nextInt(size);
            categoryOrder[i] = random.nextInt(CATEGORIES);
        }
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        store.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private String nextId() {
        return ids[idOrder[cursor++ & (ORDER - 1)]];
    }

    private String nextCategory() {
        return categories[categoryOrder[cursor++ & (ORDER - 1)]];
    }

    @Benchmark
    public int countByCategory() {
        return indexes.countEqual("Product", "category", nextCategory());
    }

    @Benchmark
    public void findByCategoryFirstPage(Blackhole blackhole) {
        Set<String> matching = indexes.idsEqual("Product", "category", nextCategory());
        int fetched = 0;
        for (String id : matching) {
            blackhole.consume(store.find(Product.class, id));
            if (++fetched == PAGE) {
                break;
            }
        }
    }

    @Benchmark
    public void findAllByCategory(Blackhole blackhole) {
        for (String id : indexes.idsEqual("Product", "category", nextCategory())) {
            blackhole.consume(store.find(Product.class, id));
        }
    }

    @Benchmark
    public Optional<Product> findById() {
        return store.find(Product.class, nextId());
    }

    /** The path a repository takes: the type's table resolved once, then one lookup per read. */
    @Benchmark
    public Product findByIdFromTable() {
        return productTable.get(nextId());
    }

    @Benchmark
    public Product rawMapGet() {
        return raw.get(nextId());
    }

    /**
     * Latency rather than throughput: the next key depends on the product just read (its name's
     * length, shifted to nothing the compiler can see), so lookups cannot overlap their cache misses.
     */
    @Benchmark
    public Product findByIdThenRead() {
        Product product = store.find(Product.class, ids[idOrder[chain & (ORDER - 1)]]).orElseThrow();
        chain += 1 + (product.name().length() >>> 30);
        return product;
    }

    @Benchmark
    public Product rawMapGetThenRead() {
        Product product = raw.get(ids[idOrder[chain & (ORDER - 1)]]);
        chain += 1 + (product.name().length() >>> 30);
        return product;
    }
}
