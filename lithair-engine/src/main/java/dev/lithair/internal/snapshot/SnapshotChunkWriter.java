package dev.lithair.internal.snapshot;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import dev.lithair.model.EntityCodec;
import dev.lithair.model.EntityTypes;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link CapturedState} as the frames of a snapshot of format version 2 (see
 * {@link SnapshotFrame}), entity by entity from the capture's references: nothing of the state is
 * materialised a second time, only one chunk's bytes at once.
 *
 * <p>Entities are written in ascending id order (see {@link CapturedRows#sortById}). An entity chunk
 * names its type and its fields once, then holds each entity as
 * {@code [id, [value, ...]]} in that field order; an entity whose payload has other fields (a
 * schemaless document, or a payload that omits a field) starts a new chunk. A part chunk names its
 * section and type, then holds {@code [id, part]} rows as the section writes them.
 *
 * <p>Not thread-safe: one writer per snapshot.
 */
final class SnapshotChunkWriter {

    private final ObjectMapper mapper;
    private final EntityTypes types;
    private final DataOutputStream out;
    private final SnapshotFrame.Buffer buffer = new SnapshotFrame.Buffer();
    private long chunks;
    private long entities;

    SnapshotChunkWriter(ObjectMapper mapper, EntityTypes types, DataOutputStream out) {
        this.mapper = mapper;
        this.types = types;
        this.out = out;
    }

    void write(CapturedState state) throws IOException {
        writeState(state);
        for (CapturedRows rows : state.entities()) {
            writeEntities(rows);
        }
        for (Map.Entry<EntitySection, List<CapturedRows>> section : state.parts().entrySet()) {
            for (CapturedRows rows : section.getValue()) {
                writeParts(section.getKey(), rows);
            }
        }
        buffer.reset();
        try (JsonGenerator gen = mapper.createGenerator(buffer)) {
            gen.writeStartObject();
            gen.writeNumberProperty("chunks", chunks);
            gen.writeNumberProperty("entities", entities);
            gen.writeEndObject();
        }
        SnapshotFrame.write(out, SnapshotFrame.END, buffer.array(), buffer.size());
    }

    private void writeState(CapturedState state) throws IOException {
        buffer.reset();
        try (JsonGenerator gen = mapper.createGenerator(buffer)) {
            gen.writeStartObject();
            gen.writeNumberProperty("lastSequence", state.lastSequence());
            gen.writeName("sizes");
            gen.writeStartObject();
            for (CapturedRows rows : state.entities()) {
                gen.writeNumberProperty(rows.type(), rows.size());
            }
            gen.writeEndObject();
            gen.writeName("appliedKeys");
            gen.writePOJO(state.appliedKeys());
            gen.writeName("sections");
            gen.writeStartObject();
            for (Map.Entry<SnapshotSection, Object> section : state.sections().entrySet()) {
                gen.writeName(section.getKey().name());
                gen.writeTree(section.getKey().serialize(section.getValue()));
            }
            gen.writeEndObject();
            gen.writeEndObject();
        }
        SnapshotFrame.write(out, SnapshotFrame.STATE, buffer.array(), buffer.size());
    }

    private void writeEntities(CapturedRows rows) throws IOException {
        rows.sortById();
        EntityCodec<Object> codec = types.codec(rows.type());
        String[] names = null;
        JsonNode[] values = new JsonNode[0];
        JsonGenerator gen = null;
        int inChunk = 0;
        for (int i = 0; i < rows.size(); i++) {
            ObjectNode payload = codec.toPayload(rows.values()[i]);
            if (values.length < payload.size()) {
                values = new JsonNode[payload.size()];
            }
            boolean sameFields = names != null && names.length == payload.size();
            int position = 0;
            for (Map.Entry<String, JsonNode> field : payload.properties()) {
                sameFields = sameFields && names[position].equals(field.getKey());
                values[position++] = field.getValue();
            }
            if (gen == null || !sameFields || inChunk == SnapshotFrame.ROWS) {
                if (gen != null) {
                    finishChunk(gen, SnapshotFrame.ENTITIES);
                }
                names = payload.propertyNames().toArray(String[]::new);
                gen = startChunk();
                gen.writeString(rows.type());
                gen.writeStartArray();
                for (String name : names) {
                    gen.writeString(name);
                }
                gen.writeEndArray();
                inChunk = 0;
            }
            gen.writeStartArray();
            gen.writeString(rows.ids()[i]);
            gen.writeStartArray();
            for (int k = 0; k < names.length; k++) {
                gen.writeTree(values[k]);
            }
            gen.writeEndArray();
            gen.writeEndArray();
            inChunk++;
            entities++;
        }
        if (gen != null) {
            finishChunk(gen, SnapshotFrame.ENTITIES);
        }
    }

    private void writeParts(EntitySection section, CapturedRows rows) throws IOException {
        JsonGenerator gen = null;
        int inChunk = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (gen == null || inChunk == SnapshotFrame.ROWS) {
                if (gen != null) {
                    finishChunk(gen, SnapshotFrame.PARTS);
                }
                gen = startChunk();
                gen.writeString(section.name());
                gen.writeString(rows.type());
                inChunk = 0;
            }
            gen.writeStartArray();
            gen.writeString(rows.ids()[i]);
            section.writePart(gen, rows.type(), rows.ids()[i], rows.values()[i]);
            gen.writeEndArray();
            inChunk++;
        }
        if (gen != null) {
            finishChunk(gen, SnapshotFrame.PARTS);
        }
    }

    private JsonGenerator startChunk() {
        buffer.reset();
        JsonGenerator gen = mapper.createGenerator(buffer);
        gen.writeStartArray();
        return gen;
    }

    private void finishChunk(JsonGenerator gen, byte kind) throws IOException {
        gen.writeEndArray();
        gen.close();
        SnapshotFrame.write(out, kind, buffer.array(), buffer.size());
        chunks++;
    }
}
