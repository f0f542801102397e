package dev.lithair.benchmarks;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

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
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;

import dev.lithair.benchmarks.rankedpages.RankedPagesApplication;
import dev.lithair.benchmarks.rankedpages.RankedProduct;
import dev.lithair.benchmarks.rankedpages.RankedProductRepository;
import dev.lithair.store.LithairStore;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;
import dev.lithair.testsupport.TestDirectories;

/**
 * A page of {@value #PAGE} products ordered by a sorted-indexed price, through the repository, at
 * 10K and 1M products: the page should cost the same whatever the store's size (target: the 1M/10K
 * ratio at most 1.5).
 *
 * <ul>
 * <li>{@code topOfCategoryByPrice}: {@code findTop20ByCategoryOrderByPriceDesc} for a random one of
 * {@value #CATEGORIES} categories, answered by walking the price index and checking the category of
 * each product met (about {@value #CATEGORIES} products read per match), not by fetching and sorting
 * the category's tenth of the store.</li>
 * <li>{@code keysetWindowByPrice}: {@code findAllByOrderByPriceDesc(position, Limit.of(20))} from the
 * position of a random product, as the next window of a scroll reads; {@code keysetWindowByPriceAscending}
 * the same in ascending order. The JDK's skip list has no backward links, so each step of a descending
 * walk is a search from the top (O(log n)), while an ascending step follows a link (O(1)).</li>
 * <li>{@code wholeCategorySortedThenCut}: the baseline, the same page as {@code topOfCategoryByPrice}
 * taken from {@code findAllByCategory(category, Sort.by(DESC, "price"))}, which fetches and sorts the
 * whole category, as ordered first pages were answered before they walked the index.</li>
 * </ul>
 *
 * <p>The store is loaded with {@code fsync=never} and commits of {@value #BATCH} puts. One thread,
 * average time per call.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar OrderedFirstPage -f 1 -wi 2 -w 2s -i 5 -r 2s}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class OrderedFirstPageBenchmark {

    static final int PAGE = 20;
    static final int CATEGORIES = 10;
    static final int BATCH = 10_000;
    private static final Sort BY_PRICE_DESC = Sort.by(Sort.Direction.DESC, "price");
    /** Length of the precomputed draw order; a power of two. */
    private static final int ORDER = 1 << 12;

    @Param({"10000", "1000000"})
    public int size;

    private Path dataDir;
    private ConfigurableApplicationContext context;
    private RankedProductRepository repository;
    private String[] categoryDraws;
    private ScrollPosition[] positionDraws;
    private int cursor;

    @Setup(Level.Trial)
    public void start() throws IOException {
        dataDir = Files.createTempDirectory("lithair-ordered-page-");
        context = new SpringApplicationBuilder(RankedPagesApplication.class)
                .web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off", "logging.level.root=warn",
                        "lithair.data-dir=" + dataDir, "lithair.storage.fsync=never",
                        "lithair.storage.format=binary", "lithair.snapshot.every-events=0", MeterRegistryExcluded.PROPERTY)
                .run();
        repository = context.getBean(RankedProductRepository.class);
        LithairStore store = context.getBean(LithairStore.class);
        Random random = new Random(42);
        List<RankedProduct> products = new ArrayList<>(size);
        List<Operation> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < size; i++) {
            RankedProduct product = new RankedProduct("p" + i, "Product " + i,
                    BigDecimal.valueOf(100 + random.nextInt(100_000), 2), "category-" + i % CATEGORIES);
            products.add(product);
            batch.add(new Operation.Put("RankedProduct", product.id(), product));
            if (batch.size() == BATCH || i == size - 1) {
                store.commit(new Commit(null, null, batch));
                batch = new ArrayList<>(BATCH);
            }
        }
        categoryDraws = new String[ORDER];
        positionDraws = new ScrollPosition[ORDER];
        for (int i = 0; i < ORDER; i++) {
            categoryDraws[i] = "category-" + random.nextInt(CATEGORIES);
            RankedProduct from = products.get(random.nextInt(size));
            positionDraws[i] = ScrollPosition.forward(Map.of("price", from.price(), "id", from.id()));
        }
        if (repository.count() != size || repository.findTop20ByCategoryOrderByPriceDesc("category-0").size() != PAGE) {
            throw new IllegalStateException("the catalogue was not loaded as expected");
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        context.close();
        TestDirectories.deleteRecursively(dataDir);
    }

    @Benchmark
    public List<RankedProduct> topOfCategoryByPrice() {
        return repository.findTop20ByCategoryOrderByPriceDesc(categoryDraws[cursor++ & (ORDER - 1)]);
    }

    @Benchmark
    public Window<RankedProduct> keysetWindowByPriceAscending() {
        return repository.findAllByOrderByPriceAsc(positionDraws[cursor++ & (ORDER - 1)], Limit.of(PAGE));
    }

    @Benchmark
    public List<RankedProduct> wholeCategorySortedThenCut() {
        return repository.findAllByCategory(categoryDraws[cursor++ & (ORDER - 1)], BY_PRICE_DESC).subList(0, PAGE);
    }

    @Benchmark
    public Window<RankedProduct> keysetWindowByPrice() {
        return repository.findAllByOrderByPriceDesc(positionDraws[cursor++ & (ORDER - 1)], Limit.of(PAGE));
    }
}
