package dev.lithair.benchmarks.harness.axon;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.eventhandling.EventHandler;
import org.axonframework.queryhandling.QueryHandler;

import dev.lithair.benchmarks.harness.Product;

/**
 * The query side: the products' current state and a category index, kept in memory by a subscribing
 * event processor (so updated in the unit of work that stores the events, before it commits: a
 * command's caller reads its own write), and answered through Axon's query bus. Axon's write side
 * has no query by field; an application keeps a projection like this one (often in a database
 * table). It is not rebuilt at start-up: that would need a tracking processor replaying the event
 * store, which the harness does not measure.
 *
 * <p>Thread-safe: concurrent commands touch different products, and a product's events are handled
 * under its aggregate's lock.
 */
final class ProductProjection {

    private final Map<String, Product> products = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> idsByCategory = new ConcurrentHashMap<>();

    @EventHandler
    void on(ProductCreated event) {
        products.put(event.id(), new Product(event.id(), event.name(), event.category(), event.price(), event.stock()));
        idsByCategory.computeIfAbsent(event.category(), c -> ConcurrentHashMap.newKeySet()).add(event.id());
    }

    @EventHandler
    void on(ProductPriceChanged event) {
        products.computeIfPresent(event.id(), (id, product) -> product.withPrice(event.price()));
    }

    @EventHandler
    void on(ProductDetailsChanged event) {
        Product before = products.get(event.id());
        if (before == null) {
            return;
        }
        products.put(event.id(), new Product(event.id(), event.name(), event.category(), before.price(), event.stock()));
        if (!before.category().equals(event.category())) {
            idsByCategory.get(before.category()).remove(event.id());
            idsByCategory.computeIfAbsent(event.category(), c -> ConcurrentHashMap.newKeySet()).add(event.id());
        }
    }

    @QueryHandler
    Product handle(FindProduct query) {
        return products.get(query.id());
    }

    @QueryHandler
    List<Product> handle(FindProductsByCategory query) {
        List<Product> page = new ArrayList<>(query.limit());
        for (String id : idsByCategory.getOrDefault(query.category(), Set.of())) {
            if (page.size() == query.limit()) {
                break;
            }
            page.add(products.get(id));
        }
        return page;
    }
}
