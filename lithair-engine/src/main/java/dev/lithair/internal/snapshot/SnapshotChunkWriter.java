package dev.lithair.internal.snapshot;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.lithair.internal.codec.OrderedPipeline;
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
 * <p>An entity chunk is {@code [type, [field, ...], [section, ...], row, ...]}, a row
 * {@code [id, [value, ...], part, ...]}: the entity's values in the chunk's field order ({@code null}
 * for an entity no longer live whose retained history is kept), then its part of each section
 * ({@code null} when it has none). Rows are in ascending id order (see {@link CapturedRows#sortById}),
 * which also joins each entity with its parts; an entity whose payload has other fields (a schemaless
 * document, or a payload that omits a field) starts a new chunk.
 *
 * <p>Rows are joined and chunks written on the calling thread; chunks are encoded on helper threads.
 * Not thread-safe: one writer per snapshot.
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
        Map<String, CapturedRows> tables = new LinkedHashMap<>();
        state.entities().forEach(rows -> tables.put(rows.type(), rows));
        state.sizes().keySet().forEach(type -> tables.putIfAbsent(type, new CapturedRows(type, new String[0], new Object[0])));
        List<EntitySection> sections = new ArrayList<>(state.parts().keySet());
        Map<String, CapturedRows[]> partsByType = new LinkedHashMap<>();
        for (int k = 0; k < sections.size(); k++) {
            for (CapturedRows rows : state.parts().get(sections.get(k))) {
                partsByType.computeIfAbsent(rows.type(), type -> new CapturedRows[sections.size()])[k] = rows;
                tables.putIfAbsent(rows.type(), new CapturedRows(rows.type(), new String[0], new Object[0]));
            }
        }
        // The snapshot thread joins rows and writes; encoding, most of the work, runs on every core.
        int encoders = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        try (OrderedPipeline<Batch, List<byte[]>> pipeline = new OrderedPipeline<>(this::encode,
                (batch, encoded) -> writeChunks(encoded), encoders, "lithair-snapshot-encode")) {
            for (CapturedRows rows : tables.values()) {
                int live = join(rows, sections, partsByType.getOrDefault(rows.type(), new CapturedRows[sections.size()]),
                        pipeline::submit);
                int expected = state.sizes().getOrDefault(rows.type(), 0);
                if (live != expected) {
                    // Never a snapshot that silently lacks entities: the log still holds them all.
                    throw new IllegalStateException("the capture of " + rows.type() + " holds " + live
                            + " live entities, its table " + expected);
                }
                entities += live;
            }
            pipeline.drain();
        } catch (UncheckedIOException e) {
            throw e.getCause();
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
            for (Map.Entry<String, Integer> size : state.sizes().entrySet()) {
                gen.writeNumberProperty(size.getKey(), size.getValue());
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

    /**
     * Up to {@link SnapshotFrame#ROWS} rows of one type, joined by id: {@code entities[i]} ({@code null}
     * when no longer live) and its part of each section {@code parts[k][i]} ({@code null} when none).
     */
    private record Batch(String type, List<EntitySection> sections, String[] ids, Object[] entities, Object[][] parts) {
    }

    /**
     * Joins one type's entities, by id, with their parts of every section, in batches of rows; an entity
     * not captured from its table is taken from a part that carries it.
     *
     * @return the live entities joined
     */
    private static int join(CapturedRows live, List<EntitySection> sections, CapturedRows[] parts,
            Consumer<Batch> batches) {
        live.sortById();
        for (CapturedRows rows : parts) {
            if (rows != null) {
                rows.sortById();
            }
        }
        int[] next = new int[parts.length];
        int nextLive = 0;
        int liveCount = 0;
        Batch batch = null;
        int inBatch = 0;
        while (true) {
            String id = nextLive < live.size() ? live.ids()[nextLive] : null;
            for (int k = 0; k < parts.length; k++) {
                if (parts[k] != null && next[k] < parts[k].size()) {
                    String candidate = parts[k].ids()[next[k]];
                    id = id == null || candidate.compareTo(id) < 0 ? candidate : id;
                }
            }
            if (id == null) {
                break;
            }
            if (batch == null) {
                batch = new Batch(live.type(), sections, new String[SnapshotFrame.ROWS], new Object[SnapshotFrame.ROWS],
                        new Object[parts.length][SnapshotFrame.ROWS]);
            }
            batch.ids()[inBatch] = id;
            if (nextLive < live.size() && live.ids()[nextLive].equals(id)) {
                batch.entities()[inBatch] = live.values()[nextLive++];
            }
            for (int k = 0; k < parts.length; k++) {
                if (parts[k] != null && next[k] < parts[k].size() && parts[k].ids()[next[k]].equals(id)) {
                    batch.parts()[k][inBatch] = parts[k].values()[next[k]++];
                    if (batch.entities()[inBatch] == null && sections.get(k).carriesEntities(live.type())) {
                        batch.entities()[inBatch] = sections.get(k).entityOf(batch.parts()[k][inBatch]);
                    }
                }
            }
            liveCount += batch.entities()[inBatch] == null ? 0 : 1;
            if (++inBatch == SnapshotFrame.ROWS) {
                batches.accept(batch);
                batch = null;
                inBatch = 0;
            }
        }
        if (batch != null) {
            Object[][] rest = new Object[parts.length][];
            for (int k = 0; k < parts.length; k++) {
                rest[k] = Arrays.copyOf(batch.parts()[k], inBatch);
            }
            batches.accept(new Batch(live.type(), sections, Arrays.copyOf(batch.ids(), inBatch),
                    Arrays.copyOf(batch.entities(), inBatch), rest));
        }
        return liveCount;
    }

    /** On a helper thread: the batch as chunks, a new one wherever the entities' fields change. */
    private List<byte[]> encode(Batch batch) {
        EntityCodec<Object> codec = types.codec(batch.type());
        SnapshotFrame.Buffer bytes = new SnapshotFrame.Buffer();
        List<byte[]> encoded = new ArrayList<>(1);
        String[] names = null;
        JsonNode[] values = new JsonNode[0];
        JsonGenerator gen = null;
        for (int i = 0; i < batch.ids().length; i++) {
            ObjectNode payload = batch.entities()[i] == null ? null : codec.toPayload(batch.entities()[i]);
            boolean sameFields = payload == null || names != null && names.length == payload.size();
            if (payload != null) {
                if (values.length < payload.size()) {
                    values = new JsonNode[payload.size()];
                }
                int position = 0;
                for (Map.Entry<String, JsonNode> field : payload.properties()) {
                    sameFields = sameFields && names[position].equals(field.getKey());
                    values[position++] = field.getValue();
                }
            }
            if (gen == null || !sameFields) {
                if (gen != null) {
                    encoded.add(finishChunk(gen, bytes));
                }
                names = payload == null ? new String[0] : payload.propertyNames().toArray(String[]::new);
                gen = startChunk(bytes, batch.type(), names, batch.sections());
            }
            gen.writeStartArray();
            gen.writeString(batch.ids()[i]);
            if (payload == null) {
                gen.writeNull();
            } else {
                gen.writeStartArray();
                for (int k = 0; k < names.length; k++) {
                    gen.writeTree(values[k]);
                }
                gen.writeEndArray();
            }
            for (int k = 0; k < batch.parts().length; k++) {
                Object part = batch.parts()[k][i];
                if (part == null) {
                    gen.writeNull();
                } else {
                    batch.sections().get(k).writePart(gen, batch.type(), batch.ids()[i], part);
                }
            }
            gen.writeEndArray();
        }
        if (gen != null) {
            encoded.add(finishChunk(gen, bytes));
        }
        return encoded;
    }

    private JsonGenerator startChunk(SnapshotFrame.Buffer bytes, String type, String[] names,
            List<EntitySection> sections) {
        bytes.reset();
        JsonGenerator gen = mapper.createGenerator(bytes);
        gen.writeStartArray();
        gen.writeString(type);
        gen.writeStartArray();
        for (String name : names) {
            gen.writeString(name);
        }
        gen.writeEndArray();
        gen.writeStartArray();
        for (EntitySection section : sections) {
            gen.writeString(section.name());
        }
        gen.writeEndArray();
        return gen;
    }

    private static byte[] finishChunk(JsonGenerator gen, SnapshotFrame.Buffer bytes) {
        gen.writeEndArray();
        gen.close();
        return Arrays.copyOf(bytes.array(), bytes.size());
    }

    /** On the snapshot thread, in order. */
    private void writeChunks(List<byte[]> encoded) {
        try {
            for (byte[] chunk : encoded) {
                SnapshotFrame.write(out, SnapshotFrame.ENTITIES, chunk, chunk.length);
                chunks++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
