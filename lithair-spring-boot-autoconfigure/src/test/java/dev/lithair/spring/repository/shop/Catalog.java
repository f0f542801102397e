package dev.lithair.spring.repository.shop;

import java.util.List;
import java.util.function.Consumer;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Application code using the repositories in transactions. */
@Service
public class Catalog {

    private final ProductRepository products;

    public Catalog(ProductRepository products) {
        this.products = products;
    }

    /** Saves all, then lets {@code inside} look at the store before the method returns. */
    @Transactional
    public List<Product> addAll(List<Product> added, Runnable inside) {
        List<Product> saved = added.stream().map(products::save).toList();
        inside.run();
        return saved;
    }

    /** Saves all, then fails. */
    @Transactional
    public void addAllThenFail(List<Product> added) {
        added.forEach(products::save);
        throw new IllegalStateException("payment refused");
    }

    /** Saves, deletes and reads in one transaction, handing what it reads to {@code reads}. */
    @Transactional
    public void reprice(String id, String price, String deletedId, Consumer<Object[]> reads) {
        Product product = products.findById(id).orElseThrow();
        Product saved = products.save(product.withPrice(price));
        products.deleteById(deletedId);
        reads.accept(new Object[] {saved, products.findById(id).orElseThrow(), products.findById(deletedId),
                products.findByCategory(product.category()), products.count()});
    }

    /** Saves every product with the same idempotency key, in one transaction. */
    @Transactional
    public void importBatch(List<Product> batch, String key) {
        batch.forEach(product -> products.save(product, key));
    }

    @Transactional(readOnly = true)
    public long countReadOnly() {
        return products.count();
    }
}
