package dev.lithair.sample.product.order;

import java.util.function.Function;

import org.springframework.stereotype.Service;

import dev.lithair.spring.core.LithairOperations;
import dev.lithair.spring.core.LithairTemplate;
import dev.lithair.spring.tenancy.TenantOperations;
import dev.lithair.store.LithairStore;

/**
 * Reads the per-customer spending projection: one hash lookup, whatever the number of orders.
 *
 * <p>The store is the only way the starter offers to read a projection (there is no repository method
 * for it), so this is the one class of the sample that uses {@link LithairStore}, and only its
 * {@code projections()}. It reads the store the repositories work on: the one store, or with shops
 * ({@code tenants} profile) the current shop's, kept open while it reads.
 */
@Service
public class CustomerAnalytics {

    private final LithairOperations operations;

    public CustomerAnalytics(LithairOperations lithairTemplate) {
        this.operations = lithairTemplate;
    }

    public CustomerSpending spendingOf(String username) {
        Function<LithairStore, CustomerSpending> read = store -> store.projections()
                .get(OrderProjections.SPENDING_BY_CUSTOMER, username);
        if (operations instanceof TenantOperations shops) {
            return shops.onCurrentTenantStore(read);
        }
        return read.apply(((LithairTemplate) operations).store());
    }
}
