package dev.lithair.benchmarks.harness.eclipsestore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import org.eclipse.store.storage.embedded.types.EmbeddedStorage;
import org.eclipse.store.storage.embedded.types.EmbeddedStorageManager;

import dev.lithair.benchmarks.harness.Product;
import dev.lithair.benchmarks.harness.SystemUnderTest;

/**
 * EclipseStore's embedded storage manager: the products are a Java object graph in the heap,
 * persisted by {@code store()} of what changed (a new product: the map segment that holds it; an
 * update: the product object). The graph is not thread-safe, so every write and read holds one
 * lock, as EclipseStore's documentation asks of concurrent applications. EclipseStore has no
 * secondary index: the category index is a map kept next to the graph, as an application would.
 */
public final class EclipseStoreSystem implements SystemUnderTest {

    private final EmbeddedStorageManager storage;
    private final CatalogRoot root;
    private final Map<String, List<StoredProduct>> byCategory = new HashMap<>();
    private final ReentrantLock lock = new ReentrantLock();

    public EclipseStoreSystem(Path dataDir) {
        CatalogRoot fresh = new CatalogRoot();
        storage = EmbeddedStorage.start(fresh, dataDir.resolve("eclipsestore"));
        root = (CatalogRoot) storage.root();
    }

    @Override
    public String name() {
        return "eclipsestore";
    }

    @Override
    public void create(Product p) {
        StoredProduct product = new StoredProduct(p.id(), p.name(), p.category(), p.price(), p.stock());
        lock.lock();
        try {
            root.products.put(product.id, product);
            storage.store(root.products);
            byCategory.computeIfAbsent(product.category, c -> new ArrayList<>()).add(product);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void update(Product p) {
        lock.lock();
        try {
            StoredProduct product = root.products.get(p.id());
            product.name = p.name();
            product.price = p.price();
            product.stock = p.stock();
            storage.store(product);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void loadAll(List<Product> products) {
        lock.lock();
        try {
            for (Product p : products) {
                StoredProduct product = new StoredProduct(p.id(), p.name(), p.category(), p.price(), p.stock());
                root.products.put(product.id, product);
                byCategory.computeIfAbsent(product.category, c -> new ArrayList<>()).add(product);
            }
            storage.store(root.products);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Product findById(String id) {
        lock.lock();
        try {
            StoredProduct product = root.products.get(id);
            return product == null ? null : toProduct(product);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Product> findByCategory(String category, int limit) {
        lock.lock();
        try {
            List<StoredProduct> all = byCategory.getOrDefault(category, List.of());
            List<Product> page = new ArrayList<>(Math.min(limit, all.size()));
            for (int i = 0; i < all.size() && i < limit; i++) {
                page.add(toProduct(all.get(i)));
            }
            return page;
        } finally {
            lock.unlock();
        }
    }

    private static Product toProduct(StoredProduct p) {
        return new Product(p.id, p.name, p.category, p.price, p.stock);
    }

    @Override
    public void close() {
        storage.shutdown();
    }
}
