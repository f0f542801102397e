package dev.lithair.benchmarks;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import org.springframework.context.support.GenericApplicationContext;

import dev.lithair.benchmarks.springlayer.CatalogApplication;
import dev.lithair.benchmarks.springlayer.CatalogProduct;
import dev.lithair.benchmarks.springlayer.CatalogProductRepository;
import dev.lithair.store.LithairStore;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;
import dev.lithair.testsupport.TestDirectories;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;

/**
 * What Lithair's observations ({@code lithair.repository}, {@code lithair.commit}) cost a repository
 * {@code save}, by the observation registry the application has:
 *
 * <ul>
 * <li>{@code none}: no {@code ObservationRegistry} bean (Spring Boot's left out, {@link MeterRegistryExcluded});</li>
 * <li>{@code noHandlers}: a registry with no handler (neither a tracer nor a meter registry): the target is
 * within 5% of {@code none};</li>
 * <li>{@code handler}: a registry with one handler that does nothing, so that every save is observed: what
 * the observations themselves cost, before any tracer's or meter's own work.</li>
 * </ul>
 *
 * <p>The save updates an existing product of the {@link CatalogApplication} (cycling over
 * {@value #PRODUCTS} ids, the price alternating, so every call is a real change), with
 * {@code fsync=never} so that the disk is not on the path and the difference is the Spring layer's. One
 * thread, average time per call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ObservationOverheadBenchmark {

    static final int PRODUCTS = 10_000;
    static final String TYPE = "CatalogProduct";
    @Param({"none", "noHandlers", "handler"})
    public String registry;

    private Path dataDir;
    private ConfigurableApplicationContext context;
    private CatalogProductRepository repository;
    /** Two versions of every product, differing in price: {@code [i]} and {@code [i + PRODUCTS]}. */
    private CatalogProduct[] versions;
    private int next;

    @Setup(Level.Trial)
    public void start() throws IOException {
        dataDir = Files.createTempDirectory("lithair-observations-");
        SpringApplicationBuilder application = new SpringApplicationBuilder(CatalogApplication.class)
                .web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off", "logging.level.root=warn",
                        "lithair.data-dir=" + dataDir, "lithair.storage.fsync=never",
                        "lithair.storage.format=binary", "lithair.snapshot.every-events=0", MeterRegistryExcluded.PROPERTY);
        if (!registry.equals("none")) {
            application.initializers(context -> ((GenericApplicationContext) context)
                    .registerBean(ObservationRegistry.class, this::observationRegistry));
        }
        context = application.run();
        repository = context.getBean(CatalogProductRepository.class);
        LithairStore store = context.getBean(LithairStore.class);
        versions = new CatalogProduct[2 * PRODUCTS];
        List<Operation> load = new ArrayList<>(PRODUCTS);
        for (int i = 0; i < PRODUCTS; i++) {
            String id = "p" + i;
            versions[i] = new CatalogProduct(id, "Product " + i, BigDecimal.valueOf(1000 + i, 2), "category-" + i % 50);
            versions[i + PRODUCTS] = new CatalogProduct(id, "Product " + i, BigDecimal.valueOf(2000 + i, 2),
                    "category-" + i % 50);
            load.add(new Operation.Put(TYPE, id, versions[i]));
        }
        store.commit(new Commit(null, null, load));
        // observed calls go through Spring Data's proxy; unobserved ones keep the base-method shortcut
        boolean throughProxy = Proxy.isProxyClass(repository.getClass());
        if (repository.count() != PRODUCTS || throughProxy != registry.equals("handler")) {
            throw new IllegalStateException("the catalogue was not loaded, or the repository is "
                    + (throughProxy ? "" : "not ") + "observed with registry=" + registry);
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        context.close();
        TestDirectories.deleteRecursively(dataDir);
    }

    @Benchmark
    public CatalogProduct repositorySave() {
        int n = next++;
        int index = n % PRODUCTS;
        return repository.save(versions[(n / PRODUCTS) % 2 == 0 ? index + PRODUCTS : index]);
    }

    /** A registry without handlers, or with one that ignores what it is given. */
    private ObservationRegistry observationRegistry() {
        ObservationRegistry observations = ObservationRegistry.create();
        if (registry.equals("handler")) {
            observations.observationConfig().observationHandler(new IgnoringHandler());
        }
        return observations;
    }

    /** Takes every observation and does nothing with it: the registry then observes every call. */
    static final class IgnoringHandler implements ObservationHandler<Observation.Context> {

        @Override
        public boolean supportsContext(Observation.Context context) {
            return true;
        }
    }
}
