package dev.lithair.spring.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

import dev.lithair.spring.repository.shop.Account;
import dev.lithair.spring.repository.shop.Product;

class CrudTest extends ShopTest {

    @Test
    void aSavedProductIsFoundByItsIdWithItsVersionStartedAtZero() {
        Product saved = products.save(Product.of("p1", "Lamp", "lighting", "12.50"));

        assertThat(saved.version()).isZero();
        assertThat(products.findById("p1")).contains(saved);
        assertThat(products.existsById("p1")).isTrue();
        assertThat(products.count()).isEqualTo(1);
    }

    @Test
    void anUpdateAdvancesTheVersionAndAnUnchangedSaveDoesNot() {
        Product created = products.save(Product.of("p1", "Lamp", "lighting", "12.50"));
        Product updated = products.save(created.withPrice("14.00"));

        assertThat(updated.version()).isEqualTo(1);
        assertThat(updated.price()).isEqualByComparingTo("14.00");
        assertThat(products.findById("p1").orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void saveAllStoresEveryEntityAndFindAllByIdReturnsThoseThatExist() {
        products.saveAll(List.of(Product.of("p1", "Lamp", "lighting", "10"), Product.of("p2", "Desk", "furniture", "90"),
                Product.of("p3", "Chair", "furniture", "40")));

        assertThat(products.findAll()).extracting(Product::id).containsExactlyInAnyOrder("p1", "p2", "p3");
        assertThat(products.findAllById(List.of("p3", "nope", "p1"))).extracting(Product::id).containsExactly("p3", "p1");
    }

    @Test
    void deletingByIdByEntityAndAllRemovesTheEntitiesAndIgnoresAbsentOnes() {
        products.saveAll(List.of(Product.of("p1", "Lamp", "lighting", "10"), Product.of("p2", "Desk", "furniture", "90"),
                Product.of("p3", "Chair", "furniture", "40"), Product.of("p4", "Sofa", "furniture", "400")));

        products.deleteById("p1");
        products.deleteById("never-there");
        products.delete(products.findById("p2").orElseThrow());
        products.deleteAllById(List.of("p3", "nope"));

        assertThat(products.findAll()).extracting(Product::id).containsExactly("p4");
        products.deleteAll();
        assertThat(products.count()).isZero();
    }

    @Test
    void findAllSortsAndPagesWithoutOverlap() {
        for (int i = 0; i < 7; i++) {
            products.save(Product.of("p" + i, "Item " + i, "misc", String.valueOf(100 - i)));
        }

        assertThat(products.findAll(Sort.by("price"))).extracting(Product::price).extracting(BigDecimal::intValue)
                .containsExactly(94, 95, 96, 97, 98, 99, 100);
        Page<Product> second = products.findAll(PageRequest.of(1, 3, Sort.by(Sort.Direction.DESC, "price")));
        assertThat(second.getContent()).extracting(Product::id).containsExactly("p3", "p4", "p5");
        assertThat(second.getTotalElements()).isEqualTo(7);
        assertThat(second.getTotalPages()).isEqualTo(3);
        List<String> unsortedPages = new java.util.ArrayList<>();
        for (int page = 0; page < 3; page++) {
            products.findAll(PageRequest.of(page, 3)).forEach(product -> unsortedPages.add(product.id()));
        }
        assertThat(unsortedPages).containsExactlyInAnyOrder("p0", "p1", "p2", "p3", "p4", "p5", "p6");
    }

    @Test
    void aMutableEntityGetsAGeneratedIdAndItsVersionBackSoThatSavingItAgainWorks() {
        Account account = new Account("ann@example.com", "gold", 100);

        Account saved = accounts.save(account);
        account.setBalance(150);
        accounts.save(account);

        assertThat(saved.getId()).isNotBlank();
        assertThat(account.getId()).isEqualTo(saved.getId());
        assertThat(account.getVersion()).isEqualTo(1);
        assertThat(accounts.findById(saved.getId()).orElseThrow().getBalance()).isEqualTo(150);
    }

    @Test
    void changingAFoundMutableEntityChangesNothingUntilItIsSaved() {
        Account saved = accounts.save(new Account("bob@example.com", "silver", 5));
        Account found = accounts.findById(saved.getId()).orElseThrow();

        found.setBalance(999);

        assertThat(accounts.findById(saved.getId()).orElseThrow().getBalance()).isEqualTo(5);
    }
}
