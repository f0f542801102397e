package dev.lithair.spring.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;
import org.springframework.test.context.transaction.TestTransaction;

import dev.lithair.spring.test.library.Book;
import dev.lithair.spring.test.library.BookRepository;
import dev.lithair.spring.test.library.Lending;
import dev.lithair.store.FsyncPolicy;
import dev.lithair.store.StoreOptions;

/**
 * A service the slice leaves out comes back with {@code includeFilters}, and joins the test's transaction;
 * an fsync policy the test sets is kept.
 */
@DataLithairTest(includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = Lending.class),
        properties = "lithair.storage.fsync=always")
class DataLithairTestFiltersTest {

    @Autowired
    Lending lending;

    @Autowired
    BookRepository books;

    @Autowired
    StoreOptions options;

    @Test
    void anIncludedServiceWritesInTheTestsTransaction() {
        books.saveAll(List.of(Book.newBook("dune", "Herbert", 2), Book.newBook("emma", "Austen", 1)));

        lending.lendOneOfEach("dune", "emma");

        assertThat(TestTransaction.isActive()).isTrue();
        assertThat(books.findAllById(List.of("dune", "emma"))).extracting(Book::copies)
                .containsExactlyInAnyOrder(1, 0);
    }

    @Test
    void theFsyncPolicyTheTestSetsIsKept() {
        assertThat(options.fsyncPolicy()).isEqualTo(FsyncPolicy.ALWAYS);
    }
}
