package dev.lithair.internal.history;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.lithair.internal.history.RetainedHistoryFormat.Decoding;
import dev.lithair.internal.history.RetainedHistoryFormat.Stored;
import dev.lithair.internal.history.RetainedHistoryFormat.StoredChange;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * Reads an entity's retained history (its object in the {@link RetainedHistoryFormat}) token by token
 * from a snapshot chunk's parser, into the same stored form a tree gives, so that loading a snapshot
 * builds no tree per entity: those trees were a third of what a load allocated.
 *
 * <p>Thread-safe: stateless; a {@link Decoding} is one thread's.
 */
final class RetainedHistoryParser {

    private RetainedHistoryParser() {
    }

    /**
     * The entity's history read from a parser at the start of its object, which it consumes whole, or
     * {@code null} when nothing of it is to be kept: the same history as from the object's tree, without
     * building the tree.
     *
     * @param values makes the node of the value at the parser's current token, reading a container whole
     * @throws IllegalStateException when it is not of the format above
     */
    static EntityHistory read(LifecycleModel model, String type, String id, JsonParser parser,
            Function<JsonParser, JsonNode> values, Object current, Decoding decoding) {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw malformed(type, id);
        }
        Stored stored = new Stored();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            switch (name) {
                case "c" -> stored.createdSequence = token == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : 0;
                case "ct" -> stored.createdAt = instant(parser, token, decoding, type, id);
                case "m" -> stored.modifiedAt = instant(parser, token, decoding, type, id);
                case "d" -> stored.deletedAt = instant(parser, token, decoding, type, id);
                case "l" -> readLifetimes(parser, token, stored, decoding, type, id);
                case "f" -> readFields(parser, token, values, stored, decoding, type, id);
                case "vn" -> stored.versions = readVersions(parser, token, model, type, id);
                default -> parser.skipChildren();
            }
        }
        if (parser.currentToken() != JsonToken.END_OBJECT) {
            throw malformed(type, id);
        }
        return RetainedHistoryFormat.assemble(model, type, id, stored, current, decoding);
    }

    private static void readLifetimes(JsonParser parser, JsonToken token, Stored stored, Decoding decoding,
            String type, String id) {
        if (token != JsonToken.START_ARRAY) {
            throw malformed(type, id);
        }
        while (parser.nextToken() == JsonToken.START_ARRAY) {
            long sequence = sequence(parser, parser.nextToken(), type, id);
            Instant createdAt = instant(parser, parser.nextToken(), decoding, type, id);
            Instant deletedAt = instant(parser, parser.nextToken(), decoding, type, id);
            if (parser.nextToken() != JsonToken.END_ARRAY) {
                throw malformed(type, id);
            }
            stored.lifetime(new EntityHistory.Lifetime(sequence, createdAt, deletedAt));
        }
        if (parser.currentToken() != JsonToken.END_ARRAY) {
            throw malformed(type, id);
        }
    }

    private static void readFields(JsonParser parser, JsonToken token, Function<JsonParser, JsonNode> values,
            Stored stored, Decoding decoding, String type, String id) {
        if (token != JsonToken.START_OBJECT) {
            throw malformed(type, id);
        }
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            List<StoredChange> changes = stored.field(parser.currentName());
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw malformed(type, id);
            }
            while (parser.nextToken() == JsonToken.START_ARRAY) {
                long sequence = sequence(parser, parser.nextToken(), type, id);
                Instant at = instant(parser, parser.nextToken(), decoding, type, id);
                String eventId = text(parser, parser.nextToken(), type, id);
                String actor = text(parser, parser.nextToken(), type, id);
                parser.nextToken();
                JsonNode newValue = values.apply(parser);
                JsonNode oldValue = null;
                if (parser.nextToken() != JsonToken.END_ARRAY) {
                    oldValue = values.apply(parser);
                    if (parser.nextToken() != JsonToken.END_ARRAY) {
                        throw malformed(type, id);
                    }
                }
                changes.add(new StoredChange(sequence, at, eventId, actor == null ? null : decoding.actor(actor), newValue,
                        oldValue));
            }
            if (parser.currentToken() != JsonToken.END_ARRAY) {
                throw malformed(type, id);
            }
        }
        if (parser.currentToken() != JsonToken.END_OBJECT) {
            throw malformed(type, id);
        }
    }

    /** The {@code "vn"} pairs, as the tree's are read. */
    private static Map<Long, Long> readVersions(JsonParser parser, JsonToken token, LifecycleModel model, String type,
            String id) {
        if (model.versionField() == null) {
            parser.skipChildren();
            return Map.of();
        }
        if (token != JsonToken.START_ARRAY) {
            throw new IllegalStateException("the versions of " + type + " " + id + " are not [sequence, version] pairs");
        }
        Map<Long, Long> versions = new HashMap<>();
        while (true) {
            JsonToken sequence = parser.nextToken();
            if (sequence == JsonToken.END_ARRAY) {
                return versions;
            }
            long at = integer(parser, sequence, type, id);
            JsonToken version = parser.nextToken();
            if (version == JsonToken.END_ARRAY) {
                throw new IllegalStateException("the versions of " + type + " " + id
                        + " are not [sequence, version] pairs: an odd count");
            }
            versions.put(at, integer(parser, version, type, id));
        }
    }

    private static long integer(JsonParser parser, JsonToken token, String type, String id) {
        if (token != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw RetainedHistoryFormat.notPairs(type, id, String.valueOf(token));
        }
        return parser.getLongValue();
    }

    private static long sequence(JsonParser parser, JsonToken token, String type, String id) {
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw malformed(type, id);
        }
        return parser.getLongValue();
    }

    private static String text(JsonParser parser, JsonToken token, String type, String id) {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw malformed(type, id);
        }
        return parser.getString();
    }

    private static Instant instant(JsonParser parser, JsonToken token, Decoding decoding, String type,
            String id) {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return decoding.instantOfNanos(parser.getLongValue());
        }
        if (token == JsonToken.VALUE_STRING) {
            return decoding.instant(Instant.parse(parser.getString()));
        }
        throw malformed(type, id);
    }

    private static IllegalStateException malformed(String type, String id) {
        return new IllegalStateException("the retained history of " + type + " " + id + " is malformed");
    }
}
