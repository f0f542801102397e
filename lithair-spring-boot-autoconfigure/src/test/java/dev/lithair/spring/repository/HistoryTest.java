package dev.lithair.spring.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import dev.lithair.history.FieldChange;
import dev.lithair.spring.repository.shop.CurrentUser;
import dev.lithair.spring.repository.shop.Product;

class HistoryTest extends ShopTest {

    @Test
    void eachFieldKeepsTheHistoryItsPolicyDeclaresOldestFirst() {
        CurrentUser.actAs("ann");
        Product p = products.save(Product.of("h1", "Lamp", "lighting", "10"));
        p = products.save(p.withName("Desk lamp").withPrice("11"));
        p = products.save(p.withPrice("12").withCategory("office"));
        products.save(p.withPrice("13"));

        assertThat(products.history("h1", "name")).extracting(FieldChange::oldValue, FieldChange::newValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(null, "Lamp"),
                        org.assertj.core.groups.Tuple.tuple("Lamp", "Desk lamp"));
        assertThat(products.history("h1", "price")).extracting(FieldChange::newValue)
                .containsExactly(new BigDecimal("12"), new BigDecimal("13"));
        assertThat(products.history("h1", "category")).isEmpty();
        assertThat(products.history("h1", "launchedOn")).isEmpty();
        assertThat(products.history("h1", "name")).allSatisfy(change -> assertThat(change.actor()).isEqualTo("ann"));
        assertThat(products.history("h1")).extracting(FieldChange::field).containsOnly("name", "price");
    }

    @Test
    void theStateAtAPastInstantIsRebuiltFromTheRetainedHistory() {
        products.save(Product.of("h2", "Lamp", "lighting", "10"));
        Instant created = products.history("h2", "name").get(0).timestamp();

        assertThat(products.findById("h2", created.minusSeconds(60))).isEmpty();
        assertThat(products.findById("h2", created)).map(Product::name).contains("Lamp");
    }

    @Test
    void aPastStateTheHistoryCannotTellWholeIsRefusedNamingTheUnknownFields() {
        Product p = products.save(Product.of("h3", "Lamp", "lighting", "10"));
        Instant created = products.history("h3", "name").get(0).timestamp();
        p = products.save(p.withCategory("office"));
        products.save(p.withLaunchedOn(LocalDate.of(2026, 1, 1)).withStock(99));

        assertThatThrownBy(() -> products.findById("h3", created))
                .isInstanceOf(IncompleteHistoryException.class)
                .isInstanceOf(org.springframework.dao.DataRetrievalFailureException.class)
                .hasMessageContaining("category")
                .satisfies(e -> assertThat(((IncompleteHistoryException) e).unknownFields()).contains("category", "stock"));
    }

    @Test
    void aDeletedEntityKeepsItsHistory() {
        products.save(Product.of("h4", "Lamp", "lighting", "10"));
        products.deleteById("h4");

        assertThat(products.findById("h4")).isEmpty();
        assertThat(products.history("h4", "name")).extracting(FieldChange::newValue).containsExactly("Lamp");
    }

    @Test
    void anUnknownFieldIsRefused() {
        assertThatThrownBy(() -> products.history("h1", "colour"))
                .isInstanceOf(org.springframework.dao.InvalidDataAccessApiUsageException.class)
                .hasMessageContaining("colour");
    }
}
