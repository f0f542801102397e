package dev.lithair.sample.product.order;

import org.springframework.stereotype.Service;

import dev.lithair.store.LithairStore;

/**
 * Reads the per-customer spending projection: one hash lookup, whatever the number of orders.
 *
 * <p>The store is the only way the starter offers to read a projection (there is no repository method
 * for it), so this is the one class of the sample that uses {@link LithairStore}, and only its
 * {@code projections()}.
 */
@Service
public class CustomerAnalytics {

    private final LithairStore store;

    public CustomerAnalytics(LithairStore store) {
        this.store = store;
    }

    public CustomerSpending spendingOf(String username) {
        return store.projections().get(OrderProjections.SPENDING_BY_CUSTOMER, username);
    }
}
