package dev.lithair.benchmarks.harness;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One system the harness compares, opened on its own data directory in the current process. Every
 * method may be called from many threads at once; {@link #loadAll} only before the workload starts.
 * A system answers what it can: the history methods throw {@link UnsupportedOperationException}
 * where the system keeps no history, and the report shows "n/a" with the exception's message.
 */
public interface SystemUnderTest extends AutoCloseable {

    /** The system's name in the report, e.g. {@code lithair-always}. */
    String name();

    /** Creates a product, durably as {@link SystemsUnderTest#durability} says, before returning. */
    void create(Product product);

    /** Replaces an existing product, durably as {@link SystemsUnderTest#durability} says, before returning. */
    void update(Product product);

    /** Loads many products fast (batches where the system has them), for the read workloads. */
    void loadAll(List<Product> products);

    /** The product with this id, or {@code null}. */
    Product findById(String id);

    /** Up to {@code limit} products of a category, in any order, as a first page does. */
    List<Product> findByCategory(String category, int limit);

    /** Every price the product has had, oldest first. */
    default List<BigDecimal> priceHistory(String id) {
        throw new UnsupportedOperationException(name() + " keeps no history");
    }

    /** The product as it was at {@code instant}, or {@code null} when it did not exist yet. */
    default Product asOf(String id, Instant instant) {
        throw new UnsupportedOperationException(name() + " keeps no history");
    }

    @Override
    void close();
}
