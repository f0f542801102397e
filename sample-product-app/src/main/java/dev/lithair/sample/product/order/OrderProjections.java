package dev.lithair.sample.product.order;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.lithair.projection.Projection;

/** The aggregates Lithair maintains over orders, declared as beans so the starter registers them with the store. */
@Configuration(proxyBeanMethods = false)
public class OrderProjections {

    /** Per customer (username): order count and total spent, cancelled orders excluded. */
    public static final Projection<Order, String, CustomerSpending> SPENDING_BY_CUSTOMER = Projection
            .of("spendingByCustomer", Order.class, Order::customer, CustomerSpending.NONE, CustomerSpending::plus,
                    CustomerSpending::minus)
            // 0 orders is empty whatever the scale of the zero total (10.00 - 10.00 is 0.00, not 0).
            .emptyWhen(spending -> spending.orders() == 0);

    @Bean
    Projection<Order, String, CustomerSpending> spendingByCustomer() {
        return SPENDING_BY_CUSTOMER;
    }
}
