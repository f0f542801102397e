package dev.lithair.benchmarks;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.annotation.Historize;
import dev.lithair.annotation.Immutable;
import dev.lithair.annotation.Indexed;
import dev.lithair.log.FsyncPolicy;
import dev.lithair.model.EntityModel;
import dev.lithair.model.TypedEntityCodec;
import dev.lithair.store.Commit;
import dev.lithair.store.LithairStore;
import dev.lithair.store.Operation;
import dev.lithair.store.StoreOptions;

/**
 * Heap per live entity against the size of the same entity as JSON, for a realistic product:
 * the seed reports "1 GB of data -> 1.2 GB of memory" and that ratio is the bar.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.lithair.benchmarks.MemoryFootprint [entities]}.
 * The heap is measured after full collections, before and after loading, in the same JVM; the
 * store's own fixed overhead is included, so larger counts give the steadier figure.
 */
public final class MemoryFootprint {

    /** A product as the sample shop stores it. */
    public record Product(String id, @Historize(versions = 3) String name, @Historize(HistoryPolicy.FULL) BigDecimal price,
            @Indexed String category, @Immutable Instant createdAt) {
    }

    private static final String[] CATEGORIES = new String[50];

    static {
        for (int i = 0; i < CATEGORIES.length; i++) {
            CATEGORIES[i] = "category-" + i;
        }
    }

    private MemoryFootprint() {
    }

    public static void main(String[] args) throws Exception {
        int entities = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Path dir = Files.createTempDirectory("lithair-memory");
        try {
            long before = usedHeapAfterGc();
            long jsonBytes = 0;
            try (LithairStore store = LithairStore.open(StoreOptions.defaults(dir).withFsyncPolicy(FsyncPolicy.NEVER)
                    .withFormat(dev.lithair.event.StorageFormat.BINARY).withSnapshotEveryEvents(0),
                    List.of(EntityModel.of(Product.class, HistoryPolicy.NONE)))) {
                Instant created = Instant.parse("2026-01-01T00:00:00Z");
                List<Operation> batch = new ArrayList<>(1000);
                for (int i = 0; i < entities; i++) {
                    // Fresh strings, as they would arrive from JSON request bodies.
                    Product product = new Product(new String("product-" + i), new String("Product name " + i),
                            new BigDecimal(new String((i % 10_000) + ".99")), new String(CATEGORIES[i % CATEGORIES.length]),
                            created.plusSeconds(i));
                    jsonBytes += TypedEntityCodec.ENTITY_MAPPER.writeValueAsBytes(product).length;
                    batch.add(new Operation.Put("Product", product.id(), product));
                    if (batch.size() == 1000) {
                        store.commit(new Commit(null, null, batch));
                        batch = new ArrayList<>(1000);
                    }
                }
                if (!batch.isEmpty()) {
                    store.commit(new Commit(null, null, batch));
                }
                long after = usedHeapAfterGc();
                double perEntity = (after - before) / (double) entities;
                double jsonPerEntity = jsonBytes / (double) entities;
                System.out.printf("entities            %,d%n", store.count("Product"));
                System.out.printf("heap per entity     %.0f bytes (state, history, indexes, store overhead)%n", perEntity);
                System.out.printf("JSON per entity     %.0f bytes%n", jsonPerEntity);
                System.out.printf("ratio heap/JSON     %.2f (target <= 1.20)%n", perEntity / jsonPerEntity);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
