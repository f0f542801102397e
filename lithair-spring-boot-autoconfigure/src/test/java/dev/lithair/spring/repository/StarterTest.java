package dev.lithair.spring.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.InvalidDataAccessApiUsageException;

import dev.lithair.spring.boot.autoconfigure.LithairAutoConfiguration;
import dev.lithair.spring.boot.autoconfigure.LithairEntityClasses;
import dev.lithair.spring.boot.autoconfigure.LithairRepositoriesAutoConfiguration;
import dev.lithair.spring.boot.autoconfigure.LithairTransactionAutoConfiguration;
import dev.lithair.spring.repository.notes.Note;
import dev.lithair.spring.repository.notes.NoteRepository;
import dev.lithair.spring.repository.notes.NotesApplication;
import dev.lithair.spring.repository.notes.Ticket;
import dev.lithair.spring.repository.notes.TicketRepository;
import dev.lithair.store.LithairStore;

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

    @Test
    void idsOfOtherTypesThanStringAreKeyedByTheirStringFormAndAreNeverGuessed() {
        runner().run(context -> {
            TicketRepository tickets = context.getBean(TicketRepository.class);
            tickets.save(new Ticket(42L, "Broken lamp"));

            assertThat(tickets.findById(42L)).contains(new Ticket(42L, "Broken lamp"));
            assertThat(context.getBean(LithairStore.class).find(Ticket.class, "42")).isPresent();
            assertThatThrownBy(() -> tickets.save(new Ticket(null, "No number")))
                    .isInstanceOf(InvalidDataAccessApiUsageException.class).hasMessageContaining("number");
            tickets.deleteById(42L);
            assertThat(tickets.existsById(42L)).isFalse();
        });
    }
}
