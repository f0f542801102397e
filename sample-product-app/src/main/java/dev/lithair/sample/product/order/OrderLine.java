package dev.lithair.sample.product.order;

import java.math.BigDecimal;

/** One product of an order, at the price it had when the order was placed. */
public record OrderLine(String productId, String productName, BigDecimal unitPrice, int quantity) {

    public BigDecimal amount() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
}
