package dev.lithair.spring.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.lithair.spring.repository.shop.Catalog;
import dev.lithair.spring.repository.shop.Product;
import dev.lithair.spring.transaction.LithairTransactionManager;

class TransactionTest extends ShopTest {

    @Autowired
    Catalog catalog;

    @Autowired
    PlatformTransactionManager transactionManager;

    private static List<Product> threeLamps() {
        return List.of(Product.of("t1", "Lamp 1", "lighting", "10"), Product.of("t2", "Lamp 2", "lighting", "11"),
                Product.of("t3", "Lamp 3", "lighting", "12"));
    }

    @Test
    void theApplicationsTransactionManagerIsLithairs() {
        assertThat(transactionManager).isInstanceOf(LithairTransactionManager.class);
    }

    @Test
    void aTransactionalMethodsSavesCommitAsOneLogRecordWhenItReturnsAndNotBefore() {
        long recordsBefore = log().records();
        long sequenceBefore = store.lastSequence();
        AtomicReference<Optional<Product>> seenFromAnotherThread = new AtomicReference<>();
        AtomicReference<Long> sequenceInside = new AtomicReference<>();

        List<Product> saved = catalog.addAll(threeLamps(), () -> {
            sequenceInside.set(store.lastSequence());
            seenFromAnotherThread.set(CompletableFuture.supplyAsync(() -> products.findById("t1")).join());
        });

        assertThat(sequenceInside.get()).isEqualTo(sequenceBefore);
        assertThat(seenFromAnotherThread.get()).isEmpty();
        assertThat(saved).extracting(Product::version).containsOnly(0L);
        assertThat(products.findAllById(List.of("t1", "t2", "t3"))).hasSize(3);
        assertThat(log().records()).isEqualTo(recordsBefore + 1);
        assertThat(store.lastSequence()).isEqualTo(sequenceBefore + 3);
    }

    @Test
    void aTransactionalMethodThatThrowsCommitsNothing() {
        long recordsBefore = log().records();
        long sequenceBefore = store.lastSequence();

        assertThatThrownBy(() -> catalog.addAllThenFail(threeLamps())).hasMessage("payment refused");

        assertThat(products.count()).isZero();
        assertThat(store.lastSequence()).isEqualTo(sequenceBefore);
        assertThat(log().records()).isEqualTo(recordsBefore);
        assertThat(changes.all()).isEmpty();
    }

    @Test
    void readsInsideATransactionSeeItsOwnPendingWrites() {
        products.saveAll(List.of(Product.of("a", "A", "lighting", "10"), Product.of("b", "B", "lighting", "20")));
        Object[][] reads = new Object[1][];

        catalog.reprice("a", "15", "b", seen -> reads[0] = seen);

        Product saved = (Product) reads[0][0];
        assertThat(saved.version()).isEqualTo(1);
        assertThat(((Product) reads[0][1]).price()).isEqualByComparingTo("15");
        assertThat((Optional<?>) reads[0][2]).isEmpty();
        @SuppressWarnings("unchecked")
        List<Product> lighting = (List<Product>) reads[0][3];
        assertThat(lighting).extracting(Product::id).containsExactly("a");
        assertThat(lighting.get(0).price()).isEqualByComparingTo("15");
        assertThat(reads[0][4]).isEqualTo(1L);
        assertThat(products.findById("a").orElseThrow()).isEqualTo(saved);
        assertThat(products.findById("b")).isEmpty();
    }

    @Test
    void aStaleVersionFailsTheTransactionsCommitAndLeavesNothingOfIt() {
        Product stored = products.save(Product.of("v", "Vase", "decor", "30"));
        products.save(stored.withPrice("31"));
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            products.save(Product.of("w", "Wreath", "decor", "5"));
            products.save(stored.withPrice("99"));
        })).isInstanceOf(OptimisticLockingFailureException.class);

        assertThat(products.findById("w")).isEmpty();
        assertThat(products.findById("v").orElseThrow().price()).isEqualByComparingTo(new BigDecimal("31"));
    }

    @Test
    void aTransactionsKeyedWritesAreAppliedOnceAsAWhole() {
        catalog.importBatch(threeLamps(), "import-42");
        products.deleteAll();

        catalog.importBatch(threeLamps(), "import-42");

        assertThat(products.count()).isZero();
        assertThatThrownBy(() -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            products.save(Product.of("k1", "K", "x", "1"), "key-1");
            products.save(Product.of("k2", "K", "x", "1"), "key-2");
        })).isInstanceOf(InvalidDataAccessApiUsageException.class).hasMessageContaining("one idempotency key");
    }

    @Test
    void aReadOnlyTransactionReadsAndRefusesWrites() {
        products.save(Product.of("r", "Rug", "textile", "1"));

        assertThat(catalog.countReadOnly()).isEqualTo(1);
        TransactionTemplate readOnly = new TransactionTemplate(transactionManager);
        readOnly.setReadOnly(true);
        assertThatThrownBy(() -> readOnly.executeWithoutResult(status -> products.deleteById("r")))
                .isInstanceOf(InvalidDataAccessApiUsageException.class);
        assertThat(products.existsById("r")).isTrue();
    }

    @Test
    void aRequiresNewTransactionCommitsOnItsOwn() {
        TransactionTemplate outer = new TransactionTemplate(transactionManager);
        TransactionTemplate inner = new TransactionTemplate(transactionManager);
        inner.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);

        assertThatThrownBy(() -> outer.executeWithoutResult(status -> {
            products.save(Product.of("outer", "O", "x", "1"));
            inner.executeWithoutResult(nested -> products.save(Product.of("inner", "I", "x", "1")));
            assertThat(products.findById("outer")).isPresent();
            throw new IllegalStateException("outer fails");
        })).hasMessage("outer fails");

        assertThat(products.findById("inner")).isPresent();
        assertThat(products.findById("outer")).isEmpty();
    }
}
