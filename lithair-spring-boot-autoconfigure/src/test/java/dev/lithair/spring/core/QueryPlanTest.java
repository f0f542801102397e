package dev.lithair.spring.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.data.core.PropertyPath;
import org.springframework.data.domain.Sort;
import org.springframework.data.repository.query.parser.Part;

import dev.lithair.spring.repository.shop.Product;

class QueryPlanTest {

    private static final Set<String> HASHED = Set.of("category", "owner", "sku");
    private static final Set<String> SORTED = Set.of("price");

    private static Condition condition(String property, Part.Type type, Object... arguments) {
        return new Condition(PropertyPath.from(property, Product.class), type, new ArrayList<>(List.of(arguments)),
                false);
    }

    private static QueryPlan plan(List<List<Condition>> branches, Sort sort, boolean limited) {
        return QueryPlan.of("Product", branches, sort, limited, HASHED::contains, SORTED::contains);
    }

    @Test
    void anEqualityOnAnIndexedFieldIsAnsweredByTheIndexWhateverElseTheBranchAsks() {
        QueryPlan plan = plan(List.of(List.of(condition("stock", Part.Type.GREATER_THAN, 1),
                condition("category", Part.Type.SIMPLE_PROPERTY, "lighting"))), Sort.unsorted(), false);

        assertThat(plan.scans()).isFalse();
        assertThat(plan.branches()).singleElement().satisfies(access -> {
            assertThat(access.access()).isEqualTo(QueryPlan.Access.EQUAL);
            assertThat(access.condition().indexableField()).isEqualTo("category");
        });
    }

    @Test
    void aRangeNeedsASortedIndexAndSaysSoWhenThereIsNone() {
        QueryPlan onPrice = plan(List.of(List.of(condition("price", Part.Type.BETWEEN, BigDecimal.ONE, BigDecimal.TEN))),
                Sort.unsorted(), false);
        QueryPlan onStock = plan(List.of(List.of(condition("stock", Part.Type.LESS_THAN, 5))), Sort.unsorted(), false);

        assertThat(onPrice.branches().get(0).access()).isEqualTo(QueryPlan.Access.RANGE);
        assertThat(onStock.scans()).isTrue();
        assertThat(onStock.scanReasons()).containsExactly("Product.stock has no @Indexed(sorted = true)");
    }

    @Test
    void anOrScansAsSoonAsOneOfItsBranchesCannotUseAnIndex() {
        QueryPlan plan = plan(List.of(List.of(condition("owner", Part.Type.SIMPLE_PROPERTY, "ann")),
                List.of(condition("name", Part.Type.SIMPLE_PROPERTY, "Lamp"))), Sort.unsorted(), false);

        assertThat(plan.scans()).isTrue();
        assertThat(plan.scanReasons()).containsExactly("Product.name has no @Indexed");
    }

    @Test
    void ignoringCaseNestedPathsAndSubstringsCannotUseAnIndex() {
        QueryPlan plan = plan(List.of(
                List.of(new Condition(PropertyPath.from("category", Product.class), Part.Type.SIMPLE_PROPERTY,
                        List.of("x"), true)),
                List.of(condition("sku", Part.Type.CONTAINING, "x"))), Sort.unsorted(), false);

        assertThat(plan.scanReasons()).containsExactly(
                "Product.category is compared ignoring case (indexes compare exact values)",
                "Product.sku Containing cannot use an index (indexes answer equality, In, IsNull, True and False, "
                        + "and ranges when sorted)");
    }

    @Test
    void aTopNWithoutConditionsReadsASortedIndexInOrderOrScans() {
        QueryPlan byPrice = plan(List.of(), Sort.by(Sort.Direction.DESC, "price"), true);
        QueryPlan byStock = plan(List.of(), Sort.by("stock"), true);
        QueryPlan everything = plan(List.of(), Sort.by("stock"), false);

        assertThat(byPrice.orderedBy()).isEqualTo("price");
        assertThat(byPrice.scans()).isFalse();
        assertThat(byStock.scans()).isTrue();
        assertThat(everything.scans()).isFalse();
    }
}
