package dev.lithair.benchmarks.harness.eclipsestore;

import java.math.BigDecimal;

/** The harness product in EclipseStore's object graph: a plain mutable object, stored by reference. */
final class StoredProduct {

    final String id;
    String name;
    String category;
    BigDecimal price;
    int stock;

    StoredProduct(String id, String name, String category, BigDecimal price, int stock) {
        this.id = id;
        this.name = name;
        this.category = category;
        this.price = price;
        this.stock = stock;
    }
}
