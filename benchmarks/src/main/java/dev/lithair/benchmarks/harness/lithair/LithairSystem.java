package dev.lithair.benchmarks.harness.lithair;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.lithair.benchmarks.MeterRegistryExcluded;
import dev.lithair.benchmarks.harness.Product;
import dev.lithair.benchmarks.harness.SystemUnderTest;
import dev.lithair.history.FieldChange;
import dev.lithair.store.LithairStore;

/**
 * Lithair for Spring through its {@code LithairRepository}, in a Spring Boot context without web,
 * binary log format, automatic snapshots off (the restart workload takes its own).
 */
public final class LithairSystem implements SystemUnderTest {

    private static final int LOAD_BATCH = 1000;

    private final String name;
    private final String fsync;
    private final boolean historized;
    private final ConfigurableApplicationContext context;
    private final LithairProductRepository products;
    private final HistorizedProductRepository historizedProducts;

    /**
     * @param fsync      {@code always}, {@code batch} or {@code never}
     * @param historized every price change kept ({@link HistorizedProduct}) or none ({@link LithairProduct})
     */
    public LithairSystem(Path dataDir, String fsync, boolean historized) {
        this.name = "lithair-" + fsync;
        this.fsync = fsync;
        this.historized = historized;
        this.context = start(dataDir, fsync);
        this.products = context.getBean(LithairProductRepository.class);
        this.historizedProducts = context.getBean(HistorizedProductRepository.class);
    }

    /** Starts the application on {@code dataDir}, recovering whatever it holds. */
    public static ConfigurableApplicationContext start(Path dataDir, String fsync) {
        return new SpringApplicationBuilder(LithairBenchApplication.class)
                .web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off", "logging.level.root=warn",
                        "lithair.data-dir=" + dataDir, "lithair.storage.fsync=" + fsync,
                        "lithair.storage.format=binary", "lithair.snapshot.every-events=0", MeterRegistryExcluded.PROPERTY)
                .run();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void create(Product product) {
        save(product);
    }

    @Override
    public void update(Product product) {
        save(product);
    }

    private void save(Product product) {
        if (historized) {
            historizedProducts.save(new HistorizedProduct(product.id(), product.name(), product.category(), product.price(),
                    product.stock()));
        } else {
            products.save(toEntity(product));
        }
    }

    private static LithairProduct toEntity(Product product) {
        return new LithairProduct(product.id(), product.name(), product.category(), product.price(), product.stock());
    }

    @Override
    public void loadAll(List<Product> all) {
        for (int from = 0; from < all.size(); from += LOAD_BATCH) {
            List<Product> batch = all.subList(from, Math.min(all.size(), from + LOAD_BATCH));
            if (historized) {
                historizedProducts.saveAll(batch.stream().map(p -> new HistorizedProduct(p.id(), p.name(), p.category(),
                        p.price(), p.stock())).toList());
            } else {
                products.saveAll(batch.stream().map(LithairSystem::toEntity).toList());
            }
        }
    }

    @Override
    public Product findById(String id) {
        if (historized) {
            return historizedProducts.findById(id).map(LithairSystem::toProduct).orElse(null);
        }
        return products.findById(id).map(LithairSystem::toProduct).orElse(null);
    }

    @Override
    public List<Product> findByCategory(String category, int limit) {
        List<Product> found = new ArrayList<>(limit);
        if (historized) {
            historizedProducts.findTop20ByCategory(category).forEach(p -> found.add(toProduct(p)));
        } else {
            products.findTop20ByCategory(category).forEach(p -> found.add(toProduct(p)));
        }
        return found.size() > limit ? found.subList(0, limit) : found;
    }

    @Override
    public List<BigDecimal> priceHistory(String id) {
        List<BigDecimal> prices = new ArrayList<>();
        for (FieldChange change : historizedProducts.history(id, "price")) {
            prices.add((BigDecimal) change.newValue());
        }
        return prices;
    }

    @Override
    public Product asOf(String id, Instant instant) {
        return historizedProducts.findById(id, instant).map(LithairSystem::toProduct).orElse(null);
    }

    private static Product toProduct(LithairProduct p) {
        return new Product(p.id(), p.name(), p.category(), p.price(), p.stock());
    }

    private static Product toProduct(HistorizedProduct p) {
        return new Product(p.id(), p.name(), p.category(), p.price(), p.stock());
    }

    /** The engine under the repositories, for what the repositories do not offer (a snapshot on demand). */
    public LithairStore store() {
        return context.getBean(LithairStore.class);
    }

    @Override
    public void close() {
        context.close();
    }
}
