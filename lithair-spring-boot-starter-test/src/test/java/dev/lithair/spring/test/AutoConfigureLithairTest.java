package dev.lithair.spring.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.web.SecurityFilterChain;

import dev.lithair.spring.test.library.Book;
import dev.lithair.spring.test.library.BookRepository;
import dev.lithair.spring.test.library.Lending;
import dev.lithair.store.FsyncPolicy;
import dev.lithair.store.StoreOptions;

/** A full application context with {@code @AutoConfigureLithair} keeps all its beans and gets the test storage. */
@SpringBootTest
@AutoConfigureLithair
class AutoConfigureLithairTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    StoreOptions options;

    @Autowired
    BookRepository books;

    @Test
    void theWholeApplicationRunsOnATemporaryDataDirectoryWithoutFsync() {
        assertThat(context.getBeanNamesForType(SecurityFilterChain.class)).isNotEmpty();
        assertThat(context.getBeanNamesForType(Lending.class)).hasSize(1);
        assertThat(options.dataDirectory()).startsWith(Path.of(System.getProperty("java.io.tmpdir")));
        assertThat(options.dataDirectory().getFileName().toString()).startsWith("lithair-test-");
        assertThat(options.fsyncPolicy()).isEqualTo(FsyncPolicy.NEVER);

        books.save(Book.newBook("dune", "Herbert", 1));

        assertThat(options.dataDirectory()).isNotEmptyDirectory();
    }
}
