package dev.lithair.benchmarks.harness;

import java.math.BigDecimal;

/**
 * The product every workload writes and reads, independent of any system: each system maps it to
 * its own entity (a Lithair record, a JPA entity, an Axon aggregate, an object in an EclipseStore
 * graph). Fifty categories; the category is the indexed field.
 */
public record Product(String id, String name, String category, BigDecimal price, int stock) {

    public static final int CATEGORIES = 50;

    /** Product number {@code n}, as first created. */
    public static Product created(String id, long n) {
        return new Product(id, "Product " + n, category(n), BigDecimal.valueOf(1000 + n % 90_000, 2), (int) (n % 100));
    }

    public static String category(long n) {
        return "category-" + n % CATEGORIES;
    }

    /** The same product with another price, as an update writes it. */
    public Product withPrice(BigDecimal newPrice) {
        return new Product(id, name, category, newPrice, stock);
    }
}
