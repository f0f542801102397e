package dev.lithair.benchmarks;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import org.springframework.aot.AotDetector;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.SpringProperties;

import dev.lithair.testsupport.TestDirectories;
import dev.lithair.benchmarks.springlayer.CatalogApplication;
import dev.lithair.benchmarks.springlayer.CatalogProduct;
import dev.lithair.benchmarks.springlayer.CatalogProductRepository;
import dev.lithair.spring.core.LithairTemplate;
import dev.lithair.spring.repository.support.LithairRepositoryFactoryBean;
import dev.lithair.store.EntityTable;
import dev.lithair.store.LithairStore;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.CommitResult;
import dev.lithair.store.spi.Operation;

/**
 * What the Spring layer costs on top of the engine, measured on one store in the same run:
 *
 * <ul>
 * <li>{@code repositorySave} ({@link CatalogProductRepository#save}) against {@code storeCommit}
 * ({@link LithairStore#commit} of one {@link Operation.Put}): both update an existing product
 * (cycling over {@value #PRODUCTS} ids, the price alternating, so every call is a real change);</li>
 * <li>{@code repositoryFindById} against {@code storeFind} ({@link LithairStore#find}) and
 * {@code tableGet} ({@link EntityTable#get}, the engine's lookup without the {@code Optional}).</li>
 * <li>{@code templateSave} and {@code templateFindById}: the same calls on the {@link LithairTemplate}
 * the repository delegates to, without the repository proxy and its interceptors, to tell where the
 * Spring layer's time goes.</li>
 * <li>{@code proxyFindById}: {@code findById} on a second repository of the same interface built as on
 * Spring AOT's generated artifacts or in a native image, where Spring Data's proxy answers every call
 * instead of the generated front class.</li>
 * </ul>
 *
 * <p>The application is a minimal Spring Boot context without web ({@link CatalogApplication}),
 * started once per fork on a fresh data directory. {@code fsync=never} measures the Spring layer:
 * the write returns once applied in memory and handed to the OS, so the disk is not on the path;
 * {@code fsync=always} shows what is left of the overhead next to a real force. One thread, average
 * time per call. The target is at most 1.3x for both pairs; {@link SpringLayerOverheadReport} prints
 * the ratios of the runs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SpringLayerOverheadBenchmark {

    static final int PRODUCTS = 10_000;
    static final String TYPE = "CatalogProduct";

    @Param({"never", "always"})
    public String fsync;

    private Path dataDir;
    private ConfigurableApplicationContext context;
    private CatalogProductRepository repository;
    private CatalogProductRepository proxyRepository;
    private LithairTemplate template;
    private LithairStore store;
    private EntityTable<CatalogProduct> table;
    /** Two versions of every product, differing in price: {@code [i]} and {@code [i + PRODUCTS]}. */
    private CatalogProduct[] versions;
    private String[] ids;
    private int next;

    @Setup(Level.Trial)
    public void start() throws IOException {
        dataDir = Files.createTempDirectory("lithair-spring-layer-");
        context = new SpringApplicationBuilder(CatalogApplication.class)
                .web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off", "logging.level.root=warn",
                        "lithair.data-dir=" + dataDir, "lithair.storage.fsync=" + fsync,
                        "lithair.storage.format=binary", "lithair.snapshot.every-events=0", MeterRegistryExcluded.PROPERTY)
                .run();
        repository = context.getBean(CatalogProductRepository.class);
        template = context.getBean(LithairTemplate.class);
        proxyRepository = springDataProxy(context, template);
        store = context.getBean(LithairStore.class);
        table = store.table(CatalogProduct.class);
        versions = new CatalogProduct[2 * PRODUCTS];
        ids = new String[PRODUCTS];
        List<Operation> load = new ArrayList<>(PRODUCTS);
        for (int i = 0; i < PRODUCTS; i++) {
            String id = "p" + i;
            ids[i] = id;
            versions[i] = new CatalogProduct(id, "Product " + i, BigDecimal.valueOf(1000 + i, 2), "category-" + i % 50);
            versions[i + PRODUCTS] = new CatalogProduct(id, "Product " + i, BigDecimal.valueOf(2000 + i, 2),
                    "category-" + i % 50);
            load.add(new Operation.Put(TYPE, id, versions[i]));
        }
        store.commit(new Commit(null, null, load));
        if (repository.count() != PRODUCTS || !repository.findById("p1").orElseThrow().equals(versions[1])) {
            throw new IllegalStateException("the catalogue was not loaded through the store as the repository sees it");
        }
    }

    /** The repository as a context running on Spring AOT's generated artifacts builds it: Spring Data's proxy. */
    private static CatalogProductRepository springDataProxy(ConfigurableApplicationContext context,
            LithairTemplate template) {
        LithairRepositoryFactoryBean<CatalogProductRepository, CatalogProduct, String> bean =
                new LithairRepositoryFactoryBean<>(CatalogProductRepository.class);
        bean.setLithairOperations(template);
        SpringProperties.setProperty(AotDetector.AOT_ENABLED, "true");
        try {
            context.getAutowireCapableBeanFactory().initializeBean(bean, "proxyCatalogProductRepository");
        } finally {
            SpringProperties.setProperty(AotDetector.AOT_ENABLED, null);
        }
        CatalogProductRepository proxy = bean.getObject();
        if (!Proxy.isProxyClass(proxy.getClass())) {
            throw new IllegalStateException("the second repository is not Spring Data's proxy: " + proxy.getClass());
        }
        return proxy;
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        context.close();
        TestDirectories.deleteRecursively(dataDir);
    }

    /** The next product version to write: every id in turn, each time with the other price. */
    private CatalogProduct nextVersion() {
        int n = next++;
        int index = n % PRODUCTS;
        return versions[(n / PRODUCTS) % 2 == 0 ? index + PRODUCTS : index];
    }

    private String nextId() {
        return ids[next++ % PRODUCTS];
    }

    @Benchmark
    public CatalogProduct repositorySave() {
        return repository.save(nextVersion());
    }

    @Benchmark
    public CommitResult storeCommit() {
        CatalogProduct product = nextVersion();
        return store.commit(Commit.of(new Operation.Put(TYPE, product.id(), product)));
    }

    @Benchmark
    public CatalogProduct templateSave() {
        return template.save(nextVersion(), null);
    }

    @Benchmark
    public Optional<CatalogProduct> templateFindById() {
        return template.findById(CatalogProduct.class, nextId());
    }

    @Benchmark
    public Optional<CatalogProduct> repositoryFindById() {
        return repository.findById(nextId());
    }

    @Benchmark
    public Optional<CatalogProduct> proxyFindById() {
        return proxyRepository.findById(nextId());
    }

    @Benchmark
    public Optional<CatalogProduct> storeFind() {
        return store.find(CatalogProduct.class, nextId());
    }

    @Benchmark
    public CatalogProduct tableGet() {
        return table.get(nextId());
    }
}
