package dev.lithair.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lithair.exception.StoreUnavailableException;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;
import dev.lithair.testsupport.SmallDisk;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A store on a real file system that fills up (a 2 MB tmpfs): once the disk refuses its writes,
 * commits are refused with {@link StoreUnavailableException} naming the cause and are never read;
 * once space is freed the same store accepts commits again; a restart holds every acknowledged commit
 * and none of the refused ones.
 */
class FullDiskTest {

    private static final int MAX_ATTEMPTS = 10_000;

    @TempDir
    Path dir;

    private static Commit put(String id) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", id);
        node.put("text", "x".repeat(2000));
        return Commit.of(new Operation.Put("Doc", id, node));
    }

    @Test
    void commitsAreRefusedWhileTheDiskIsFullAndAcceptedAgainOnceSpaceIsFreedWithoutReopening() {
        List<String> acknowledged = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        int beforeFull;
        Path data;
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("small-disk"), "2m")) {
            data = disk.path().resolve("data");
            try (LithairStore store = LithairStore.open(StoreOptions.defaults(data).withSnapshotEveryEvents(0))) {
                for (int i = 0; i < 10; i++) {
                    store.commit(put("before-" + i));
                    acknowledged.add("before-" + i);
                }
                disk.fill();
                String refusedId = null;
                for (int i = 0; i < MAX_ATTEMPTS && refusedId == null; i++) {
                    String id = "while-full-" + i;
                    try {
                        store.commit(put(id));
                        acknowledged.add(id);
                    } catch (StoreUnavailableException full) {
                        assertThat(full).hasMessageContaining("No space left on device");
                        refusedId = id;
                    }
                }
                assertThat(refusedId).as("a commit refused within %d attempts", MAX_ATTEMPTS).isNotNull();
                refused.add(refusedId);
                beforeFull = acknowledged.size();

                assertThat(store.get("Doc", refusedId)).isEmpty();
                assertThat(store.haltCause()).get().extracting(Throwable::getMessage).asString()
                        .contains("No space left on device");
                try {
                    store.commit(put("still-full"));
                    acknowledged.add("still-full");
                } catch (StoreUnavailableException stillFull) {
                    refused.add("still-full");
                }

                disk.free();
                await().atMost(Duration.ofSeconds(30)).until(() -> store.haltCause().isEmpty());
                for (int i = 0; i < 20; i++) {
                    store.commit(put("after-" + i));
                    acknowledged.add("after-" + i);
                }
                assertThat(refused).allSatisfy(id -> assertThat(store.get("Doc", id)).isEmpty());
            }
            try (LithairStore restarted = LithairStore.open(StoreOptions.defaults(data))) {
                List<String> present = restarted.all("Doc").stream().map(node -> node.get("id").asString()).toList();
                assertThat(present).containsExactlyInAnyOrderElementsOf(acknowledged);
                long lost = acknowledged.stream().filter(id -> !present.contains(id)).count();
                System.out.printf("Full-disk test: %d writes acknowledged (%d until the disk refused a write, %d after "
                        + "space was freed), %d refused while full, lost %d%n", acknowledged.size(), beforeFull,
                        acknowledged.size() - beforeFull, refused.size(), lost);
            }
        }
    }
}
