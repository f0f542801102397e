package dev.lithair.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.lithair.event.StorageFormat;
import dev.lithair.store.FsyncPolicy;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One thread commits the durable-append benchmark's entity to a fresh store without fsync (so the thread
 * does the writer's pass itself: planning, checking, encoding, writing) and returns its CPU nanoseconds
 * per commit. Loaded once per engine build by {@code CpuAb}.
 */
public class CpuDriver {
    public static double run(int commits) throws Exception {
        Path dir = Files.createTempDirectory("cpu-ab-");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ObjectNode fields = JsonNodeFactory.instance.objectNode().put("sensor", "s-42").put("value", 21.375);
        try (LithairStore store = LithairStore.open(StoreOptions.defaults(dir).withFsyncPolicy(FsyncPolicy.NEVER)
                .withFormat(StorageFormat.BINARY).withSnapshotEveryEvents(0))) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < commits; i++) {
                store.commit(Commit.of(new Operation.Put("Reading", "w1-" + i, fields)));
            }
            return (threads.getCurrentThreadCpuTime() - start) / (double) commits;
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
