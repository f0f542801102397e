package dev.lithair.benchmarks.harness.http;

import java.math.BigDecimal;

/**
 * What a client sends to create or change an item; an update takes only name and price, the rest
 * of an item cannot change.
 */
public record ItemForm(String name, String category, BigDecimal price, String sku) {

    /** The item stored under {@code id} before a load starts, the same on every system. */
    public static ItemForm preloaded(String id) {
        return new ItemForm("Item " + id, "category-" + Math.floorMod(id.hashCode(), 50), new BigDecimal("10.00"),
                "sku-" + id);
    }
}
