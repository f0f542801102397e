package dev.lithair.spring.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.lithair.index.OrderedIdWalk;
import dev.lithair.spring.boot.autoconfigure.LithairRepositoriesAutoConfiguration;
import dev.lithair.spring.boot.autoconfigure.LithairTransactionAutoConfiguration;
import dev.lithair.spring.core.IndexAccess;
import dev.lithair.spring.core.StoreIndexAccess;
import dev.lithair.spring.repository.shop.Product;
import dev.lithair.spring.repository.shop.ProductRepository;
import dev.lithair.store.LithairStore;

/** Queries on indexed properties are answered from the store's indexes, and the answers are the scan's. */
class IndexedQueryTest {

    @TempDir
    Path dataDir;

    /** The store's indexes, recording which questions queries ask them. */
    static final class RecordingIndexes implements IndexAccess {

        final List<String> asked = new CopyOnWriteArrayList<>();
        /** Ids handed out by iterating {@link #idsEqual} answers. */
        final AtomicInteger idsRead = new AtomicInteger();
        /** Run once, just after the next ordered walk has been opened (and has read its first entry). */
        volatile Runnable afterWalkOpens;
        private final IndexAccess indexes;

        RecordingIndexes(IndexAccess indexes) {
            this.indexes = indexes;
        }

        @Override
        public boolean isIndexed(String entityType, String field) {
            return indexes.isIndexed(entityType, field);
        }

        @Override
        public boolean isSorted(String entityType, String field) {
            return indexes.isSorted(entityType, field);
        }

        @Override
        public Set<String> idsEqual(String entityType, String field, Object value) {
            asked.add("idsEqual " + field + "=" + value);
            Set<String> ids = indexes.idsEqual(entityType, field, value);
            return new AbstractSet<>() {
                @Override
                public Iterator<String> iterator() {
                    Iterator<String> read = ids.iterator();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return read.hasNext();
                        }

                        @Override
                        public String next() {
                            idsRead.incrementAndGet();
                            return read.next();
                        }
                    };
                }

