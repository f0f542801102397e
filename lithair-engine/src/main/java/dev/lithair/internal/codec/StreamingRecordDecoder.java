package dev.lithair.internal.codec;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import dev.lithair.event.EventEnvelope;
import dev.lithair.event.EventType;

/**
 * Reads a {@link LogRecord} as written by {@link RecordCodec#encode}, walking the parser's tokens
 * instead of going through Jackson's record deserialisation (which buffers every property and calls
 * the constructors through reflective spreaders: a third of a replay). Payloads are still read as
 * trees by the same mapper, so they are the same nodes.
 *
 * <p>It answers {@code null} for anything but the plain shape of a record (an unknown property, a
 * token of an unexpected type, a value a constructor refuses): the caller then reads the bytes again
 * with Jackson, whose answer and errors stay the reference.
 *
 * <p>Thread-safe: stateless.
 */
final class StreamingRecordDecoder {

    private StreamingRecordDecoder() {
    }

    /** The record in {@code bytes}, or {@code null} when Jackson must read it. */
    static LogRecord decode(ObjectMapper mapper, byte[] bytes, int offset, int length) {
        try (JsonParser parser = mapper.createParser(bytes, offset, length)) {
            return record(parser);
        } catch (RuntimeException unusual) {
            return null;
        }
    }

    private static LogRecord record(JsonParser parser) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String idempotencyKey = null;
        String previousHash = null;
        List<EventEnvelope> events = null;
        Timestamps timestamps = new Timestamps();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "idempotencyKey" -> idempotencyKey = text(parser, value);
                case "previousHash" -> previousHash = text(parser, value);
                case "events" -> {
                    if (value != JsonToken.START_ARRAY) {
                        return null;
                    }
                    events = new ArrayList<>();
                    JsonToken element;
                    while ((element = parser.nextToken()) == JsonToken.START_OBJECT) {
                        EventEnvelope event = event(parser, timestamps);
                        if (event == null) {
                            return null;
                        }
                        events.add(event);
                    }
                    if (element != JsonToken.END_ARRAY) {
                        return null;
                    }
                }
                default -> {
                    return null;
                }
            }
            if (value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NULL || name.equals("events")) {
                continue;
            }
            return null; // a key or hash that is not text
        }
        if (token != JsonToken.END_OBJECT || events == null) {
            return null;
        }
        return new LogRecord(idempotencyKey, events, previousHash);
    }

    private static EventEnvelope event(JsonParser parser, Timestamps timestamps) {
        EventType eventType = null;
        String eventId = null;
        long sequence = 0;
        Instant timestamp = null;
        String actor = null;
        String entityType = null;
        String entityId = null;
        JsonNode payload = null;
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals("payload")) {
                if (value == JsonToken.VALUE_NULL) {
                    return null;
                }
                payload = parser.readValueAsTree();
                continue;
            }
            if (name.equals("sequence")) {
                if (value != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    return null;
                }
                sequence = parser.getLongValue();
                continue;
            }
            if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
                return null;
            }
            String text = value == JsonToken.VALUE_NULL ? null : parser.getString();
            switch (name) {
                case "eventType" -> {
                    if (text == null) {
                        return null;
                    }
                    eventType = EventType.valueOf(text);
                }
                case "eventId" -> eventId = text;
                case "timestamp" -> timestamp = text == null ? null : timestamps.parse(text);
                case "actor" -> actor = text;
                case "entityType" -> entityType = text;
                case "entityId" -> entityId = text;
                default -> {
                    return null;
                }
            }
        }
        if (token != JsonToken.END_OBJECT || payload == null || timestamp == null) {
            return null;
        }
        return new EventEnvelope(eventType, eventId, sequence, timestamp, actor, entityType, entityId, payload);
    }

    private static String text(JsonParser parser, JsonToken value) {
        return value == JsonToken.VALUE_STRING ? parser.getString() : null;
    }

    /** The events of a record share their timestamp: its text is parsed once. */
    private static final class Timestamps {
        private String lastText;
        private Instant last;

        Instant parse(String text) {
            if (!text.equals(lastText)) {
                try {
                    last = DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from);
                } catch (DateTimeException notPlainIso) {
                    throw new IllegalArgumentException(notPlainIso); // Jackson reads it its own way
                }
                lastText = text;
            }
            return last;
        }
    }
}
