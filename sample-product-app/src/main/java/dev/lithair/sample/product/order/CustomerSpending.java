package dev.lithair.sample.product.order;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What one customer has spent, over their orders that are not cancelled: an immutable value the
 * {@link OrderProjections#SPENDING_BY_CUSTOMER} projection maintains on every order event.
 *
 * @param orders     how many orders
 * @param totalSpent the sum of their totals
 */
public record CustomerSpending(long orders, BigDecimal totalSpent) {

    public static final CustomerSpending NONE = new CustomerSpending(0, BigDecimal.ZERO);

    CustomerSpending plus(Order order) {
        return order.status().counts() ? new CustomerSpending(orders + 1, totalSpent.add(order.total())) : this;
    }

    CustomerSpending minus(Order order) {
        return order.status().counts() ? new CustomerSpending(orders - 1, totalSpent.subtract(order.total())) : this;
    }

    /** The average order, to the cent; zero without orders. */
    public BigDecimal averageOrder() {
        return orders == 0 ? BigDecimal.ZERO.setScale(2)
                : totalSpent.divide(BigDecimal.valueOf(orders), 2, RoundingMode.HALF_EVEN);
    }
}