                @Override
                public int size() {
                    return ids.size();
                }
            };
        }

        @Override
        public int countEqual(String entityType, String field, Object value) {
            asked.add("countEqual " + field + "=" + value);
            return indexes.countEqual(entityType, field, value);
        }

        @Override
        public List<String> idsInRange(String entityType, String field, Object from, boolean fromInclusive, Object to,
                boolean toInclusive, boolean descending, int limit) {
            asked.add("idsInRange " + field + " " + from + ".." + to);
            return indexes.idsInRange(entityType, field, from, fromInclusive, to, toInclusive, descending, limit);
        }

        @Override
        public OrderedIdWalk walkOrdered(String entityType, String field, boolean descending, Object afterValue,
                String afterId) {
            asked.add("walkOrdered " + field + (descending ? " desc" : " asc")
                    + (afterId == null ? "" : " after " + afterValue + "/" + afterId));
            OrderedIdWalk walk = indexes.walkOrdered(entityType, field, descending, afterValue, afterId);
            Runnable hook = afterWalkOpens;
            if (hook != null) {
                afterWalkOpens = null;
                hook.run();
            }
            return walk;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class RecordedShop extends RepositoryConfigurationTest.ScannedShop {

        @Bean
        RecordingIndexes lithairIndexAccess(LithairStore store) {
            return new RecordingIndexes(new StoreIndexAccess(store));
        }
    }

    private void withCatalog(java.util.function.BiConsumer<ProductRepository, RecordingIndexes> test) {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LithairRepositoriesAutoConfiguration.class,
                        LithairTransactionAutoConfiguration.class))
                .withPropertyValues("shop.data-dir=" + dataDir)
                .withUserConfiguration(RecordedShop.class)
                .run(context -> {
                    ProductRepository products = context.getBean(ProductRepository.class);
                    for (int i = 0; i < 200; i++) {
                        products.save(Product.of("p" + i, "Item " + i, "c" + (i % 10), String.valueOf(i))
                                .withOwner(i % 2 == 0 ? "ann" : "bob"));
                    }
                    RecordingIndexes indexes = context.getBean(RecordingIndexes.class);
                    indexes.asked.clear();
                    test.accept(products, indexes);
                });
    }

    @Test
    void equalitiesInsCountsAndUniqueLookupsAreAnsweredByTheHashIndexes() {
        withCatalog((products, indexes) -> {
            assertThat(products.findByCategory("c3")).hasSize(20).allSatisfy(p -> assertThat(p.category()).isEqualTo("c3"));
            assertThat(products.findByCategoryIn(List.of("c1", "c2"))).hasSize(40);
            assertThat(products.countByCategory("c7")).isEqualTo(20);
            assertThat(products.findBySku("SKU-p42")).map(Product::id).contains("p42");
            assertThat(products.findByCategoryAndPriceLessThan("c5", new BigDecimal("50"))).extracting(Product::id)
                    .containsExactlyInAnyOrder("p5", "p15", "p25", "p35", "p45");

            assertThat(indexes.asked).containsExactly("idsEqual category=c3", "idsEqual category=c1",
                    "idsEqual category=c2", "countEqual category=c7", "idsEqual sku=SKU-p42",
                    "idsEqual category=c5");
        });
    }

    @Test
    void rangesAndTopNAreAnsweredByTheSortedIndex() {
        withCatalog((products, indexes) -> {
            assertThat(products.findByPriceBetween(new BigDecimal("10"), new BigDecimal("12"))).extracting(Product::id)
                    .containsExactlyInAnyOrder("p10", "p11", "p12");
            assertThat(products.findTop3ByOrderByPriceDesc()).extracting(Product::id).containsExactly("p199", "p198",
                    "p197");
            assertThat(products.findFirstByOrderByPriceAsc().id()).isEqualTo("p0");
            assertThat(products.findAll(PageRequest.of(1, 5, Sort.by("price")))).extracting(Product::id)
                    .containsExactly("p5", "p6", "p7", "p8", "p9");

            assertThat(indexes.asked).containsExactly("idsInRange price 10..12", "walkOrdered price desc",
                    "walkOrdered price asc", "walkOrdered price asc");
        });
    }

    @Test
    void aPageOfACommonValueWalksTheSortedIndexAndOneOfARareValueSortsItsHolders() {
        withCatalog((products, indexes) -> {
            // ann holds half the products: walking the price index meets a page of hers in twice its length
            assertThat(products.findByOwner("ann", PageRequest.of(2, 10, Sort.by("price"))).getContent())
                    .extracting(Product::id).containsExactly("p40", "p42", "p44", "p46", "p48", "p50", "p52", "p54",
                            "p56", "p58");
            assertThat(indexes.asked).containsExactly("countEqual owner=ann", "walkOrdered price asc",
                    "countEqual owner=ann");

            products.saveAll(List.of(Product.of("r1", "Rare 1", "c1", "7").withOwner("cid"),
                    Product.of("r2", "Rare 2", "c1", "3").withOwner("cid")));
            indexes.asked.clear();
            // cid holds 2 products of 202: fetching and sorting them beats walking the whole index
            assertThat(products.findByOwner("cid", PageRequest.of(0, 10, Sort.by("price"))).getContent())
                    .extracting(Product::id).containsExactly("r2", "r1");
            assertThat(indexes.asked).containsExactly("countEqual owner=cid", "idsEqual owner=cid");
        });
    }

    @Test
    void anEntityMovedAwayWhileTheIndexIsWalkedIsSkippedThereAndMetOnceAtItsNewPlace() {
        withCatalog((products, indexes) -> {
            Product cheapest = products.findById("p0").orElseThrow();
            // the walk has read p0's entry under price 0 when p0 is repriced to the end
            indexes.afterWalkOpens = () -> products.save(cheapest.withPrice("1000"));

            Window<Product> first = products.findBy(ScrollPosition.keyset(), Limit.of(3), Sort.by("price"));

            assertThat(first.getContent()).extracting(Product::id).containsExactly("p1", "p2", "p3");
            List<String> rest = new ArrayList<>();
            Window<Product> window = first;
            while (window.hasNext()) {
                window = products.findBy(window.positionAt(window.size() - 1), Limit.of(50), Sort.by("price"));
                window.forEach(product -> rest.add(product.id()));
            }
            assertThat(rest).hasSize(197).endsWith("p0").containsOnlyOnce("p0");
        });
    }

    @Test
    void anUnsortedPageOfAnIndexedValueReadsOnlyTheIdsItNeedsInIdOrder() {
        withCatalog((products, indexes) -> {
            // ann holds p0, p2, ... p198; pages of an unsorted query are in id (string) order:
            // p0 p10 p100 p102 p104 | p106 p108 p110 p112 p114 | ...
            assertThat(products.findByOwner("ann", PageRequest.of(1, 5)).getContent()).extracting(Product::id)
                    .containsExactly("p106", "p108", "p110", "p112", "p114");
            assertThat(indexes.idsRead).hasValue(10);

            indexes.idsRead.set(0);
            // c3 in id order: p103 p113 p123 p13 p133 ... p193 p23 p3 p33 ...; the price condition is
            // checked on each, and reading stops at the third match
            assertThat(products.findTop3ByCategoryAndPriceLessThan("c3", new BigDecimal("50"))).extracting(Product::id)
                    .containsExactly("p13", "p23", "p3");
            assertThat(indexes.idsRead).hasValue(13);
        });
    }

    @Test
    void anUnindexedPropertyIsAnsweredByAScanWithTheSameResults() {
        withCatalog((products, indexes) -> {
            assertThat(products.findByName("Item 7")).extracting(Product::id).containsExactly("p7");
            assertThat(products.findByStockGreaterThan(5)).hasSize(200);
            assertThat(indexes.asked).isEmpty();
        });
    }
}
