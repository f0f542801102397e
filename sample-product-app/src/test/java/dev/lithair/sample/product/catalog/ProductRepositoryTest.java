package dev.lithair.sample.product.catalog;

import static dev.lithair.sample.product.catalog.Product.newProduct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.lithair.history.FieldChange;
import dev.lithair.spring.test.DataLithairTest;

/**
 * The catalogue's repository on its own: no web layer, no security, a temporary store, and each test's
 * saves rolled back at its end, except where a test needs what only a commit does.
 */
@DataLithairTest
class ProductRepositoryTest {

    @Autowired
    ProductRepository products;

    @Test
    void productsAreFoundByTheirCategoryAndPriceRange() {
        products.saveAll(List.of(newProduct("p1", "Dune", "books", new BigDecimal("9.90")),
                newProduct("p2", "Emma", "books", new BigDecimal("14.50")),
                newProduct("p3", "Go", "games", new BigDecimal("30.00"))));

        assertThat(products.findByCategory("books", PageRequest.of(0, 10, Sort.by("name"))))
                .extracting(Product::name).containsExactly("Dune", "Emma");
        assertThat(products.countByCategory("books")).isEqualTo(2);
        assertThat(products.findByPriceBetween(new BigDecimal("10"), new BigDecimal("30"), PageRequest.of(0, 10)))
                .extracting(Product::id).containsExactlyInAnyOrder("p2", "p3");
        assertThat(products.findByCategoryAndPriceBetween("books", BigDecimal.ZERO, BigDecimal.TEN,
                PageRequest.of(0, 10))).extracting(Product::id).containsExactly("p1");
    }

    @Test
    void aSavedProductIsAuditedAndVersioned() {
        Product saved = products.save(newProduct(null, "Dune", "books", new BigDecimal("9.90")));

        assertThat(saved.id()).isNotBlank();
        assertThat(saved.createdAt()).isNotNull();
        assertThat(saved.version()).isNotNull();
        assertThat(products.findById(saved.id())).contains(saved);
    }

    @Test
    void whatOtherTestsSavedIsRolledBack() {
        assertThat(products.countByCategory("books")).isZero();
        assertThat(products.countByCategory("games")).isZero();
        assertThat(products.findAll()).extracting(Product::category).doesNotContain("books", "games");
    }

    /** History is of committed changes, and versions are checked at commit: this test commits each save. */
    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void everyPriceChangeIsKeptAndAStaleUpdateIsRefused() {
        Product created = products.save(newProduct("history-1", "Lamp", "history-lamps", new BigDecimal("20.00")));
        Product cheaper = products.save(created.edited("Lamp", "history-lamps", new BigDecimal("18.00"),
                created.version()));
        products.save(cheaper.edited("Lamp", "history-lamps", new BigDecimal("15.00"), cheaper.version()));

        assertThat(products.history("history-1", "price")).extracting(FieldChange::newValue)
                .containsExactly(new BigDecimal("20.00"), new BigDecimal("18.00"), new BigDecimal("15.00"));
        assertThatThrownBy(() -> products.save(created.edited("Lamp", "history-lamps", BigDecimal.ONE,
                created.version()))).isInstanceOf(OptimisticLockingFailureException.class);
        assertThat(products.findById("history-1")).map(Product::price).contains(new BigDecimal("15.00"));
    }
}
