package dev.lithair.spring.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.lithair.event.EventType;
import dev.lithair.spring.repository.shop.Account;
import dev.lithair.spring.repository.shop.Catalog;
import dev.lithair.spring.repository.shop.CurrentUser;
import dev.lithair.spring.repository.shop.Product;

class AuditingAndEventsTest extends ShopTest {

    @Autowired
    Catalog catalog;

    @Test
    void creationAndModificationAreStampedWithTheAuditorAndTheTime() {
        CurrentUser.actAs("ann");
        Product created = products.save(Product.of("a1", "Lamp", "lighting", "10"));
        CurrentUser.actAs("bob");
        Product modified = products.save(created.withPrice("12"));

        assertThat(created.createdBy()).isEqualTo("ann");
        assertThat(created.createdAt()).isNotNull();
        assertThat(modified.createdBy()).isEqualTo("ann");
        assertThat(modified.createdAt()).isEqualTo(created.createdAt());
        assertThat(modified.updatedBy()).isEqualTo("bob");
        assertThat(modified.updatedAt()).isAfter(created.updatedAt());
    }

    @Test
    void anUpdateFromAFreshObjectKeepsTheStoredCreationStamps() {
        CurrentUser.actAs("ann");
        Product created = products.save(Product.of("a2", "Lamp", "lighting", "10"));
        CurrentUser.actAs("bob");

        Product replaced = products.save(Product.of("a2", "Lamp", "lighting", "15").withVersion(0L));

        assertThat(replaced.createdBy()).isEqualTo("ann");
        assertThat(replaced.createdAt()).isEqualTo(created.createdAt());
    }

    @Test
    void aMutableEntityIsAuditedInPlace() {
        CurrentUser.actAs("carl");
        Account account = new Account("carl@example.com", "bronze", 1);

        accounts.save(account);

        assertThat(account.getCreatedBy()).isEqualTo("carl");
        assertThat(account.getCreatedAt()).isNotNull();
    }

    @Test
    void theActorGoesIntoTheStoredEventsAndTheHistory() {
        CurrentUser.actAs("dora");

        products.save(Product.of("a3", "Lamp", "lighting", "10"));

        assertThat(products.history("a3", "name").get(0).actor()).isEqualTo("dora");
        assertThat(changes.products()).singleElement().satisfies(change -> assertThat(change.actor()).isEqualTo("dora"));
    }

    @Test
    void committedChangesArePublishedAsTypedApplicationEvents() {
        Product created = products.save(Product.of("e1", "Lamp", "lighting", "10"));
        products.save(created.withPrice("12"));
        products.deleteById("e1");
        accounts.save(new Account("eve@example.com", "gold", 0));

        assertThat(changes.products()).extracting(change -> change.kind())
                .containsExactly(EventType.CREATED, EventType.UPDATED, EventType.DELETED);
        assertThat(changes.products().get(1).entity().price()).isEqualByComparingTo("12");
        assertThat(changes.products().get(1).entity().version()).isEqualTo(1);
        assertThat(changes.products().get(2).entity().price()).isEqualByComparingTo("12");
        assertThat(changes.all()).hasSize(4);
    }

    @Test
    void aTransactionsChangesArePublishedAfterItsCommitSharingOneCommitAndNoneOnRollback() {
        List<Integer> seenInside = new java.util.ArrayList<>();

        catalog.addAll(List.of(Product.of("e2", "A", "x", "1"), Product.of("e3", "B", "x", "2")),
                () -> seenInside.add(changes.products().size()));
        try {
            catalog.addAllThenFail(List.of(Product.of("e4", "C", "x", "3")));
        } catch (IllegalStateException expected) {
            // rolled back
        }

        assertThat(seenInside).containsExactly(0);
        assertThat(changes.products()).extracting(change -> change.id()).containsExactly("e2", "e3");
        assertThat(changes.products()).extracting(change -> change.commitSequence()).containsOnly(store.lastSequence());
    }
}
