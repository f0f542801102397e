package dev.lithair.spring.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;

import dev.lithair.spring.repository.shop.Product;
import dev.lithair.spring.repository.shop.ProductRepository;

class DerivedQueryTest extends ShopTest {

    @BeforeEach
    void givenACatalog() {
        products.saveAll(List.of(
                Product.of("lamp", "Desk lamp", "lighting", "25.00").withOwner("ann").withStock(3).withTags("desk"),
                Product.of("bulb", "Bulb", "lighting", "2.50").withOwner("bob").withStock(100),
                Product.of("spot", "Spotlight", "lighting", "40.00").withOwner("ann").withStock(0).withActive(false),
                Product.of("desk", "Oak desk", "furniture", "300.00").withOwner("ann").withStock(2).withTags("desk", "oak"),
                Product.of("chair", "Chair", "furniture", "80.00").withOwner("carl").withStock(12),
                Product.of("rug", "Rug", "textile", "120.00").withOwner("ann").withStock(5)));
    }

    private static List<String> ids(List<Product> found) {
        return found.stream().map(Product::id).toList();
    }

    @Test
    void findByAnIndexedPropertyReturnsEveryMatch() {
        assertThat(ids(products.findByCategory("lighting"))).containsExactlyInAnyOrder("lamp", "bulb", "spot");
        assertThat(products.findByCategory("garden")).isEmpty();
    }

    @Test
    void countByExistsByAndFindByAUniquePropertyAnswer() {
        assertThat(products.countByCategory("furniture")).isEqualTo(2);
        assertThat(products.existsBySku("SKU-rug")).isTrue();
        assertThat(products.existsBySku("SKU-none")).isFalse();
        assertThat(products.findBySku("SKU-desk")).map(Product::name).contains("Oak desk");
    }

    @Test
    void deleteByRemovesTheMatchesAndReturnsHowMany() {
        long deleted = products.deleteByCategory("lighting");

        assertThat(deleted).isEqualTo(3);
        assertThat(ids(products.findAll())).containsExactlyInAnyOrder("desk", "chair", "rug");
    }

    @Test
    void betweenGreaterThanAndLessThanEqualCompareWithTheBoundsConvertedToThePropertyType() {
        assertThat(ids(products.findByPriceBetween(new BigDecimal("25"), new BigDecimal("80"))))
                .containsExactlyInAnyOrder("lamp", "spot", "chair");
        assertThat(ids(products.findByPriceGreaterThan(new BigDecimal("120")))).containsExactly("desk");
        assertThat(ids(products.findByPriceLessThanEqual(new BigDecimal("25.0")))).containsExactlyInAnyOrder("lamp", "bulb");
        assertThat(ids(products.findByStockGreaterThan(10))).containsExactlyInAnyOrder("bulb", "chair");
    }

    @Test
    void inMatchesAnyOfTheValues() {
        assertThat(ids(products.findByCategoryIn(List.of("textile", "furniture"))))
                .containsExactlyInAnyOrder("desk", "chair", "rug");
    }

    @Test
    void orderByTopAndFirstOrderAndLimitTheResults() {
        assertThat(ids(products.findByCategoryOrderByPriceDesc("lighting"))).containsExactly("spot", "lamp", "bulb");
        assertThat(ids(products.findTop2ByCategoryOrderByPriceDesc("lighting"))).containsExactly("spot", "lamp");
        assertThat(products.findFirstByOrderByPriceAsc().id()).isEqualTo("bulb");
        assertThat(ids(products.findTop3ByOrderByPriceDesc())).containsExactly("desk", "rug", "chair");
        assertThat(ids(products.findByCategoryOrderByPriceAsc("lighting", Limit.of(2)))).containsExactly("bulb", "lamp");
    }

    @Test
    void aSortParameterOrdersTheResults() {
        assertThat(ids(products.findAllByCategory("lighting", Sort.by("name")))).containsExactly("bulb", "lamp", "spot");
        assertThat(ids(products.findAllByCategory("lighting", Sort.by(Sort.Direction.DESC, "stock"))))
                .containsExactly("bulb", "lamp", "spot");
    }

    @Test
    void aPageableQueryReturnsTheRequestedPageWithTheTotal() {
        Page<Product> first = products.findByOwner("ann", PageRequest.of(0, 3, Sort.by("price")));
        Page<Product> second = products.findByOwner("ann", PageRequest.of(1, 3, Sort.by("price")));

        assertThat(ids(first.getContent())).containsExactly("lamp", "spot", "rug");
        assertThat(ids(second.getContent())).containsExactly("desk");
        assertThat(first.getTotalElements()).isEqualTo(4);
        assertThat(second.isLast()).isTrue();
    }

    @Test
    void aSliceTellsWhetherMoreFollowsWithoutCounting() {
        Slice<Product> slice = products.findByActiveTrue(PageRequest.of(0, 4, Sort.by("id")));
        Slice<Product> last = products.findByActiveTrue(PageRequest.of(1, 4, Sort.by("id")));

        assertThat(ids(slice.getContent())).containsExactly("bulb", "chair", "desk", "lamp");
        assertThat(slice.hasNext()).isTrue();
        assertThat(ids(last.getContent())).containsExactly("rug");
        assertThat(last.hasNext()).isFalse();
    }

    @Test
    void andOrIgnoreCaseContainingAndBooleanKeywordsFilter() {
        assertThat(ids(products.findByCategoryAndPriceLessThan("lighting", new BigDecimal("30"))))
                .containsExactlyInAnyOrder("lamp", "bulb");
        assertThat(ids(products.findByCategoryOrOwner("textile", "carl"))).containsExactlyInAnyOrder("rug", "chair");
        assertThat(ids(products.findByNameStartingWithIgnoreCase("DESK"))).containsExactly("lamp");
        assertThat(ids(products.findByNameContaining("sk"))).containsExactlyInAnyOrder("lamp", "desk");
        assertThat(ids(products.findByTagsContaining("desk"))).containsExactlyInAnyOrder("lamp", "desk");
        try (Stream<Product> inactive = products.findByActiveFalse()) {
            assertThat(inactive.map(Product::id)).containsExactly("spot");
        }
        assertThat(ids(products.findByName("Rug"))).containsExactly("rug");
    }

    @Test
    void aSingleResultQueryWithOneMatchReturnsItAndWithSeveralFails() {
        assertThat(products.findOneByCategory("textile").id()).isEqualTo("rug");
        assertThat(products.findOneByCategory("garden")).isNull();
        assertThatThrownBy(() -> products.findOneByCategory("lighting"))
                .isInstanceOf(IncorrectResultSizeDataAccessException.class);
    }

    @Test
    void resultsAreProjectedOnInterfacesAndDtosAndCountsOnTheDeclaredType() {
        assertThat(products.findByOwnerOrderByNameAsc("ann"))
                .extracting(ProductRepository.NameAndPrice::getName).containsExactly("Desk lamp", "Oak desk", "Rug",
                        "Spotlight");
        assertThat(products.findTop2ByOwnerOrderByPriceDesc("ann")).containsExactly(
                new ProductRepository.PriceTag("Oak desk", new BigDecimal("300.00")),
                new ProductRepository.PriceTag("Rug", new BigDecimal("120.00")));
        assertThat(products.countByOwner("ann")).isEqualTo(4);
    }
}
