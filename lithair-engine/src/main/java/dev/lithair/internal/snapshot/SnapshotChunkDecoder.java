package dev.lithair.internal.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.lithair.model.EntityCodec;
import dev.lithair.model.EntityTypes;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Decodes one entity chunk of a snapshot (its layout is in {@link SnapshotChunkWriter}) by walking the
 * parser's tokens: each row's values go straight to the type's {@link EntityCodec.RowReader}, its parts
 * to each section's {@link EntitySection.PartReader}, and only a value that is itself an array or an
 * object is read as a tree. Reading the whole chunk as a tree first, then a payload per entity, made
 * three times the objects the state keeps, and their collection was a third of the load.
 *
 * <p>Scalars become the nodes the mapper's tree reader would make of them; numbers whose node depends
 * on the mapper's features are left to it whenever one of those features is on.
 *
 * <p>Thread-safe: helper threads decode chunks concurrently.
 */
final class SnapshotChunkDecoder {

    /**
     * A decoded chunk, ready to apply: {@code entities[i]} under {@code ids[i]} ({@code null} for an
     * entity no longer live), {@code parts[k][i]} its part of {@code sections[k]} ({@code null} for a
     * section this store does not keep).
     */
    record Decoded(String type, String[] ids, Object[] entities, EntitySection[] sections, Object[][] parts) {
    }

    private final ObjectMapper mapper;
    private final EntityTypes types;
    private final JsonNodeFactory nodes;
    /** Whether integers and decimals may be made here: none of the features that change their nodes is on. */
    private final boolean plainNumbers;

    SnapshotChunkDecoder(ObjectMapper mapper, EntityTypes types) {
        this.mapper = mapper;
        this.types = types;
        DeserializationConfig config = mapper.deserializationConfig();
        this.nodes = config.getNodeFactory();
        this.plainNumbers = !config.isEnabled(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
                && !config.isEnabled(DeserializationFeature.USE_LONG_FOR_INTS)
                && !config.isEnabled(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
    }

    /**
     * The chunk's rows, decoded.
     *
     * @param known the sections this store keeps, by name
     * @throws UncheckedIOException  when its checksum does not hold
     * @throws IllegalStateException when the chunk is not of the layout above
     */
    Decoded decode(SnapshotFrame frame, Map<String, EntitySection> known) {
        byte[] content;
        try {
            content = frame.verified().content();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (JsonParser parser = mapper.createParser(content)) {
            return decode(parser, frame.offset(), known);
        }
    }

    private Decoded decode(JsonParser parser, long offset, Map<String, EntitySection> known) {
        if (parser.nextToken() != JsonToken.START_ARRAY || parser.nextToken() != JsonToken.VALUE_STRING) {
            throw malformed(offset);
        }
        String type = parser.getString();
        EntityCodec<Object> codec = types.codec(type);
        String[] names = strings(parser, offset);
        String[] sectionNames = strings(parser, offset);
        EntityCodec.RowReader<Object> rows = codec.rowReader(names);
        EntitySection[] sections = new EntitySection[sectionNames.length];
        EntitySection.PartReader[] partReaders = new EntitySection.PartReader[sectionNames.length];
        for (int k = 0; k < sectionNames.length; k++) {
            sections[k] = known.get(sectionNames[k]); // null: a section this store no longer keeps
            partReaders[k] = sections[k] == null ? SnapshotChunkDecoder::skipped
                    : sections[k].partReader(type, this::value);
        }
        List<String> ids = new ArrayList<>(SnapshotFrame.ROWS);
        List<Object> entities = new ArrayList<>(SnapshotFrame.ROWS);
        List<List<Object>> parts = new ArrayList<>(sectionNames.length);
        for (int k = 0; k < sectionNames.length; k++) {
            parts.add(new ArrayList<>(SnapshotFrame.ROWS));
        }
        JsonNode[] values = new JsonNode[names.length];
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.START_ARRAY) {
            int row = ids.size();
            if (parser.nextToken() != JsonToken.VALUE_STRING) {
                throw malformed(row, type, offset);
            }
            String id = parser.getString();
            token = parser.nextToken();
            Object entity = null;
            if (token == JsonToken.START_ARRAY) {
                int k = 0;
                while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                    if (token == null || k == names.length) {
                        throw malformed(row, type, offset);
                    }
                    values[k++] = value(parser);
                }
                if (k != names.length) {
                    throw malformed(row, type, offset);
                }
                entity = rows.read(values, id);
            } else if (token != JsonToken.VALUE_NULL) {
                throw malformed(row, type, offset);
            }
            for (int k = 0; k < partReaders.length; k++) {
                token = parser.nextToken();
                if (token == null || token == JsonToken.END_ARRAY) {
                    throw malformed(row, type, offset);
                }
                parts.get(k).add(partReaders[k].read(id, parser, entity));
            }
            if (parser.nextToken() != JsonToken.END_ARRAY) {
                throw malformed(row, type, offset);
            }
            ids.add(id);
            entities.add(entity);
        }
        if (token != JsonToken.END_ARRAY || parser.nextToken() != null) {
            throw malformed(offset);
        }
        Object[][] partArrays = new Object[sectionNames.length][];
        for (int k = 0; k < sectionNames.length; k++) {
            partArrays[k] = parts.get(k).toArray();
        }
        return new Decoded(type, ids.toArray(String[]::new), entities.toArray(), sections, partArrays);
    }

    /** The part of a section this store no longer keeps: passed over. */
    private static Object skipped(String id, JsonParser parser, Object current) {
        parser.skipChildren();
        return null;
    }

    /** The node the mapper's tree reader makes of the value at the parser's current token. */
    JsonNode value(JsonParser parser) {
        switch (parser.currentToken()) {
            case VALUE_STRING:
                return nodes.stringNode(parser.getString());
            case VALUE_TRUE:
                return nodes.booleanNode(true);
            case VALUE_FALSE:
                return nodes.booleanNode(false);
            case VALUE_NULL:
                return nodes.nullNode();
            case VALUE_NUMBER_INT:
                if (plainNumbers && parser.getNumberType() == JsonParser.NumberType.INT) {
                    return nodes.numberNode(parser.getIntValue());
                }
                if (plainNumbers && parser.getNumberType() == JsonParser.NumberType.LONG) {
                    return nodes.numberNode(parser.getLongValue());
                }
                break;
            case VALUE_NUMBER_FLOAT:
                if (plainNumbers && parser.getNumberTypeFP() == JsonParser.NumberTypeFP.BIG_DECIMAL) {
                    return nodes.numberNode(parser.getDecimalValue());
                }
                break;
            default:
                break;
        }
        return parser.readValueAsTree();
    }

    private static String[] strings(JsonParser parser, long offset) {
        if (parser.nextToken() != JsonToken.START_ARRAY) {
            throw malformed(offset);
        }
        List<String> strings = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.VALUE_STRING) {
            strings.add(parser.getString());
        }
        if (token != JsonToken.END_ARRAY) {
            throw malformed(offset);
        }
        return strings.toArray(String[]::new);
    }

    private static IllegalStateException malformed(long offset) {
        return new IllegalStateException("malformed chunk at offset " + offset);
    }

    private static IllegalStateException malformed(int row, String type, long offset) {
        return new IllegalStateException("malformed row " + row + " in the chunk of " + type + " at offset " + offset);
    }
}
