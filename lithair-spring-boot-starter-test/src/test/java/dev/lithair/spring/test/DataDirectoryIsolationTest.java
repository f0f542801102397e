package dev.lithair.spring.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.Commit;

import dev.lithair.spring.test.library.Book;
import dev.lithair.spring.test.library.BookRepository;
import dev.lithair.store.StoreOptions;

/**
 * Each {@code @DataLithairTest} class gets a data directory of its own, removed after the class, unless
 * it names one. The test classes under test are run here, so that what they leave behind can be checked
 * once they have finished; run on their own, they are skipped.
 */
class DataDirectoryIsolationTest {

    private static final String RUN_FIXTURES = "library.test.run";

    /** The data directory each test class under test saw, by class. */
    static final Map<Class<?>, Path> DIRECTORIES = new ConcurrentHashMap<>();

    @Test
    void twoTestClassesWriteInTwoTemporaryDirectoriesThatAreRemovedAfterwards() throws IOException {
        Path applicationDataDir = Path.of("data");
        boolean applicationDataDirExisted = Files.exists(applicationDataDir);

        runAndExpectSuccess(FirstLibraryTest.class, SecondLibraryTest.class);

        Path first = DIRECTORIES.get(FirstLibraryTest.class);
        Path second = DIRECTORIES.get(SecondLibraryTest.class);
        assertThat(first).isNotNull().isNotEqualTo(second);
        assertThat(second).isNotNull();
        assertThat(first.getFileName().toString()).startsWith("lithair-test-");
        assertThat(first).doesNotExist();
        assertThat(second).doesNotExist();
        assertThat(Files.exists(applicationDataDir)).as("the application's ./data").isEqualTo(applicationDataDirExisted);
    }

    @Test
    void aDataDirectoryTheTestNamesIsUsedAndKept(@TempDir Path parent) throws IOException {
        Path named = parent.resolve("named-by-the-test");
        System.setProperty("library.test.data-dir", named.toString());
        try {
            runAndExpectSuccess(NamedDirectoryLibraryTest.class);
        } finally {
            System.clearProperty("library.test.data-dir");
        }

        assertThat(DIRECTORIES.get(NamedDirectoryLibraryTest.class)).isEqualTo(named);
        try (Stream<Path> files = Files.list(named)) {
            assertThat(files).as("the store's files, left where the test put them").isNotEmpty();
        }
    }

    private static void runAndExpectSuccess(Class<?>... testClasses) {
        EngineTestKit.Builder run = EngineTestKit.engine("junit-jupiter");
        for (Class<?> testClass : testClasses) {
            run = run.selectors(selectClass(testClass));
        }
        System.setProperty(RUN_FIXTURES, "true");
        try {
            run.execute().testEvents().assertStatistics(stats -> stats.succeeded(testClasses.length).failed(0));
        } finally {
            System.clearProperty(RUN_FIXTURES);
        }
    }

    /** Commits a book, so that its directory holds files, and records where. */
    abstract static class LibraryTest {

        @Autowired
        BookRepository books;

        @Autowired
        StoreOptions options;

        @Test
        @Commit
        void commitsABook() {
            books.save(Book.newBook("dune", "Herbert", 1));
            DIRECTORIES.put(getClass(), options.dataDirectory());
        }
    }

    @DataLithairTest
    @EnabledIfSystemProperty(named = RUN_FIXTURES, matches = "true")
    static class FirstLibraryTest extends LibraryTest {
    }

    @DataLithairTest
    @EnabledIfSystemProperty(named = RUN_FIXTURES, matches = "true")
    static class SecondLibraryTest extends LibraryTest {
    }

    @DataLithairTest(properties = "lithair.data-dir=${library.test.data-dir}")
    @EnabledIfSystemProperty(named = RUN_FIXTURES, matches = "true")
    static class NamedDirectoryLibraryTest extends LibraryTest {
    }
}
