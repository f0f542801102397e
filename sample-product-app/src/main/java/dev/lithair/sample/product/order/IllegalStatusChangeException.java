package dev.lithair.sample.product.order;

/** A status change the order's life does not allow (a delivered order cannot be cancelled, ...). */
public class IllegalStatusChangeException extends RuntimeException {

    public IllegalStatusChangeException(OrderStatus from, OrderStatus to) {
        super("An order " + from + " cannot become " + to);
    }
}
