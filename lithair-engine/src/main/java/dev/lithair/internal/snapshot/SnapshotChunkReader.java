package dev.lithair.internal.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.lithair.internal.codec.DecodingPipeline;
import dev.lithair.model.EntityCodec;
import dev.lithair.model.EntityTypes;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a snapshot of format version 2 (see {@link SnapshotFrame}) into a {@link SnapshotTarget}:
 * the thread that reads the frames hands each chunk to helper threads, which verify its checksum and
 * decode it, and applies the decoded chunks in file order. A chunk is used only after its checksum
 * holds; a damaged or missing frame abandons the restore.
 *
 * <p>Part chunks are decoded after every entity chunk is applied, because a part (an entity's
 * retained history) is read beside the entity it belongs to.
 *
 * <p>Not thread-safe: one reader per snapshot read.
 */
final class SnapshotChunkReader {

    private static final TypeReference<List<AppliedKey>> KEYS = new TypeReference<>() {
    };

    /** A decoded chunk, ready to apply. */
    private record Decoded(String type, String[] ids, Object[] values, EntitySection section) {
    }

    private final ObjectMapper mapper;
    private final EntityTypes types;

    SnapshotChunkReader(ObjectMapper mapper, EntityTypes types) {
        this.mapper = mapper;
        this.types = types;
    }

    /**
     * Restores the frames between {@code start} and {@code end} into {@code target}.
     *
     * @param sequence the sequence the file is named after, which its state must end at
     * @throws IOException when the snapshot is damaged or does not hold what its name says; the target
     *                     is then abandoned
     */
    void read(FileChannel channel, long start, long end, long sequence, SnapshotTarget target) throws IOException {
        SnapshotFrame first = SnapshotFrame.read(channel, start, end).verified();
        if (first.kind() != SnapshotFrame.STATE) {
            throw new IOException("malformed: the first frame is not the state frame");
        }
        JsonNode state = mapper.readTree(first.content());
        long lastSequence = state.path("lastSequence").asLong(-1);
        if (lastSequence != sequence) {
            throw new IOException("it holds the state after sequence " + lastSequence + " but is named after sequence "
                    + sequence);
        }
        Map<String, Integer> sizes = new HashMap<>();
        state.path("sizes").properties().forEach(size -> sizes.put(size.getKey(), size.getValue().asInt()));
        List<AppliedKey> appliedKeys = mapper.convertValue(state.path("appliedKeys"), KEYS);
        Map<String, JsonNode> sections = new LinkedHashMap<>();
        state.path("sections").properties().forEach(section -> sections.put(section.getKey(), section.getValue()));
        target.begin(lastSequence, sizes);
        try {
            readChunks(channel, first.end(), end, target);
            target.end(appliedKeys == null ? List.of() : appliedKeys, sections);
        } catch (IOException | RuntimeException e) {
            target.abandon();
            throw e;
        }
    }

    private void readChunks(FileChannel channel, long start, long end, SnapshotTarget target) throws IOException {
        long chunks = 0;
        long entities = 0;
        boolean partsStarted = false;
        long offset = start;
        try (DecodingPipeline<SnapshotFrame, Decoded> pipeline = new DecodingPipeline<>(
                frame -> decode(frame, target), (frame, decoded) -> apply(decoded, target),
                DecodingPipeline.helperThreads(), "lithair-snapshot-load")) {
            while (true) {
                SnapshotFrame frame = SnapshotFrame.read(channel, offset, end);
                offset = frame.end();
                if (frame.kind() == SnapshotFrame.ENTITIES) {
                    if (partsStarted) {
                        throw new IOException("malformed: an entity chunk after the part chunks at offset " + frame.offset());
                    }
                    pipeline.submit(frame);
                } else if (frame.kind() == SnapshotFrame.PARTS) {
                    if (!partsStarted) {
                        pipeline.drain(); // parts are read beside their entities: all of them restored first
                        partsStarted = true;
                    }
                    pipeline.submit(frame);
                } else if (frame.kind() == SnapshotFrame.END) {
                    pipeline.drain();
                    JsonNode counts = mapper.readTree(frame.verified().content());
                    if (counts.path("chunks").asLong(-1) != chunks) {
                        throw new IOException("incomplete: it holds " + chunks + " chunks, its end frame says "
                                + counts.path("chunks").asLong(-1));
                    }
                    break;
                } else {
                    throw new IOException("damaged frame at offset " + frame.offset() + ": unknown kind " + frame.kind());
                }
                chunks++;
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (offset != end) {
            throw new IOException("malformed: " + (end - offset) + " bytes after the end frame");
        }
    }

    /** On a helper thread. */
    private Decoded decode(SnapshotFrame frame, SnapshotTarget target) {
        JsonNode root;
        try {
            root = mapper.readTree(frame.verified().content());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!root.isArray() || root.size() < 2) {
            throw new IllegalStateException("malformed chunk at offset " + frame.offset());
        }
        return frame.kind() == SnapshotFrame.ENTITIES ? decodeEntities(root) : decodeParts(root, target);
    }

    private Decoded decodeEntities(JsonNode root) {
        String type = root.get(0).asString();
        EntityCodec<Object> codec = types.codec(type);
        JsonNode fieldNodes = root.get(1);
        String[] names = new String[fieldNodes.size()];
        for (int k = 0; k < names.length; k++) {
            names[k] = fieldNodes.get(k).asString();
        }
        int count = root.size() - 2;
        String[] ids = new String[count];
        Object[] entities = new Object[count];
        for (int i = 0; i < count; i++) {
            JsonNode row = root.get(i + 2);
            JsonNode values = row.get(1);
            if (values == null || values.size() != names.length) {
                throw new IllegalStateException("malformed row " + i + " in a chunk of " + type);
            }
            ObjectNode payload = JsonNodeFactory.instance.objectNode();
            for (int k = 0; k < names.length; k++) {
                payload.set(names[k], values.get(k));
            }
            ids[i] = row.get(0).asString();
            entities[i] = codec.fromPayload(payload);
        }
        return new Decoded(type, ids, entities, null);
    }

    private Decoded decodeParts(JsonNode root, SnapshotTarget target) {
        EntitySection section = target.entitySections().get(root.get(0).asString());
        String type = root.get(1).asString();
        if (section == null) {
            return new Decoded(type, new String[0], new Object[0], null); // a section this store no longer keeps
        }
        int count = root.size() - 2;
        String[] ids = new String[count];
        JsonNode[] parts = new JsonNode[count];
        Object[] current = new Object[count];
        for (int i = 0; i < count; i++) {
            JsonNode row = root.get(i + 2);
            ids[i] = row.get(0).asString();
            parts[i] = row.get(1);
            current[i] = target.restored(type, ids[i]);
        }
        return new Decoded(type, ids, section.readParts(type, ids, parts, current), section);
    }

    private static void apply(Decoded decoded, SnapshotTarget target) {
        if (decoded.section() != null) {
            decoded.section().restoreParts(decoded.type(), decoded.ids(), decoded.values());
        } else if (decoded.ids().length > 0 || decoded.values().length > 0) {
            target.entities(decoded.type(), decoded.ids(), decoded.values());
        }
    }
}
