package dev.lithair.spring.repository.shop;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.repository.query.ListQueryByExampleExecutor;

import dev.lithair.spring.repository.LithairRepository;

public interface ProductRepository extends LithairRepository<Product, String>, ListQueryByExampleExecutor<Product>,
        ShelfPricing {

    List<Product> findByCategory(String category);

    Window<Product> findAllByCategoryOrderByPriceDesc(String category, ScrollPosition position, Limit limit);

    Window<Product> findBy(ScrollPosition position, Limit limit, Sort sort);

    Window<Product> findFirst5ByOwnerOrderByPriceAsc(String owner, ScrollPosition position);

    List<Product> findAllByCategory(String category, Sort sort);

    long countByCategory(String category);

    Product findOneByCategory(String category);

    int countByOwner(String owner);

    /** An interface projection. */
    interface NameAndPrice {
        String getName();

        BigDecimal getPrice();
    }

    List<NameAndPrice> findByOwnerOrderByNameAsc(String owner);

    /** A DTO projection. */
    record PriceTag(String name, BigDecimal price) {
    }

    List<PriceTag> findTop2ByOwnerOrderByPriceDesc(String owner);

    boolean existsBySku(String sku);

    Optional<Product> findBySku(String sku);

    long deleteByCategory(String category);

    List<Product> findByPriceBetween(BigDecimal low, BigDecimal high);

    List<Product> findByPriceGreaterThan(BigDecimal price);

    List<Product> findByPriceLessThanEqual(BigDecimal price);

    List<Product> findByCategoryIn(Collection<String> categories);

    List<Product> findByCategoryOrderByPriceDesc(String category);

    List<Product> findTop2ByCategoryOrderByPriceDesc(String category);

    Product findFirstByOrderByPriceAsc();

    List<Product> findTop3ByOrderByPriceDesc();

    List<Product> findByCategoryOrderByPriceAsc(String category, Limit limit);

    Page<Product> findByOwner(String owner, Pageable pageable);

    Slice<Product> findByActiveTrue(Pageable pageable);

    List<Product> findByCategoryAndPriceLessThan(String category, BigDecimal price);

    List<Product> findTop3ByCategoryAndPriceLessThan(String category, BigDecimal price);

    List<Product> findByCategoryOrOwner(String category, String owner);

    List<Product> findByNameStartingWithIgnoreCase(String prefix);

    List<Product> findByNameContaining(String part);

    List<Product> findByTagsContaining(String tag);

    Stream<Product> findByActiveFalse();

    /** Not indexed: answered by a scan, and named in a warning at start-up. */
    List<Product> findByName(String name);

    /** Not indexed: answered by a scan, and named in a warning at start-up. */
    List<Product> findByStockGreaterThan(int stock);
}
