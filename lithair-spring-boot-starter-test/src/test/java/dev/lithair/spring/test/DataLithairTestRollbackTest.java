package dev.lithair.spring.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.Commit;
import org.springframework.test.context.transaction.TestTransaction;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.lithair.spring.test.library.Book;
import dev.lithair.spring.test.library.BookRepository;
import dev.lithair.store.LithairStore;

/**
 * Each method of a {@code @DataLithairTest} is rolled back, unless it commits; the methods run in order
 * so that each sees what the previous ones left in the store.
 */
@DataLithairTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DataLithairTestRollbackTest {

    @Autowired
    BookRepository books;

    @Autowired
    LithairStore store;

    @Test
    @Order(1)
    void aMethodReadsItsOwnSavesInsideATransactionToBeRolledBack() {
        books.save(Book.newBook("dune", "Herbert", 3));

        assertThat(TestTransaction.isActive()).isTrue();
        assertThat(TestTransaction.isFlaggedForRollback()).isTrue();
        assertThat(books.findById("dune")).map(Book::copies).contains(3);
        assertThat(books.findByAuthor("Herbert")).extracting(Book::id).containsExactly("dune");
        assertThat(store.findAll(Book.class)).as("nothing is committed before the method ends").isEmpty();
    }

    @Test
    @Order(2)
    void theNextMethodFindsNothingOfTheRolledBackSaves() {
        assertThat(books.count()).isZero();
        assertThat(books.findByAuthor("Herbert")).isEmpty();
        assertThat(store.findAll(Book.class)).isEmpty();
    }

    @Test
    @Order(3)
    @Commit
    void aMethodMarkedCommitCommitsItsSaves() {
        books.save(Book.newBook("emma", "Austen", 2));
    }

    @Test
    @Order(4)
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void aMethodOutsideTheTestTransactionCommitsEachSave() {
        assertThat(TestTransaction.isActive()).isFalse();

        Book saved = books.save(Book.newBook("persuasion", "Austen", 1));
        books.save(new Book(saved.id(), saved.author(), 5, saved.version()));

        assertThat(books.history("persuasion", "copies")).extracting(change -> change.newValue())
                .containsExactly(1, 5);
    }

    @Test
    @Order(5)
    void committedSavesStayForTheFollowingMethods() {
        assertThat(store.findAll(Book.class)).extracting(Book::id).containsExactlyInAnyOrder("emma", "persuasion");
        assertThat(books.findByAuthor("Austen")).hasSize(2);
    }
}
