package dev.lithair.internal.codec;

import java.time.Instant;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonTokenId;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;

/**
 * Reads instants as Jackson's own {@link InstantDeserializer} does, but remembers the last text it
 * parsed: the events of one commit share their timestamp, so replaying a log parses each commit's
 * timestamp once instead of once per event (ISO-8601 parsing is a large part of replaying).
 *
 * <p>Thread-safe: the remembered pair is an immutable value behind a volatile reference; threads
 * decoding at once only overwrite each other's, never see a mixed one.
 */
final class RepeatedInstantDeserializer extends StdScalarDeserializer<Instant> {

    private record Parsed(String text, Instant instant) {
    }

    private volatile Parsed last;

    RepeatedInstantDeserializer() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
        if (parser.currentTokenId() != JsonTokenId.ID_STRING) {
            return InstantDeserializer.INSTANT.deserialize(parser, context);
        }
        String text = parser.getString();
        Parsed remembered = last;
        if (remembered != null && remembered.text().equals(text)) {
            return remembered.instant();
        }
        Instant instant = InstantDeserializer.INSTANT.deserialize(parser, context);
        last = new Parsed(text, instant);
        return instant;
    }
}
