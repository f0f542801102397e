package dev.lithair.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lithair.internal.snapshot.SnapshotStore;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class SnapshotRetentionTest {

    @TempDir
    Path dir;

    private StoreOptions options() {
        return StoreOptions.defaults(dir).withFsyncPolicy(FsyncPolicy.NEVER).withSnapshotEveryEvents(0)
                .withSnapshotsRetained(2).withSegmentBytes(4096);
    }

    private static void put(LithairStore store, String id, int value) {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("value", value);
        store.commit(Commit.of(new Operation.Put("Item", id, node)));
    }

    @Test
    void anUnreadableSnapshotDoesNotCountTowardsRetentionSoTheGoodOneItFellBackToIsKept() throws IOException {
        long good;
        long damaged;
        try (LithairStore store = LithairStore.open(options())) {
            put(store, "a", 1);
            good = store.snapshot().join().sequence();
            put(store, "a", 2);
            damaged = store.snapshot().join().sequence();
        }
        Path damagedFile = dir.resolve(SnapshotStore.fileName(damaged));
        Files.write(damagedFile, new byte[] {1, 2, 3});

        try (LithairStore store = LithairStore.open(options())) {
            assertThat(store.recovery().snapshotSequence()).isEqualTo(good);
            put(store, "a", 3);
            long newer = store.snapshot().join().sequence();

            assertThat(snapshotFiles()).contains(SnapshotStore.fileName(good), SnapshotStore.fileName(newer));
            put(store, "a", 4);
            long newest = store.snapshot().join().sequence();
            assertThat(snapshotFiles()).containsExactlyInAnyOrder(SnapshotStore.fileName(newer),
                    SnapshotStore.fileName(newest));
        }
        try (LithairStore reopened = LithairStore.open(options())) {
            assertThat(reopened.get("Item", "a").orElseThrow().get("value").asInt()).isEqualTo(4);
        }
    }

    @Test
    void aTemporaryFileLeftByASnapshotInterruptedByACrashIsRemovedAtStartUp() throws IOException {
        Files.createDirectories(dir);
        Path leftover = dir.resolve(SnapshotStore.fileName(7) + ".tmp");
        Files.write(leftover, new byte[1024]);

        try (LithairStore store = LithairStore.open(options())) {
            assertThat(leftover).doesNotExist();
        }
    }

    private java.util.List<String> snapshotFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("state-")).sorted().toList();
        }
    }
}
