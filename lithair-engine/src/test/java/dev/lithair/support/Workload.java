package dev.lithair.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import dev.lithair.store.LithairStore;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;
import tools.jackson.databind.node.ObjectNode;

/**
 * A deterministic mix of commits (creates, updates, field removals, deletes, multi-operation
 * batches, some with idempotency keys) over a small pool of ids, with a model of the state they
 * must produce. Not thread-safe.
 */
public final class Workload {

    private static final List<String> TYPES = List.of("Product", "Customer");
    private static final int IDS_PER_TYPE = 25;

    private final Random random;
    private final Map<String, Map<String, ObjectNode>> expected = new TreeMap<>();
    private int commits;

    public Workload(long seed) {
        this.random = new Random(seed);
    }

    /** Commits {@code count} more commits to {@code store}. */
    public void commit(LithairStore store, int count) {
        for (int i = 0; i < count; i++) {
            store.commit(next());
        }
    }

    /** The next commit, already applied to the model. */
    public Commit next() {
        commits++;
        int operationCount = random.nextInt(8) == 0 ? 2 + random.nextInt(3) : 1;
        List<Operation> operations = new ArrayList<>();
        for (int i = 0; i < operationCount; i++) {
            String type = TYPES.get(random.nextInt(TYPES.size()));
            String id = type.substring(0, 1).toLowerCase() + random.nextInt(IDS_PER_TYPE);
            Map<String, ObjectNode> table = expected.computeIfAbsent(type, t -> new TreeMap<>());
            if (random.nextInt(4) == 0) {
                operations.add(new Operation.Delete(type, id));
                table.remove(id);
            } else {
                ObjectNode fields = fields(id);
                operations.add(new Operation.Put(type, id, fields));
                table.put(id, fields);
            }
        }
        String key = random.nextInt(3) == 0 ? "workload-" + commits : null;
        return new Commit(key, "workload", operations);
    }

    private ObjectNode fields(String id) {
        ObjectNode fields = Entities.product(id, "name-" + random.nextInt(1000), random.nextInt(10_000));
        if (random.nextBoolean()) {
            fields.put("weight", random.nextInt(500) / 10.0);
        }
        if (random.nextBoolean()) {
            fields.putArray("tags").add("t" + random.nextInt(5)).add(random.nextBoolean());
        }
        if (random.nextInt(5) == 0) {
            fields.putObject("address").put("city", "c" + random.nextInt(9)).putNull("line2");
        }
        return fields;
    }

    /** The state every commit so far must have produced, in the shape of {@link Entities#contentsOf}. */
    public Map<String, Map<String, ObjectNode>> expected() {
        Map<String, Map<String, ObjectNode>> copy = new TreeMap<>();
        expected.forEach((type, table) -> {
            if (!table.isEmpty()) {
                copy.put(type, new TreeMap<>(table));
            }
        });
        return copy;
    }
}
