package dev.lithair.spring.repository.shop;

import dev.lithair.store.LithairStore;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;

/** Commits to the store directly: what it throws is the engine's own, unless the repository translates it. */
public class ShelfPricingImpl implements ShelfPricing {

    private final LithairStore store;

    public ShelfPricingImpl(LithairStore store) {
        this.store = store;
    }

    @Override
    public void putOnShelf(Product product) {
        store.commit(Commit.of(new Operation.Put("Product", product.id(), product)));
    }
}
