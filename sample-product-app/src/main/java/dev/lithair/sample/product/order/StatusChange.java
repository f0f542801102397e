package dev.lithair.sample.product.order;

import jakarta.validation.constraints.NotNull;

/** A new status for an order, with the version the client read. */
public record StatusChange(@NotNull OrderStatus status, @NotNull Long version) {
}
