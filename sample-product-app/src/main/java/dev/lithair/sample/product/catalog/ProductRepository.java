package dev.lithair.sample.product.catalog;

import java.math.BigDecimal;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;

import dev.lithair.spring.repository.LithairRepository;

/** The catalogue: derived queries are answered from the indexes declared on {@link Product}. */
public interface ProductRepository extends LithairRepository<Product, String> {

    /** From the hash index on {@code category}. */
    Page<Product> findByCategory(String category, Pageable pageable);

    /** From the sorted index on {@code price}; both bounds included. */
    Page<Product> findByPriceBetween(BigDecimal min, BigDecimal max, Pageable pageable);

    Page<Product> findByCategoryAndPriceBetween(String category, BigDecimal min, BigDecimal max, Pageable pageable);

    long countByCategory(String category);
}
