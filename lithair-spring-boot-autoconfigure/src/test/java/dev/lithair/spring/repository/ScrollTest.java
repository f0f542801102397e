package dev.lithair.spring.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;

import dev.lithair.spring.boot.autoconfigure.LithairRepositoriesAutoConfiguration;
import dev.lithair.spring.boot.autoconfigure.LithairTransactionAutoConfiguration;
import dev.lithair.spring.repository.shop.Product;
import dev.lithair.spring.repository.shop.ProductRepository;

/** Derived queries returning a {@link Window}, scrolled by keyset or by offset. */
class ScrollTest {

    @TempDir
    Path dataDir;

    private void withShop(Consumer<ProductRepository> test) {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LithairRepositoriesAutoConfiguration.class,
                        LithairTransactionAutoConfiguration.class))
                .withPropertyValues("shop.data-dir=" + dataDir)
                .withUserConfiguration(RepositoryConfigurationTest.ScannedShop.class)
                .run(context -> test.accept(context.getBean(ProductRepository.class)));
    }

    /** 60 products in 3 categories; prices repeat (0 to 9), so ties are broken by the id. */
    private static void catalog(ProductRepository products) {
        List<Product> all = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            all.add(Product.of(String.format("p%02d", i), "Item " + i, "c" + (i % 3), String.valueOf(i % 10))
                    .withOwner(i % 2 == 0 ? "ann" : "bob"));
        }
        products.saveAll(all);
    }

    /** Every window from {@code first} on, following each window's last position. */
    private static List<Window<Product>> scrollAll(Function<ScrollPosition, Window<Product>> query,
            ScrollPosition first) {
        List<Window<Product>> windows = new ArrayList<>();
        Window<Product> window = query.apply(first);
        windows.add(window);
        while (window.hasNext()) {
            window = query.apply(window.positionAt(window.size() - 1));
            windows.add(window);
        }
        return windows;
    }

    private static List<String> ids(List<Window<Product>> windows) {
        return windows.stream().flatMap(w -> w.getContent().stream()).map(Product::id).toList();
    }

    private static final Comparator<Product> BY_PRICE_DESC_THEN_ID_DESC = Comparator
            .comparing(Product::price).thenComparing(Product::id).reversed();

    @Test
    void aKeysetScrollReturnsEveryMatchOnceInTheQuerysOrderWithTiesBrokenByTheId() {
        withShop(products -> {
            catalog(products);
            List<Window<Product>> windows = scrollAll(
                    position -> products.findAllByCategoryOrderByPriceDesc("c1", position, Limit.of(7)),
                    ScrollPosition.keyset());

            List<String> expected = products.findByCategory("c1").stream().sorted(BY_PRICE_DESC_THEN_ID_DESC)
                    .map(Product::id).toList();
            assertThat(expected).hasSize(20);
            assertThat(ids(windows)).containsExactlyElementsOf(expected);
            assertThat(windows).hasSize(3);
            assertThat(windows.get(0).size()).isEqualTo(7);
            assertThat(windows.get(2).hasNext()).isFalse();
            Product last = windows.get(0).getContent().get(6);
            assertThat(windows.get(0).positionAt(6))
                    .isEqualTo(ScrollPosition.forward(Map.of("price", last.price(), "id", last.id())));
        });
    }

    @Test
    void aScrollOrderedByAnUnindexedPropertyGivesTheSameWindowsByAScan() {
        withShop(products -> {
            catalog(products);
            Sort byName = Sort.by(Sort.Direction.DESC, "name");
            List<String> scrolled = ids(scrollAll(position -> products.findBy(position, Limit.of(11), byName),
                    ScrollPosition.keyset()));

            assertThat(scrolled).containsExactlyElementsOf(
                    products.findAll(byName).stream().map(Product::id).toList());
        });
    }

    @Test
    void scrollingBackwardFromAPositionGivesThePreviousWindowInTheQuerysOrder() {
        withShop(products -> {
            catalog(products);
            Sort byPrice = Sort.by("price");
            List<Window<Product>> forward = scrollAll(position -> products.findBy(position, Limit.of(8), byPrice),
                    ScrollPosition.keyset());
            Window<Product> third = forward.get(2);

            Window<Product> back = products.findBy(
                    ScrollPosition.backward(((org.springframework.data.domain.KeysetScrollPosition) third.positionAt(0))
                            .getKeys()), Limit.of(8), byPrice);

            assertThat(back.getContent()).containsExactlyElementsOf(forward.get(1).getContent());
            assertThat(back.hasNext()).isTrue();
            Window<Product> first = products.findBy(back.positionAt(0), Limit.of(8), byPrice);
            assertThat(first.getContent()).containsExactlyElementsOf(forward.get(0).getContent());
            assertThat(first.hasNext()).isFalse();
        });
    }

    @Test
    void offsetWindowsFollowOneAnotherAndTellTheirPositions() {
        withShop(products -> {
            catalog(products);
            Sort byPrice = Sort.by(Sort.Direction.DESC, "price");
            List<Window<Product>> windows = scrollAll(position -> products.findBy(position, Limit.of(25), byPrice),
                    ScrollPosition.offset());

            assertThat(windows).extracting(Window::size).containsExactly(25, 25, 10);
            assertThat(ids(windows)).containsExactlyElementsOf(
                    products.findAll(byPrice).stream().map(Product::id).toList());
            assertThat(windows.get(1).positionAt(0)).isEqualTo(ScrollPosition.offset(25));
            assertThat(windows.get(0).hasNext()).isTrue();
            assertThat(windows.get(2).hasNext()).isFalse();
        });
    }

    @Test
    void aTopNMethodScrollsInWindowsOfN() {
        withShop(products -> {
            catalog(products);
            List<Window<Product>> windows = scrollAll(position -> products.findFirst5ByOwnerOrderByPriceAsc("ann",
                    position), ScrollPosition.keyset());

            assertThat(windows).hasSize(6).allSatisfy(window -> assertThat(window.size()).isEqualTo(5));
            assertThat(ids(windows)).containsExactlyElementsOf(products.findAll(Sort.by("price")).stream()
                    .filter(p -> p.owner().equals("ann")).map(Product::id).toList());
        });
    }

    @Test
    void aKeysetPositionLackingAKeyIsRefusedNamingIt() {
        withShop(products -> {
            catalog(products);
            assertThatThrownBy(() -> products.findAllByCategoryOrderByPriceDesc("c1",
                    ScrollPosition.forward(Map.of("price", new BigDecimal("5"))), Limit.of(5)))
                    .isInstanceOf(InvalidDataAccessApiUsageException.class).hasMessageContaining("has no id")
                    .hasMessageContaining("[price, id]");
            assertThatThrownBy(() -> products.findAllByCategoryOrderByPriceDesc("c1", null, Limit.of(5)))
                    .isInstanceOf(InvalidDataAccessApiUsageException.class).hasMessageContaining("ScrollPosition");
        });
    }

    @Test
    void aPositionThatWentThroughJsonStillScrolls() {
        withShop(products -> {
            catalog(products);
            Window<Product> first = products.findAllByCategoryOrderByPriceDesc("c0", ScrollPosition.keyset(), Limit.of(4));
            Product last = first.getContent().get(3);

            Window<Product> next = products.findAllByCategoryOrderByPriceDesc("c0",
                    ScrollPosition.forward(Map.of("price", last.price().toPlainString(), "id", last.id())),
                    Limit.of(4));

            assertThat(next.getContent()).containsExactlyElementsOf(products
                    .findAllByCategoryOrderByPriceDesc("c0", first.positionAt(3), Limit.of(4)).getContent());
        });
    }

    /**
     * A scroll over 100,000 products by price while a writer creates, reprices, renames and deletes
     * others: every product that exists from start to end with an unchanged price is returned exactly
     * once, and the returned (price, id) pairs strictly follow the order, so no product is returned
     * twice under one price.
     */
    @Test
    void aKeysetScrollUnderConcurrentWritesReturnsEveryStableEntityExactlyOnce() {
        withShop(products -> {
            int stableCount = 100_000;
            List<Product> batch = new ArrayList<>();
            for (int i = 0; i < stableCount; i++) {
                batch.add(Product.of("s" + i, "Stable " + i, "c" + (i % 10), String.valueOf(i % 1000)));
                if (batch.size() == 10_000) {
                    products.saveAll(batch);
                    batch.clear();
                }
            }
            for (int i = 0; i < 2_000; i++) {
                batch.add(Product.of("v" + i, "Volatile " + i, "c0", String.valueOf(i % 1000)));
            }
            products.saveAll(batch);

            AtomicBoolean scrolling = new AtomicBoolean(true);
            AtomicInteger writes = new AtomicInteger();
            CountDownLatch writing = new CountDownLatch(1);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                int round = 0;
                while (scrolling.get()) {
                    round++;
                    String volatileId = "v" + (round % 2_000);
                    products.findById(volatileId).ifPresentOrElse(
                            v -> products.save(v.withPrice(String.valueOf((Integer.parseInt(v.price().toPlainString())
                                    + 337) % 1000))),
                            () -> products.save(Product.of(volatileId, "Back", "c0", "500")));
                    products.save(Product.of("new" + round, "New", "c1", String.valueOf(round % 1000)));
                    if (round % 3 == 0) {
                        products.deleteById("v" + ((round * 7) % 2_000));
                    }
                    products.findById("s" + (round % stableCount)).ifPresent(s -> products.save(s.withName("Renamed")));
                    writes.addAndGet(4);
                    writing.countDown();
                }
            });
            try {
                assertThat(writing.await(30, TimeUnit.SECONDS)).isTrue();
                Sort byPrice = Sort.by(Sort.Direction.DESC, "price");
                List<Product> seen = new ArrayList<>();
                Window<Product> window = products.findBy(ScrollPosition.keyset(), Limit.of(500), byPrice);
                seen.addAll(window.getContent());
                while (window.hasNext()) {
                    window = products.findBy(window.positionAt(window.size() - 1), Limit.of(500), byPrice);
                    seen.addAll(window.getContent());
                }
                scrolling.set(false);
                writer.join();

                Map<String, Integer> stableSeen = new HashMap<>();
                for (Product product : seen) {
                    if (product.id().startsWith("s")) {
                        stableSeen.merge(product.id(), 1, Integer::sum);
                    }
                }
                assertThat(stableSeen).hasSize(stableCount);
                assertThat(stableSeen.values()).containsOnly(1);
                for (int i = 1; i < seen.size(); i++) {
                    assertThat(BY_PRICE_DESC_THEN_ID_DESC.compare(seen.get(i - 1), seen.get(i)))
                            .as("%s then %s", seen.get(i - 1).id(), seen.get(i).id()).isNegative();
                }
                Set<String> distinctPricedIds = new HashSet<>();
                seen.forEach(p -> distinctPricedIds.add(p.id() + "@" + p.price()));
                assertThat(distinctPricedIds).hasSize(seen.size());
                assertThat(writes.get()).isPositive();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            } finally {
                scrolling.set(false);
            }
        });
    }
}
