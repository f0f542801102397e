package dev.lithair.internal.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A retained change holds no default event id; the id it gives back is always the one committed. */
class EventStampTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    @ParameterizedTest(name = "{0} of {1}/{2} at {3}: default {4}")
    @CsvSource({
            "Product:p1:12,      Product, p1,    12, true",
            "Product:p1:1,       Product, p1,    1,  true",
            "Product:p1:10,      Product, p1,    10, true",
            "Product:a:b:7,      Product, a:b,   7,  true",
            "Product:p1:012,     Product, p1,    12, false",
            "Product:p1:13,      Product, p1,    12, false",
            "Product:p1:112,     Product, p1,    12, false",
            "Product:p1:2,       Product, p1,    12, false",
            "Product:p1:,        Product, p1,    12, false",
            "Product:p1:1x,      Product, p1,    1,  false",
            "Product:p10:1,      Product, p1,    1,  false",
            "Product:p1:9223372036854775807, Product, p1, 9223372036854775807, true",
            "Order:p1:12,        Product, p1,    12, false",
            "create-p1,          Product, p1,    12, false",
            "Product:p1:12#0,    Product, p1,    12, false",
    })
    void givenAnEventIdWhenStampedThenItIsHeldOnlyWhenNotTheDefaultAndReadBackUnchanged(String eventId, String type,
            String id, long sequence, boolean isDefault) {
        EventStamp stamp = EventStamp.of(type, id, sequence, AT, eventId, "alice");

        assertThat(stamp.explicitEventId()).isEqualTo(isDefault ? null : eventId);
        assertThat(stamp.eventId(type, id)).isEqualTo(eventId);
        assertThat(stamp.sequence()).isEqualTo(sequence);
        assertThat(stamp.timestamp()).isEqualTo(AT);
        assertThat(stamp.actor()).isEqualTo("alice");
    }
}
