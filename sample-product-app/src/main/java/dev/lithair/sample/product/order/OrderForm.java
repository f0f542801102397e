package dev.lithair.sample.product.order;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** An order as a customer sends it: products and quantities; prices come from the catalogue. */
public record OrderForm(@NotEmpty @Size(max = 50) List<@Valid @NotNull Item> lines) {

    public record Item(@NotBlank String productId, @Min(1) @Max(100) int quantity) {
    }
}
