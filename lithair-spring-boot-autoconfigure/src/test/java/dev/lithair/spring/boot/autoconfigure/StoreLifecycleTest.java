package dev.lithair.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.context.support.DefaultLifecycleProcessor;

import dev.lithair.spring.boot.autoconfigure.fixtures.notes.Note;
import dev.lithair.spring.boot.autoconfigure.fixtures.notes.NoteRepository;
import dev.lithair.spring.boot.autoconfigure.fixtures.notes.NotesApplication;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;

/**
 * The store opens when the context starts, not while its beans are created: a Class Data Sharing or AOT
 * cache training run ({@code -Dspring.context.exit=onRefresh}) refreshes the context and exits before the
 * start, and must leave the data directory as it found it.
 */
class StoreLifecycleTest {

    @TempDir
    Path root;

    /** Starts nothing on refresh, as {@code spring.context.exit=onRefresh} does, but starts on {@code start()}. */
    static final class StartOnlyWhenAsked extends DefaultLifecycleProcessor {
        @Override
        public void onRefresh() {
        }
    }

    /** Makes {@code context} refresh without starting its lifecycle beans, until {@code context.start()}. */
    static void startOnlyWhenAsked(ConfigurableApplicationContext context) {
        StartOnlyWhenAsked processor = new StartOnlyWhenAsked();
        processor.setBeanFactory(context.getBeanFactory());
        context.getBeanFactory().registerSingleton(AbstractApplicationContext.LIFECYCLE_PROCESSOR_BEAN_NAME, processor);
    }

    private SpringApplicationBuilder notes(Path dataDir) {
        return new SpringApplicationBuilder(NotesApplication.class).web(WebApplicationType.NONE)
                .properties("lithair.data-dir=" + dataDir, "spring.main.banner-mode=off");
    }

    @Test
    void aRefreshedContextNeitherCreatesNorLocksTheDataDirectoryAndStartingItOpensTheStore() {
        Path dataDir = root.resolve("data");
        try (ConfigurableApplicationContext context = notes(dataDir)
                .initializers(StoreLifecycleTest::startOnlyWhenAsked).run()) {
            NoteRepository repository = context.getBean(NoteRepository.class);
            LithairStore store = context.getBean(LithairStore.class);

            assertThat(dataDir).doesNotExist();
            assertThat(store.isStarted()).isFalse();
            assertThatThrownBy(() -> repository.save(new Note("n0", "too early")))
                    .hasStackTraceContaining("created but not started");
            assertThatThrownBy(() -> repository.findById("n0")).hasStackTraceContaining("created but not started");
            try (LithairStore other = LithairStore.open(StoreOptions.defaults(dataDir))) {
                assertThat(other.lastSequence()).isZero(); // the directory was free to take
            }

            context.start();

            assertThat(store.isStarted()).isTrue();
            repository.save(new Note("n1", "after the start"));
            assertThat(repository.findById("n1")).contains(new Note("n1", "after the start"));
            assertThat(repository.findById("n0")).isEmpty();
        }
    }

    @Test
    void stoppingTheContextClosesTheStoreAndReleasesTheDataDirectory() {
        Path dataDir = root.resolve("data");
        try (ConfigurableApplicationContext context = notes(dataDir).run()) {
            context.getBean(NoteRepository.class).save(new Note("n1", "kept"));

            context.stop();

            assertThat(context.getBean(LithairStore.class).isClosed()).isTrue();
            try (LithairStore other = LithairStore.open(StoreOptions.defaults(dataDir))) {
                assertThat(other.get("Note", "n1")).isPresent();
            }
            assertThatThrownBy(context::start).hasStackTraceContaining("is not opened again");
        }
    }

    @Test
    void aTrainingRunExitingOnRefreshLeavesTheDataDirectoryUntouched() throws IOException, InterruptedException {
        Path dataDir = root.resolve("data");
        Path output = root.resolve("training.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process training = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dspring.context.exit=onRefresh", SpringApplication.class.getName(),
                "--spring.main.sources=" + NotesApplication.class.getName(), "--lithair.data-dir=" + dataDir,
                "--spring.main.web-application-type=none", "--spring.main.banner-mode=off",
                "--logging.level.dev.lithair=debug"))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            assertThat(training.waitFor(2, TimeUnit.MINUTES)).as("the training run exits").isTrue();
        } finally {
            training.destroyForcibly();
        }

        assertThat(training.exitValue()).as(Files.readString(output)).isZero();
        assertThat(Files.readString(output)).as("the beans were created, the store was not opened")
                .contains("Lithair entity classes in").doesNotContain("Lithair store opened");
        assertThat(dataDir).doesNotExist();
    }
}
