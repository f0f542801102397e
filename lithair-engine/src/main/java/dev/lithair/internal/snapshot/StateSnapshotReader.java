package dev.lithair.internal.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.lithair.internal.codec.OrderedPipeline;
import dev.lithair.model.EntityCodec;
import dev.lithair.model.EntityTypes;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the body of a snapshot of format version 1 (one document: {@code lastSequence}, entities by
 * type and id as payloads, {@code appliedKeys}, {@code sections}) as a stream: each entity's payload is read
 * as a small tree and turned into the entity on helper threads while the parser goes on, so the state
 * is never held a second time as trees (payload trees take more heap, and more collection time, than
 * the entities they become), and parsing and conversion share the cores.
 *
 * <p>Not thread-safe; one reader per snapshot read.
 */
public final class StateSnapshotReader implements SnapshotStore.BodyReader<RecoveredState> {

    private static final int BATCH = 1000;
    private static final TypeReference<List<AppliedKey>> KEYS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, JsonNode>> SECTIONS = new TypeReference<>() {
    };

    /** Payloads of one type, read and not yet converted. */
    private record PayloadBatch(String type, String[] ids, ObjectNode[] payloads) {
    }

    private final EntityTypes types;

    public StateSnapshotReader(EntityTypes types) {
        this.types = types;
    }

    @Override
    public RecoveredState read(JsonParser parser) {
        expect(parser.nextToken(), JsonToken.START_OBJECT, "a snapshot");
        long lastSequence = 0;
        List<RecoveredState.EntityBatch> entities = new ArrayList<>();
        List<AppliedKey> appliedKeys = List.of();
        Map<String, JsonNode> sections = null;
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "lastSequence" -> lastSequence = parser.getLongValue();
                case "entities" -> {
                    if (value != JsonToken.VALUE_NULL) {
                        readEntities(parser, entities);
                    }
                }
                case "appliedKeys" -> appliedKeys = value == JsonToken.VALUE_NULL ? List.of() : parser.readValueAs(KEYS);
                case "sections" -> sections = value == JsonToken.VALUE_NULL ? null : parser.readValueAs(SECTIONS);
                default -> parser.skipChildren();
            }
        }
        return new RecoveredState(lastSequence, entities, appliedKeys, sections);
    }

    private void readEntities(JsonParser parser, List<RecoveredState.EntityBatch> into) {
        expect(parser.currentToken(), JsonToken.START_OBJECT, "the entities");
        try (OrderedPipeline<PayloadBatch, RecoveredState.EntityBatch> pipeline = new OrderedPipeline<>(
                this::convert, (batch, converted) -> into.add(converted), OrderedPipeline.helperThreads(),
                "lithair-snapshot-load")) {
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String type = parser.currentName();
                expect(parser.nextToken(), JsonToken.START_OBJECT, "the entities of " + type);
                List<String> ids = new ArrayList<>(BATCH);
                List<ObjectNode> payloads = new ArrayList<>(BATCH);
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    ids.add(parser.currentName());
                    parser.nextToken();
                    payloads.add(parser.readValueAsTree());
                    if (ids.size() == BATCH) {
                        pipeline.submit(new PayloadBatch(type, ids.toArray(String[]::new),
                                payloads.toArray(ObjectNode[]::new)));
                        ids.clear();
                        payloads.clear();
                    }
                }
                if (!ids.isEmpty()) {
                    pipeline.submit(new PayloadBatch(type, ids.toArray(String[]::new), payloads.toArray(ObjectNode[]::new)));
                }
            }
            pipeline.drain();
        }
    }

    /** On a helper thread. */
    private RecoveredState.EntityBatch convert(PayloadBatch batch) {
        EntityCodec<Object> codec = types.codec(batch.type());
        Object[] entities = new Object[batch.payloads().length];
        for (int i = 0; i < entities.length; i++) {
            entities[i] = codec.fromPayload(batch.payloads()[i], batch.ids()[i]);
        }
        return new RecoveredState.EntityBatch(batch.type(), batch.ids(), entities);
    }

    private static void expect(JsonToken found, JsonToken expected, String what) {
        if (found != expected) {
            throw new IllegalStateException("malformed snapshot: " + what + " should start with " + expected
                    + ", found " + found);
        }
    }
}
