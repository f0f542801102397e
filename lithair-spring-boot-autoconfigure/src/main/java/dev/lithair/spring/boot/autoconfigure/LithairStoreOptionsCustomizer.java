package dev.lithair.spring.boot.autoconfigure;

import dev.lithair.store.StoreOptions;

/**
 * Changes the store options auto-configuration derived from {@code lithair.*} (for instance a clock for
 * event timestamps, or settings without a property). Beans of this type are applied in order.
 */
@FunctionalInterface
public interface LithairStoreOptionsCustomizer {

    /**
     * The options to use, derived from {@code options} (which are immutable).
     *
     * @param options the options so far
     * @return the options to use
     */
    StoreOptions customize(StoreOptions options);
}
