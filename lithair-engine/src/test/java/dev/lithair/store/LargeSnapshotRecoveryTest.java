package dev.lithair.store;

import static dev.lithair.support.Entities.contentsOf;
import static dev.lithair.support.Entities.fastOptions;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.annotation.Indexed;
import dev.lithair.event.StorageFormat;
import dev.lithair.model.EntityModel;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A snapshot far larger than one loading batch, of typed and schemaless types, is loaded back
 * entity for entity, with its indexes: the loader reads entities in batches converted on other
 * threads, and no batch may be lost, repeated or given to another type.
 */
class LargeSnapshotRecoveryTest {

    record Item(String id, @Indexed String group, int n) {
    }

    private static final List<EntityModel<?>> MODELS = List.of(EntityModel.of(Item.class, HistoryPolicy.NONE));

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(StorageFormat.class)
    void thousandsOfEntitiesOfSeveralTypesComeBackFromASnapshotWithTheirIndexes(StorageFormat format) {
        StoreOptions options = fastOptions(dir).withFormat(format).withSnapshotEveryEvents(0);
        Map<String, Map<String, tools.jackson.databind.node.ObjectNode>> before;
        try (LithairStore store = LithairStore.open(options, MODELS)) {
            for (int start = 0; start < 4500; start += 500) {
                List<Operation> operations = new ArrayList<>();
                for (int i = start; i < start + 500; i++) {
                    operations.add(new Operation.Put("Item", "i" + i, new Item("i" + i, "g" + i % 7, i)));
                    if (i % 3 == 0) {
                        tools.jackson.databind.node.ObjectNode note = JsonNodeFactory.instance.objectNode()
                                .put("id", "n" + i).put("text", "note " + i).put("weight", i / 4.0);
                        if (i % 4 == 0) {
                            note.put("tag", "t" + i); // documents of one type need not share their fields
                        }
                        operations.add(new Operation.Put("Note", "n" + i, note));
                    }
                }
                store.commit(new Commit(null, null, operations));
            }
            store.snapshot().join();
            before = contentsOf(store);
        }

        try (LithairStore reopened = LithairStore.open(options, MODELS)) {
            assertThat(reopened.recovery().snapshotSequence()).isEqualTo(6000);
            assertThat(reopened.recovery().recordsReplayed()).isZero();
            assertThat(reopened.count("Item")).isEqualTo(4500);
            assertThat(reopened.count("Note")).isEqualTo(1500);
            assertThat(contentsOf(reopened)).isEqualTo(before);
            assertThat(reopened.find(Item.class, "i4321")).contains(new Item("i4321", "g2", 4321));
            for (int group = 0; group < 7; group++) {
                int g = group;
                long holding = java.util.stream.IntStream.range(0, 4500).filter(i -> i % 7 == g).count();
                assertThat(reopened.indexes().countEqual("Item", "group", "g" + group)).isEqualTo(holding);
                assertThat(reopened.indexes().idsEqual("Item", "group", "g" + group)).contains("i" + group);
            }
        }
    }
}
