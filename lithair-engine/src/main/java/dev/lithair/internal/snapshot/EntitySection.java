package dev.lithair.internal.snapshot;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;

/**
 * State kept per entity (retained history, for one) that snapshots hold beside each entity, in the
 * entity's row: written from a capture of references and decoded on helper threads, so neither taking
 * nor loading a snapshot holds the section twice.
 *
 * <p>Capturing and restoring run on the store's applying thread; {@link #writePart} and
 * {@link #partReader} on helper threads, concurrently.
 */
public interface EntitySection {

    /** The section's name in the snapshot; stable across releases. */
    String name();

    /**
     * Whether every live entity of the type has a part that holds the entity itself ({@link #entityOf}):
     * a capture then copies only the parts, and the snapshot takes each entity from its part.
     */
    boolean carriesEntities(String type);

    /** The live entity a part holds, {@code null} when it holds none (an entity no longer live). */
    Object entityOf(Object part);

    /** The parts as they are now, per type: a copy of references, on the applying thread between groups. */
    List<CapturedRows> captureParts();

    /** Writes one captured part as a single value. */
    void writePart(JsonGenerator generator, String type, String id, Object part);

    /**
     * A reader of one chunk's parts of a type, on a helper thread: each part is read straight from the
     * chunk's parser, without a tree.
     *
     * @param values makes the node of the value at the parser's current token as the snapshot's mapper
     *               would, reading a container whole
     */
    PartReader partReader(String type, Function<JsonParser, JsonNode> values);

    /** Reads the parts of one chunk, row by row; one reader per chunk. */
    @FunctionalInterface
    interface PartReader {

        /**
         * Reads one entity's part, at whose first token the parser is, consuming it whole.
         *
         * @param current the entity restored under the id, {@code null} when the snapshot holds none
         * @return the part, {@code null} where nothing of the entity is to be kept
         */
        Object read(String id, JsonParser parser, Object current);
    }

    /**
     * Prepares for a snapshot's parts, on the applying thread, before its entities are restored.
     *
     * @param sizes entities per type in the snapshot, for sizing tables up front
     */
    void beginRestore(Map<String, Integer> sizes);

    /** Installs decoded parts, on the applying thread, after every entity of the snapshot is restored. */
    void restoreParts(String type, String[] ids, Object[] parts);

    /** Restores the section from a snapshot of format version 1, which held it whole; {@code null} when absent. */
    void restoreWhole(JsonNode data);
}
