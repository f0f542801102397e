package dev.lithair.spring.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Example;
import org.springframework.data.domain.ExampleMatcher;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

import dev.lithair.spring.repository.shop.Product;

class QueryByExampleTest extends ShopTest {

    /** A probe: only what is set takes part (the primitives are ignored explicitly). */
    private static final ExampleMatcher SET_FIELDS = ExampleMatcher.matching().withIgnorePaths("stock", "active");

    @BeforeEach
    void givenACatalog() {
        products.saveAll(List.of(Product.of("lamp", "Desk lamp", "lighting", "25.00").withOwner("ann"),
                Product.of("bulb", "Bulb", "lighting", "2.50").withOwner("bob"),
                Product.of("desk", "Oak desk", "furniture", "300.00").withOwner("ann"),
                Product.of("chair", "Chair", "furniture", "80.00").withOwner("carl")));
    }

    private static Product probe() {
        return new Product(null, null, null, null, null, null, null, 0, false, null, null, null, null, null, null);
    }

    private static List<String> ids(Iterable<Product> found) {
        List<String> ids = new java.util.ArrayList<>();
        found.forEach(product -> ids.add(product.id()));
        return ids;
    }

    @Test
    void theSetPropertiesOfTheProbeMustAllMatch() {
        Product probe = probe().withCategory("furniture").withOwner("ann");

        assertThat(ids(products.findAll(Example.of(probe, SET_FIELDS)))).containsExactly("desk");
        assertThat(products.count(Example.of(probe, SET_FIELDS))).isEqualTo(1);
        assertThat(products.exists(Example.of(probe().withOwner("zoe"), SET_FIELDS))).isFalse();
    }

    @Test
    void anyMatchingStringMatchersAndIgnoreCaseWidenTheMatch() {
        ExampleMatcher any = ExampleMatcher.matchingAny().withIgnorePaths("stock", "active")
                .withMatcher("name", matcher -> matcher.endsWith().ignoreCase());

        List<Product> found = products.findAll(Example.of(probe().withName("DESK").withOwner("carl"), any),
                Sort.by("id"));

        assertThat(ids(found)).containsExactly("chair", "desk");
    }

    @Test
    void examplesPageAndRunFluently() {
        Example<Product> lighting = Example.of(probe().withCategory("lighting"), SET_FIELDS);

        assertThat(ids(products.findAll(lighting, PageRequest.of(0, 1, Sort.by("price"))))).containsExactly("bulb");
        assertThat(products.findBy(lighting, query -> query.sortBy(Sort.by("price").descending()).firstValue()).id())
                .isEqualTo("lamp");
        long count = products.findBy(lighting, query -> query.count());
        assertThat(count).isEqualTo(2);
        assertThat(products.findOne(Example.of(probe().withOwner("bob"), SET_FIELDS))).map(Product::id).contains("bulb");
    }
}
