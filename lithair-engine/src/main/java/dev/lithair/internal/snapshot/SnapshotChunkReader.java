package dev.lithair.internal.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.lithair.internal.codec.OrderedPipeline;
import dev.lithair.model.EntityTypes;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads a snapshot of format version 2 (see {@link SnapshotFrame}, {@link SnapshotChunkWriter}) into a
 * {@link SnapshotTarget}: the thread that reads the frames hands each chunk to helper threads, which
 * verify its checksum and decode its entities and their parts ({@link SnapshotChunkDecoder}), and
 * applies the decoded chunks in file order. A chunk is used only after its checksum holds; a damaged or
 * missing frame abandons the restore.
 *
 * <p>Not thread-safe: one reader per snapshot read.
 */
final class SnapshotChunkReader {

    private static final TypeReference<List<AppliedKey>> KEYS = new TypeReference<>() {
    };

    private final ObjectMapper mapper;
    private final SnapshotChunkDecoder decoder;

    SnapshotChunkReader(ObjectMapper mapper, EntityTypes types) {
        this.mapper = mapper;
        this.decoder = new SnapshotChunkDecoder(mapper, types);
    }

    /**
     * Restores the frames between {@code start} and {@code end} into {@code target}.
     *
     * @param sequence the sequence the file is named after, which its state must end at
     * @throws IOException when the snapshot is damaged or does not hold what its name says; the target
     *                     is then abandoned
     */
    void read(FileChannel channel, long start, long end, long sequence, SnapshotTarget target) throws IOException {
        SnapshotFrame first = stateFrame(channel, start, end);
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

    /**
     * Verifies every checksum and that the snapshot is complete, decoding no chunk.
     *
     * @return the sequence whose state it holds
     */
    long verify(FileChannel channel, long start, long end) throws IOException {
        SnapshotFrame first = stateFrame(channel, start, end);
        walkChunks(channel, first.end(), end, SnapshotFrame::verified, () -> {
        });
        return mapper.readTree(first.content()).path("lastSequence").asLong(-1);
    }

    private static SnapshotFrame stateFrame(FileChannel channel, long start, long end) throws IOException {
        SnapshotFrame first = SnapshotFrame.read(channel, start, end).verified();
        if (first.kind() != SnapshotFrame.STATE) {
            throw new IOException("malformed: the first frame is not the state frame");
        }
        return first;
    }

    private void readChunks(FileChannel channel, long start, long end, SnapshotTarget target) throws IOException {
        Map<String, EntitySection> sections = target.entitySections();
        try (OrderedPipeline<SnapshotFrame, SnapshotChunkDecoder.Decoded> pipeline = new OrderedPipeline<>(
                frame -> decoder.decode(frame, sections), (frame, decoded) -> apply(decoded, target),
                OrderedPipeline.helperThreads(), "lithair-snapshot-load", true)) {
            walkChunks(channel, start, end, pipeline::submit, pipeline::drain);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** What is done with a chunk's frame as the walk meets it. */
    @FunctionalInterface
    private interface ChunkSink {
        void accept(SnapshotFrame frame) throws IOException;
    }

    /**
     * Hands each chunk frame after the state frame to {@code chunk}, runs {@code beforeEnd} at the end
     * frame, then checks the end frame's count of chunks and that nothing follows it.
     */
    private void walkChunks(FileChannel channel, long start, long end, ChunkSink chunk, Runnable beforeEnd)
            throws IOException {
        long chunks = 0;
        long offset = start;
        while (true) {
            SnapshotFrame frame = SnapshotFrame.read(channel, offset, end);
            offset = frame.end();
            if (frame.kind() == SnapshotFrame.ENTITIES) {
                chunk.accept(frame);
                chunks++;
            } else if (frame.kind() == SnapshotFrame.END) {
                beforeEnd.run();
                long written = mapper.readTree(frame.verified().content()).path("chunks").asLong(-1);
                if (written != chunks) {
                    throw new IOException("incomplete: it holds " + chunks + " chunks, its end frame says " + written);
                }
                break;
            } else {
                throw new IOException("damaged frame at offset " + frame.offset() + ": unknown kind " + frame.kind());
            }
        }
        if (offset != end) {
            throw new IOException("malformed: " + (end - offset) + " bytes after the end frame");
        }
    }

    /** Parts first: the entities' listeners then find each retained history in place. */
    private static void apply(SnapshotChunkDecoder.Decoded decoded, SnapshotTarget target) {
        for (int k = 0; k < decoded.sections().length; k++) {
            if (decoded.sections()[k] != null) {
                decoded.sections()[k].restoreParts(decoded.type(), decoded.ids(), decoded.parts()[k]);
            }
        }
        int live = 0;
        for (Object entity : decoded.entities()) {
            live += entity == null ? 0 : 1;
        }
        if (live == decoded.ids().length) {
            target.entities(decoded.type(), decoded.ids(), decoded.entities());
            return;
        }
        String[] ids = new String[live];
        Object[] entities = new Object[live];
        for (int i = 0, j = 0; i < decoded.ids().length; i++) {
            if (decoded.entities()[i] != null) {
                ids[j] = decoded.ids()[i];
                entities[j++] = decoded.entities()[i];
            }
        }
        target.entities(decoded.type(), ids, entities);
    }
}
