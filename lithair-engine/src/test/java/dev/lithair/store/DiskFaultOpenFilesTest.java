package dev.lithair.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.lithair.exception.StoreUnavailableException;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;
import dev.lithair.testsupport.SmallDisk;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A store closed after its disk filled up and was freed, several times over, leaves no file of its
 * data directory open: a segment left open after a fault keeps its space on disk while deleted, and
 * keeps the file system from being unmounted.
 */
class DiskFaultOpenFilesTest {

    private static final int ROUNDS = 3;
    private static final int MAX_COMMITS_PER_ROUND = 3_000;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "segments of {0} bytes, values of {1} characters")
    @CsvSource({"32768, 1000", "65536, 500", "65536, 2000", "65536, 7000", "131072, 3000", "1048576, 2000"})
    void closingAfterDiskFaultsLeavesNoFileOfTheDataDirectoryOpen(long segmentBytes, int valueLength)
            throws IOException {
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("small-disk"), "8m")) {
            Path data = disk.path().resolve("data");
            try (LithairStore store = LithairStore.open(StoreOptions.defaults(data).withSegmentBytes(segmentBytes))) {
                for (int round = 0; round < ROUNDS; round++) {
                    disk.fill();
                    int refusals = 0;
                    for (int i = 0; i < MAX_COMMITS_PER_ROUND && refusals < 2; i++) {
                        try {
                            store.commit(put(round + "-" + i, valueLength));
                        } catch (StoreUnavailableException full) {
                            refusals++;
                        }
                    }
                    assertThat(refusals).as("commits refused in round %d", round).isEqualTo(2);
                    disk.free();
                    await().atMost(Duration.ofSeconds(30)).until(() -> store.haltCause().isEmpty());
                }
            }

            assertThat(SmallDisk.heldOpenUnder(disk.path())).isEmpty();
        }
    }

    private static Commit put(String id, int valueLength) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", id);
        node.put("text", "x".repeat(valueLength));
        return Commit.of(new Operation.Put("Doc", id, node));
    }
}
