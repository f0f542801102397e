package dev.lithair.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.TransientDataAccessResourceException;

import dev.lithair.spring.boot.autoconfigure.fixtures.notes.Note;
import dev.lithair.spring.boot.autoconfigure.fixtures.notes.NoteRepository;
import dev.lithair.spring.boot.autoconfigure.fixtures.notes.NotesApplication;
import dev.lithair.testsupport.SmallDisk;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * An application whose data directory fills up (a 2 MB tmpfs): saves fail with Spring's
 * {@link TransientDataAccessResourceException}, the {@code lithair} health is DOWN naming the cause and
 * {@code lithair.storage.available} is 0; once space is freed, the same application saves again and is
 * UP, without a restart.
 */
class StorageFaultApplicationTest {

    private static final int MAX_SAVES = 10_000;

    @TempDir
    Path dir;

    @Test
    void whileTheDiskIsFullSavesFailAsTransientAndHealthIsDownUntilSpaceIsFreed() {
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("small-disk"), "2m");
                ConfigurableApplicationContext app = new SpringApplicationBuilder(NotesApplication.class)
                        .web(WebApplicationType.NONE)
                        .properties("lithair.data-dir=" + disk.path().resolve("data"), "spring.main.banner-mode=off")
                        .run()) {
            NoteRepository notes = app.getBean(NoteRepository.class);
            LithairHealthIndicator health = app.getBean(LithairHealthIndicator.class);
            MeterRegistry meters = app.getBean(MeterRegistry.class);
            notes.save(new Note("before", "x".repeat(2000)));
            assertThat(meters.get("lithair.storage.available").gauge().value()).isEqualTo(1);

            disk.fill();
            assertThatThrownBy(() -> {
                for (int i = 0; i < MAX_SAVES; i++) {
                    notes.save(new Note("n" + i, "x".repeat(2000)));
                }
            }).isInstanceOf(TransientDataAccessResourceException.class).hasMessageContaining("No space left on device");

            Health down = health.health(true);
            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            assertThat(down.getDetails().get("reason")).asString().contains("No space left on device");
            assertThat(meters.get("lithair.storage.available").gauge().value()).isZero();

            disk.free();
            await().atMost(Duration.ofSeconds(30)).until(() -> health.health(true).getStatus().equals(Status.UP));
            notes.save(new Note("after", "written once space was freed"));
            assertThat(notes.findById("after")).isPresent();
            assertThat(meters.get("lithair.storage.available").gauge().value()).isEqualTo(1);
        }
    }
}
