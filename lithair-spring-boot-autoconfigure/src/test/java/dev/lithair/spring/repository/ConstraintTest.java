package dev.lithair.spring.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;

import dev.lithair.spring.repository.shop.Account;
import dev.lithair.spring.repository.shop.Product;

class ConstraintTest extends ShopTest {

    @Test
    void savingAStaleVersionThrowsOptimisticLockingFailureAndChangesNothing() {
        Product first = products.save(Product.of("c1", "Lamp", "lighting", "10"));
        products.save(first.withPrice("11"));
        long sequence = store.lastSequence();

        assertThatThrownBy(() -> products.save(first.withPrice("12")))
                .isInstanceOf(OptimisticLockingFailureException.class).hasMessageContaining("version");

        assertThat(products.findById("c1").orElseThrow().price()).isEqualByComparingTo("11");
        assertThat(store.lastSequence()).isEqualTo(sequence);
    }

    @Test
    void creatingWithAVersionOfAnEntityThatIsGoneIsAStaleVersion() {
        Product first = products.save(Product.of("c2", "Lamp", "lighting", "10"));
        Product updated = products.save(first.withPrice("11"));
        products.deleteById("c2");

        assertThatThrownBy(() -> products.save(updated.withPrice("12")))
                .isInstanceOf(OptimisticLockingFailureException.class);
    }

    @Test
    void deletingAStaleVersionThrowsOptimisticLockingFailure() {
        Product first = products.save(Product.of("c3", "Lamp", "lighting", "10"));
        products.save(first.withPrice("11"));

        assertThatThrownBy(() -> products.delete(first)).isInstanceOf(OptimisticLockingFailureException.class);
        assertThat(products.existsById("c3")).isTrue();
    }

    @Test
    void concurrentEditsOfOneMutableEntityLetTheFirstWinAndRejectTheSecond() {
        Account saved = accounts.save(new Account("ann@example.com", "gold", 10));
        Account mine = accounts.findById(saved.getId()).orElseThrow();
        Account theirs = accounts.findById(saved.getId()).orElseThrow();
        mine.setBalance(20);
        theirs.setBalance(30);

        accounts.save(mine);

        assertThatThrownBy(() -> accounts.save(theirs)).isInstanceOf(OptimisticLockingFailureException.class);
        assertThat(accounts.findById(saved.getId()).orElseThrow().getBalance()).isEqualTo(20);
    }

    @Test
    void aRepositoryBeanWritingToTheStoreItselfGetsTheSameTranslation(
            @org.springframework.beans.factory.annotation.Autowired dev.lithair.spring.repository.shop.ShelfLabels labels) {
        Product first = products.save(Product.of("c8", "Lamp", "lighting", "10"));
        products.save(first.withPrice("11"));

        assertThatThrownBy(() -> labels.put(first.withPrice("12")))
                .isInstanceOf(OptimisticLockingFailureException.class);
    }

    @Test
    void aRepositoryFragmentWritingToTheStoreItselfGetsTheSameTranslation() {
        Product first = products.save(Product.of("c9", "Lamp", "lighting", "10"));
        products.save(first.withPrice("11"));

        assertThatThrownBy(() -> products.putOnShelf(first.withPrice("12")))
                .isInstanceOf(OptimisticLockingFailureException.class);
        assertThat(products.findById("c9").orElseThrow().price()).isEqualByComparingTo("11");
    }

    @Test
    void changingAnImmutableFieldThrowsDataIntegrityViolationNamingTheField() {
        Product saved = products.save(Product.of("c4", "Lamp", "lighting", "10"));

        assertThatThrownBy(() -> products.save(saved.withLaunchedOn(LocalDate.of(2030, 1, 1))))
                .isInstanceOf(DataIntegrityViolationException.class)
                .isNotInstanceOf(DuplicateKeyException.class)
                .hasMessageContaining("launchedOn");
        assertThat(products.findById("c4").orElseThrow().launchedOn()).isEqualTo(LocalDate.of(2026, 1, 1));
    }

    @Test
    void aUniqueValueHeldByAnotherEntityThrowsDuplicateKeyAndTheWholeBatchIsRejected() {
        products.save(Product.of("c5", "Lamp", "lighting", "10").withSku("SKU-1"));

        assertThatThrownBy(() -> products.saveAll(List.of(Product.of("c6", "Desk", "furniture", "20"),
                Product.of("c7", "Chair", "furniture", "30").withSku("SKU-1"))))
                .isInstanceOf(DuplicateKeyException.class).hasMessageContaining("sku");

        assertThat(products.findAllById(List.of("c6", "c7"))).isEmpty();
    }
}
