package dev.lithair.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.exception.DataDirectoryInUseException;
import dev.lithair.model.EntityModel;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;

class StoreStartTest {

    record Product(String id, String name) {
    }

    private static final List<EntityModel<?>> MODELS = List.of(EntityModel.of(Product.class, HistoryPolicy.FULL));

    @TempDir
    Path root;

    private static Commit put(String id, String name) {
        return Commit.of(new Operation.Put("Product", id, new Product(id, name)));
    }

    private static LithairStore create(Path dir) {
        return LithairStore.create(StoreOptions.defaults(dir), MODELS, List.of(), null);
    }

    /** Every file under {@code dir} with its size and modification time: what "untouched" is compared on. */
    private static Map<String, String> listing(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.toList()) {
                FileTime modified = Files.getLastModifiedTime(file);
                files.put(dir.relativize(file).toString(), Files.size(file) + "@" + modified.toMillis());
            }
        }
        return files;
    }

    @Test
    void aCreatedStoreNeitherCreatesNorLocksItsDataDirectory() {
        Path dir = root.resolve("absent");

        LithairStore created = create(dir);
        assertThat(dir).doesNotExist();
        created.table(Product.class);
        created.codecOf(Product.class);
        created.indexes();
        assertThat(dir).doesNotExist();

        try (LithairStore other = LithairStore.open(StoreOptions.defaults(dir), MODELS)) {
            other.commit(put("p1", "Lamp"));
            assertThat(other.find(Product.class, "p1")).contains(new Product("p1", "Lamp"));
        }
        created.close();
    }

    @Test
    void aCreatedStoreLeavesAnExistingDirectoryAsItWasUntilStarted() throws IOException {
        Path dir = root.resolve("data");
        try (LithairStore store = LithairStore.open(StoreOptions.defaults(dir), MODELS)) {
            store.commit(put("p1", "Lamp"));
            store.commit(put("p1", "Desk lamp"));
        }
        Map<String, String> before = listing(dir);

        LithairStore store = create(dir);
        EntityTable<Product> products = store.table(Product.class);

        assertThat(listing(dir)).isEqualTo(before);
        assertThat(store.isStarted()).isFalse();

        store.start();
        try (store) {
            assertThat(store.isStarted()).isTrue();
            assertThat(products.get("p1")).isEqualTo(new Product("p1", "Desk lamp"));
            assertThat(store.history("Product", "p1", "name")).hasSize(2);
            assertThat(store.recovery().recordsReplayed()).isEqualTo(2);
            store.commit(put("p2", "Desk"));
            assertThat(store.lastSequence()).isEqualTo(3);
        }
    }

    @Test
    void aTableTakenBeforeStartReadsWhatASnapshotRestoredAndWhatIsCommittedAfter() {
        Path dir = root.resolve("data");
        try (LithairStore store = LithairStore.open(StoreOptions.defaults(dir), MODELS)) {
            store.commit(put("p1", "Lamp"));
            store.snapshot().join();
        }

        LithairStore store = create(dir);
        EntityTable<Product> products = store.table(Product.class);
        store.start();
        try (store) {
            assertThat(store.recovery().snapshotSequence()).isEqualTo(1);
            assertThat(products.get("p1")).isEqualTo(new Product("p1", "Lamp"));
            store.commit(put("p2", "Desk"));
            assertThat(products.get("p2")).isEqualTo(new Product("p2", "Desk"));
            assertThat(products.size()).isEqualTo(2);
            assertThat(store.table(Product.class)).isSameAs(products);
        }
    }

    @Test
    void readsAndCommitsBeforeStartFailNamingTheStateAndWriteNothing() {
        Path dir = root.resolve("data");
        try (LithairStore store = create(dir)) {
            EntityTable<Product> products = store.table(Product.class);

            assertThatThrownBy(() -> store.commit(put("p1", "Lamp"))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(dir.toString()).hasMessageContaining("created but not started");
            assertThatThrownBy(() -> store.commitAsync(put("p1", "Lamp"))).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> products.get("p1")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("created but not started");
            assertThatThrownBy(() -> store.find(Product.class, "p1")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> store.get("Product", "p1")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> store.findAll(Product.class)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> store.count("Product")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(store::lastSequence).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(store::stats).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(store::snapshot).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(store::recovery).isInstanceOf(IllegalStateException.class);
            assertThat(dir).doesNotExist();
        }
    }

    @Test
    void aStoreWhoseDirectoryIsInUseFailsToStartAndIsNotStartedAgain() {
        Path dir = root.resolve("data");
        try (LithairStore holder = LithairStore.open(StoreOptions.defaults(dir), MODELS)) {
            holder.commit(put("p1", "Lamp"));
            LithairStore second = create(dir);

            assertThatThrownBy(second::start).isInstanceOf(DataDirectoryInUseException.class);
            assertThat(second.isStarted()).isFalse();
            assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("its start failed");
            assertThatThrownBy(() -> second.find(Product.class, "p1")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("its start failed");
            second.close();

            holder.commit(put("p2", "Desk"));
            assertThat(holder.count("Product")).isEqualTo(2);
        }
    }

    @Test
    void aStoreStartsOnceAndAClosedOneNeverStarts() {
        LithairStore started = create(root.resolve("a")).start();
        try (started) {
            assertThatThrownBy(started::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("start() is called once");
        }
        assertThat(started.isClosed()).isTrue();

        Path never = root.resolve("b");
        LithairStore closed = create(never);
        closed.close();
        assertThatThrownBy(closed::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("is closed");
        assertThat(never).doesNotExist();
    }
}
