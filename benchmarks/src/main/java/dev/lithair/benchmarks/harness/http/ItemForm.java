package dev.lithair.benchmarks.harness.http;

import java.math.BigDecimal;

/**
 * What a client sends to create or change an item; an update takes only name and price, the rest
 * of an item cannot change.
 */
public record ItemForm(String name, String category, BigDecimal price, String sku) {
}
