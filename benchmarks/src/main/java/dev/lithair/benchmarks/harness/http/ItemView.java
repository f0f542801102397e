package dev.lithair.benchmarks.harness.http;

import java.math.BigDecimal;

/** An item as the API answers it, whatever stores it. */
public record ItemView(String id, String name, String category, BigDecimal price, String sku, Long version) {
}
