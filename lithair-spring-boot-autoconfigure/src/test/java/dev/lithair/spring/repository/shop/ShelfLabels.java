package dev.lithair.spring.repository.shop;

import org.springframework.stereotype.Repository;

import dev.lithair.store.LithairStore;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;

/** Application code that writes to the store itself, in a {@code @Repository} bean. */
@Repository
public class ShelfLabels {

    private final LithairStore store;

    public ShelfLabels(LithairStore store) {
        this.store = store;
    }

    public void put(Product product) {
        store.commit(Commit.of(new Operation.Put("Product", product.id(), product)));
    }
}
