package dev.lithair.spring.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.CreatedBy;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.mapping.context.PersistentEntities;

import dev.lithair.spring.core.mapping.LithairMappingContext;

/** Auditable classes are audited as Spring Data does; the others are handed back without asking for the auditor. */
class PerTypeAuditingHandlerTest {

    static class Note {
        @Id
        String id;
        @CreatedDate
        Instant createdAt;
        @CreatedBy
        String createdBy;
    }

    static class Plain {
        @Id
        String id;
        String text;
    }

    @Test
    void auditsAuditableClassesAndLeavesTheOthersWithoutAskingForTheAuditor() {
        LithairMappingContext context = new LithairMappingContext();
        context.setInitialEntitySet(Set.of(Note.class, Plain.class));
        context.initialize();
        PerTypeAuditingHandler handler = new PerTypeAuditingHandler(PersistentEntities.of(context));
        AtomicInteger auditorLookups = new AtomicInteger();
        handler.setAuditorAware(() -> {
            auditorLookups.incrementAndGet();
            return Optional.of("ann");
        });
        Instant now = Instant.parse("2026-11-27T10:00:00Z");
        handler.setDateTimeProvider(() -> Optional.of(now));

        Note note = handler.markCreated(new Note());
        assertThat(note.createdAt).isEqualTo(now);
        assertThat(note.createdBy).isEqualTo("ann");
        assertThat(auditorLookups).hasValue(1);

        Plain plain = new Plain();
        plain.text = "as given";
        for (int i = 0; i < 3; i++) {
            assertThat(handler.markCreated(plain)).isSameAs(plain);
            assertThat(handler.markModified(plain)).isSameAs(plain);
        }
        assertThat(plain.text).isEqualTo("as given");
        assertThat(auditorLookups).hasValue(1);
    }
}
