package dev.lithair.spring.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.lithair.spring.boot.autoconfigure.LithairAutoConfiguration;
import dev.lithair.spring.boot.autoconfigure.LithairEntityClasses;
import dev.lithair.spring.repository.config.LithairRepositoriesAutoConfiguration;
import dev.lithair.spring.repository.notes.Note;
import dev.lithair.spring.repository.notes.NoteRepository;
import dev.lithair.spring.repository.notes.NotesApplication;
import dev.lithair.spring.transaction.LithairTransactionAutoConfiguration;

/** The repositories on the store Lithair's own auto-configuration opens from {@code lithair.*}. */
class StarterTest {

    @TempDir
    Path dataDir;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LithairAutoConfiguration.class,
                        LithairRepositoriesAutoConfiguration.class, LithairTransactionAutoConfiguration.class))
                .withUserConfiguration(NotesApplication.class)
                .withPropertyValues("lithair.data-dir=" + dataDir, "lithair.storage.fsync=never");
    }

    @Test
    void aRepositorysDomainTypeIsAnEntityOfTheStoreEvenWithoutAnyAnnotation() {
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(LithairEntityClasses.class).classes()).contains(Note.class);
            NoteRepository notes = context.getBean(NoteRepository.class);
            notes.save(new Note("n1", "ann", "hello"));
            assertThat(notes.findByAuthor("ann")).containsExactly(new Note("n1", "ann", "hello"));
        });
        runner().run(context -> assertThat(context.getBean(NoteRepository.class).findById("n1"))
                .contains(new Note("n1", "ann", "hello")));
    }
}
