package dev.lithair.crash;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The commits the crashing writer makes, derived only from (cycle, writer, index), so that the test
 * can rebuild exactly what any commit contained and what state a prefix of them leads to.
 *
 * <p>Commit {@code i} of writer {@code w} in cycle {@code c} has the idempotency key
 * {@code c<c>-w<w>-<i>} and, as one atomic batch:
 * <ul>
 * <li>puts 1 to 4 fresh {@value #ITEM} entities {@code <key>-<part>};</li>
 * <li>puts the writer's {@value #WRITER} entity {@code c<c>-w<w>}, recording {@code last = i} (created
 * by commit 0, updated by every later one);</li>
 * <li>updates part 0 of commit {@code i - 1}, adding {@code next = <key of i>};</li>
 * <li>deletes every part of commit {@code i - }{@value #DELETE_DISTANCE}, so the state stays bounded.</li>
 * </ul>
 * A writer thread waits for each commit before the next, so at most one of its commits is unacknowledged
 * at any time and the commits present after a crash are a prefix of its sequence.
 */
final class CrashWorkload {

    static final String ITEM = "Item";
    static final String WRITER = "Writer";
    static final int WRITERS = 8;
    static final int DELETE_DISTANCE = 32;
    /** Small, so that rollovers happen every few dozen commits and get killed mid-way. */
    static final long SEGMENT_BYTES = 64 * 1024;
    /** Small, so that background snapshots (and segment compaction) get killed mid-way. */
    static final long SNAPSHOT_EVERY_EVENTS = 500;

    private CrashWorkload() {
    }

    static StoreOptions options(Path dataDirectory) {
        return StoreOptions.defaults(dataDirectory)
                .withSegmentBytes(SEGMENT_BYTES)
                .withSnapshotEveryEvents(SNAPSHOT_EVERY_EVENTS);
    }

    static String key(int cycle, int writer, int index) {
        return "c" + cycle + "-w" + writer + "-" + index;
    }

    static String writerId(int cycle, int writer) {
        return "c" + cycle + "-w" + writer;
    }

    static String itemId(int cycle, int writer, int index, int part) {
        return key(cycle, writer, index) + "-" + part;
    }

    static int parts(int cycle, int writer, int index) {
        return 1 + (int) Long.remainderUnsigned(mix(cycle, writer, index), 4);
    }

    static ObjectNode item(int cycle, int writer, int index, int part) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("commitKey", key(cycle, writer, index));
        node.put("part", part);
        node.put("parts", parts(cycle, writer, index));
        node.put("pad", "x".repeat((int) Long.remainderUnsigned(mix(cycle, writer, index) >>> 8, 160)));
        return node;
    }

    static ObjectNode writerState(int cycle, int writer, int index) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("cycle", cycle);
        node.put("writer", writer);
        node.put("last", index);
        node.put("lastKey", key(cycle, writer, index));
        return node;
    }

    static Commit commit(int cycle, int writer, int index) {
        List<Operation> operations = new ArrayList<>();
        for (int part = 0; part < parts(cycle, writer, index); part++) {
            operations.add(new Operation.Put(ITEM, itemId(cycle, writer, index, part),
                    item(cycle, writer, index, part)));
        }
        operations.add(new Operation.Put(WRITER, writerId(cycle, writer), writerState(cycle, writer, index)));
        if (index >= 1) {
            ObjectNode linked = item(cycle, writer, index - 1, 0);
            linked.put("next", key(cycle, writer, index));
            operations.add(new Operation.Put(ITEM, itemId(cycle, writer, index - 1, 0), linked));
        }
        if (index >= DELETE_DISTANCE) {
            int old = index - DELETE_DISTANCE;
            for (int part = 0; part < parts(cycle, writer, old); part++) {
                operations.add(new Operation.Delete(ITEM, itemId(cycle, writer, old, part)));
            }
        }
        return new Commit(key(cycle, writer, index), "writer-" + writer, operations);
    }

    private static long mix(int cycle, int writer, int index) {
        long h = cycle * 0x9E3779B97F4A7C15L ^ writer * 0xC2B2AE3D27D4EB4FL ^ index * 0x165667B19E3779F9L;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return h;
    }
}
