package dev.lithair.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.lithair.spring.boot.autoconfigure.fixtures.notes.Note;
import dev.lithair.spring.boot.autoconfigure.fixtures.notes.NoteRepository;
import dev.lithair.spring.boot.autoconfigure.fixtures.notes.NotesApplication;

/** Two instances of an application on one {@code lithair.data-dir}: the second does not start, the first goes on. */
class SecondInstanceTest {

    @TempDir
    Path dataDir;

    private SpringApplicationBuilder instance() {
        return new SpringApplicationBuilder(NotesApplication.class).web(WebApplicationType.NONE)
                .properties("lithair.data-dir=" + dataDir, "spring.main.banner-mode=off");
    }

    @Test
    void aSecondInstanceOnTheSameDataDirectoryFailsToStartNamingTheDirectoryAndTheFirstOnesPidWhileTheFirstKeepsServing() {
        try (ConfigurableApplicationContext first = instance().run()) {
            NoteRepository notes = first.getBean(NoteRepository.class);
            notes.save(new Note("n1", "before the second instance"));

            Throwable failure = catchThrowable(() -> instance().run().close());

            assertThat(failure).isNotNull();
            String report = StartupFailures.report(failure);
            assertThat(report).contains(dataDir.toString()).contains("lithair.data-dir")
                    .contains("process " + ProcessHandle.current().pid());
            notes.save(new Note("n2", "after the second instance was refused"));
            assertThat(notes.findAll()).extracting(Note::id).containsExactlyInAnyOrder("n1", "n2");
        }
    }
}
