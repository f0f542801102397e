package dev.lithair.benchmarks.harness.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import dev.lithair.benchmarks.harness.Product;

/**
 * The Axon peer answers what the harness asks of it from its event store: commands become events,
 * the price history and the as-of state are read back from the aggregate's events. One system for
 * the class (opening one bootstraps Hibernate); each test uses products of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AxonSystemTest {

    private AxonSystem axon;

    @BeforeAll
    void open(@TempDir Path dataDir) {
        axon = new AxonSystem(dataDir);
    }

    @AfterAll
    void close() {
        axon.close();
    }

    @Test
    void price_changes_are_read_back_from_the_aggregate_events_oldest_first() {
        // given
        Product created = new Product("history-1", "Lamp", "lighting", new BigDecimal("10.00"), 5);
        axon.create(created);
        axon.update(created.withPrice(new BigDecimal("12.50")));
        axon.update(created.withPrice(new BigDecimal("9.99")));

        // when
        List<BigDecimal> prices = axon.priceHistory("history-1");

        // then
        assertThat(prices).containsExactly(new BigDecimal("10.00"), new BigDecimal("12.50"), new BigDecimal("9.99"));
        assertThat(axon.findById("history-1")).isEqualTo(created.withPrice(new BigDecimal("9.99")));
    }

    @Test
    void an_update_that_keeps_the_price_adds_no_price_change() {
        // given
        Product created = new Product("history-2", "Chair", "furniture", new BigDecimal("40.00"), 3);
        axon.create(created);

        // when: same price written with another scale, and another stock
        axon.update(new Product("history-2", "Chair", "furniture", new BigDecimal("40.0"), 2));

        // then
        assertThat(axon.priceHistory("history-2")).containsExactly(new BigDecimal("40.00"));
        assertThat(axon.findById("history-2").stock()).isEqualTo(2);
    }

    @Test
    void the_state_as_of_an_instant_replays_only_the_events_before_it() throws InterruptedException {
        // given
        Instant beforeCreation = Instant.now();
        Thread.sleep(5);
        Product created = new Product("asof-1", "Desk", "furniture", new BigDecimal("100.00"), 1);
        axon.create(created);
        axon.update(created.withPrice(new BigDecimal("110.00")));
        Thread.sleep(5);
        Instant between = Instant.now();
        Thread.sleep(5);
        axon.update(created.withPrice(new BigDecimal("120.00")));

        // when
        Product then = axon.asOf("asof-1", between);

        // then
        assertThat(then).isEqualTo(created.withPrice(new BigDecimal("110.00")));
        assertThat(axon.asOf("asof-1", beforeCreation)).isNull();
        assertThat(axon.findById("asof-1").price()).isEqualByComparingTo("120.00");
    }

    @Test
    void bulk_loaded_products_are_event_sourced_and_queryable_by_category() {
        // given
        List<Product> products = List.of(
                new Product("load-1", "Pen", "stationery", new BigDecimal("1.00"), 100),
                new Product("load-2", "Ink", "stationery", new BigDecimal("3.00"), 10),
                new Product("load-3", "Mug", "kitchen", new BigDecimal("6.00"), 7));

        // when
        axon.loadAll(products);
        axon.update(products.get(1).withPrice(new BigDecimal("3.50")));

        // then: the update loaded the aggregate from its bulk-loaded creation event
        assertThat(axon.priceHistory("load-2")).containsExactly(new BigDecimal("3.00"), new BigDecimal("3.50"));
        assertThat(axon.findByCategory("stationery", 20)).extracting(Product::id)
                .containsExactlyInAnyOrder("load-1", "load-2");
        assertThat(axon.findByCategory("stationery", 1)).hasSize(1);
        assertThat(axon.findById("load-3")).isEqualTo(products.get(2));
    }

    @Test
    void a_product_moved_to_another_category_is_found_there_only() {
        // given
        Product created = new Product("move-1", "Rug", "textiles", new BigDecimal("80.00"), 2);
        axon.create(created);

        // when
        axon.update(new Product("move-1", "Rug", "floor", new BigDecimal("80.00"), 2));

        // then
        assertThat(axon.findByCategory("textiles", 20)).extracting(Product::id).doesNotContain("move-1");
        assertThat(axon.findByCategory("floor", 20)).extracting(Product::id).containsExactly("move-1");
    }

    @Test
    void updating_an_unknown_product_fails_and_stores_nothing() {
        // when / then
        assertThatThrownBy(() -> axon.update(new Product("missing-1", "Ghost", "none", BigDecimal.ONE, 0)))
                .isInstanceOf(AggregateNotFoundException.class);
        assertThat(axon.findById("missing-1")).isNull();
        assertThat(axon.priceHistory("missing-1")).isEmpty();
    }
}
