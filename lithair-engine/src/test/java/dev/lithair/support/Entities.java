package dev.lithair.support;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import dev.lithair.store.FsyncPolicy;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Entities as the recovery tests write and compare them. Every entity carries its own id in an
 * {@code "id"} field, so that a store's whole content can be read back through its public API.
 */
public final class Entities {

    private Entities() {
    }

    /** Options for tests that are not about durability: never forced, snapshots only on demand. */
    public static StoreOptions fastOptions(Path directory) {
        return StoreOptions.defaults(directory).withFsyncPolicy(FsyncPolicy.NEVER).withSnapshotEveryEvents(0);
    }

    public static ObjectNode product(String id, String name, int price) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", id);
        node.put("name", name);
        node.put("price", price);
        return node;
    }

    public static Operation.Put putProduct(String id, String name, int price) {
        return new Operation.Put("Product", id, product(id, name, price));
    }

    public static Commit createProduct(String id, String name, int price) {
        return Commit.of(putProduct(id, name, price));
    }

    /** Every live entity of the store, by type and id; types without live entities are left out. */
    public static Map<String, Map<String, ObjectNode>> contentsOf(LithairStore store) {
        Map<String, Map<String, ObjectNode>> contents = new TreeMap<>();
        for (String type : store.stats().entityCounts().keySet()) {
            Map<String, ObjectNode> byId = new TreeMap<>();
            for (ObjectNode entity : store.all(type)) {
                byId.put(entity.get("id").asString(), entity);
            }
            if (!byId.isEmpty()) {
                contents.put(type, byId);
            }
        }
        return contents;
    }
}
