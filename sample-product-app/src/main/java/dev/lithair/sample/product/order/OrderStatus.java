package dev.lithair.sample.product.order;

import java.util.EnumSet;
import java.util.Set;

/** Where an order is in its life; each status says which may follow it. */
public enum OrderStatus {
    DELIVERED, CANCELLED, SHIPPED, PAID, PLACED;

    static {
        DELIVERED.next = EnumSet.noneOf(OrderStatus.class);
        CANCELLED.next = EnumSet.noneOf(OrderStatus.class);
        SHIPPED.next = EnumSet.of(DELIVERED);
        PAID.next = EnumSet.of(SHIPPED, CANCELLED);
        PLACED.next = EnumSet.of(PAID, CANCELLED);
    }

    private Set<OrderStatus> next;

    public boolean mayBecome(OrderStatus status) {
        return next.contains(status);
    }

    /** A cancelled order counts in no customer's spending. */
    public boolean counts() {
        return this != CANCELLED;
    }
}
