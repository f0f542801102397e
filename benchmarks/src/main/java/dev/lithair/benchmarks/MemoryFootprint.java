package dev.lithair.benchmarks;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import javax.management.ObjectName;

import dev.lithair.annotation.Historize;
import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.annotation.Immutable;
import dev.lithair.annotation.Indexed;
import dev.lithair.benchmarks.harness.http.ItemForm;
import dev.lithair.benchmarks.harness.http.lithair.LithairItem;
import dev.lithair.benchmarks.harness.lithair.LithairProduct;
import dev.lithair.model.EntityModel;
import dev.lithair.model.TypedEntityCodec;
import dev.lithair.store.FsyncPolicy;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.smile.SmileMapper;

/**
 * Heap per live entity against the size of the same entity as JSON: the seed reports "1 GB of data
 * -> 1.2 GB of memory" and that ratio is the bar. Three entities are measured:
 *
 * <ul>
 * <li>{@code shop}: a product as the sample shop stores it, {@code name} with {@code versions = 3}
 * and {@code price} with {@code FULL} history (the creation counts as the first change, so two
 * changes are retained per product), an indexed category;</li>
 * <li>{@code harness}: the comparison harness's product in its Lithair form ({@link LithairProduct}:
 * no history, an indexed category), built as the harness's reads workload builds it;</li>
 * <li>{@code item}: the HTTP shop's item ({@link LithairItem}): {@code name} and {@code price} with
 * {@code FULL} history, an indexed category, a unique sku, a {@code @Version}.</li>
 * </ul>
 *
 * Each beside its physical limits: the same record objects in a bare {@code ConcurrentHashMap} by id,
 * what any Java layer serving objects from memory holds at least, and the same with, as plain records,
 * the changes its {@code @Historize} policies retain (the creation of a shop product leaves two: what any
 * layer keeping that history holds at least).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.lithair.benchmarks.MemoryFootprint
 * [entities] [--histogram N] [--restart]}. Each measurement is what JOL counts from a root, every object
 * reachable from it once: from the map, or from the loaded store minus from an empty store of the same
 * options (its threads, buffers and mappers), by {@link HeapSize}.
 * {@code --histogram N} prints the N biggest classes of the live heap of each phase (the JVM's
 * {@code GC.class_histogram}, as {@code jcmd} shows it). {@code --restart} also measures the store
 * reopened, once replaying its log and once loading a snapshot: what a running application holds.
 */
public final class MemoryFootprint {

    /** A product as the sample shop stores it. */
    public record Product(String id, @Historize(versions = 3) String name, @Historize(HistoryPolicy.FULL) BigDecimal price,
            @Indexed String category, @Immutable Instant createdAt) {
    }

    private static final String[] CATEGORIES = new String[50];
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    static {
        for (int i = 0; i < CATEGORIES.length; i++) {
            CATEGORIES[i] = "category-" + i;
        }
    }

    /**
     * One product measured.
     *
     * @param fresh    entity number n, made of fresh objects as a request body would bring them
     * @param idOf     its id
     * @param jsonOf   what its JSON size is measured on
     * @param json     the mapper that writes it
     */
    private record Subject(String name, EntityModel<?> model, IntFunction<Object> fresh, Function<Object, String> idOf,
            Function<Object, Object> jsonOf, ObjectMapper json, Function<Object, List<Change>> retained) {
    }

    /**
     * A change as plain data, the least a history can keep of it: the event's sequence and instant, the
     * field, the old and the new value (the entity's own value objects, shared as a store shares them).
     */
    private record Change(long sequence, Instant at, String field, Object oldValue, Object newValue) {
    }

    /** An entity beside the changes its {@code @Historize} policies retain. */
    private record Retained(Object entity, List<Change> changes) {
    }

    /** One measured figure: heap and JSON bytes over a number of entities. */
    private record Footprint(String phase, long heapBytes, long jsonBytes, int entities) {

        double heapPerEntity() {
            return heapBytes / (double) entities;
        }

        double jsonPerEntity() {
            return jsonBytes / (double) entities;
        }

        double ratio() {
            return heapBytes / (double) jsonBytes;
        }
    }

    private MemoryFootprint() {
    }

    /** The command line. */
    @Command(name = "MemoryFootprint", mixinStandardHelpOptions = true,
            description = "Heap per live entity in a Lithair store, beside the same records in a bare map.")
    static final class Options {
        @Parameters(index = "0", arity = "0..1", paramLabel = "ENTITIES", description = "default ${DEFAULT-VALUE}")
        int entities = 200_000;

        @Option(names = "--histogram", paramLabel = "N", description = "print each phase's N biggest classes")
        int histogramLines;

        @Option(names = "--restart", description = "also the store reopened from its log and from a snapshot")
        boolean restart;
    }

    public static void main(String[] args) throws Exception {
        Options options = CommandLines.parse(new Options(), args);
        int entities = options.entities;
        int histogramLines = options.histogramLines;
        boolean restart = options.restart;
        System.out.println(HeapSize.mode());
        List<Subject> subjects = List.of(shopProduct(), harnessProduct(), shopItem());
        List<String> lines = new ArrayList<>();
        for (Subject subject : subjects) {
            Footprint floor = inMap(subject, entities, "records", Function.identity(), histogramLines);
            Footprint withHistory = inMap(subject, entities, "records and their retained changes", entity -> {
                List<Change> changes = subject.retained().apply(entity);
                return changes.isEmpty() ? entity : new Retained(entity, changes);
            }, 0);
            ObjectMapper smile = SmileMapper.builder().build();
            Footprint serialized = inMap(subject, entities, "Smile bytes",
                    entity -> smile.writeValueAsBytes(subject.jsonOf().apply(entity)), 0);
            for (Footprint store : inStore(subject, entities, histogramLines, restart)) {
                lines.add(String.format("%-8s %-9s %,9d %6.0f %9.0f %7.2fx %6.0f %7.2fx %11.2fx %7.0f %13.2fx %6.0f %7.2fx",
                        subject.name(), store.phase(), entities, store.jsonPerEntity(), store.heapPerEntity(),
                        store.ratio(), floor.heapPerEntity(), floor.ratio(),
                        store.heapBytes() / (double) floor.heapBytes(), withHistory.heapPerEntity(),
                        store.heapBytes() / (double) withHistory.heapBytes(), serialized.heapPerEntity(),
                        serialized.ratio()));
            }
        }
        System.out.println();
        System.out.println("Heap per live entity (JOL: bytes reachable from the store, loaded minus empty;"
                + " from the map), bytes:");
        System.out.printf("%-8s %-9s %9s %6s %9s %8s %6s %8s %12s %7s %14s %6s %8s%n", "product", "Lithair", "entities",
                "JSON", "Lithair", "/JSON", "CHM", "/JSON", "Lithair/CHM", "+hist", "Lithair/+hist", "Smile", "/JSON");
        lines.forEach(System.out::println);
        System.out.println("Lithair: state, retained history, indexes and store overhead; 'written' as the writes left it,"
                + " 'replayed' reopened from its log, 'snapshot' reopened from a snapshot. CHM: the same records in a bare "
                + "ConcurrentHashMap<String, record> by id, the physical limit of a layer serving objects. +hist: the same "
                + "with the changes the policies retain as plain records (sequence, instant, field, old, new). Smile: each "
                + "entity kept only as its Smile bytes in a ConcurrentHashMap<String, byte[]>, no object to serve, no "
                + "index, no history: the limit of a store that decodes on every read. Target: Lithair <= 1.15x +hist.");
    }

    /** The sample shop's product: {@code name} keeps 3 versions, {@code price} every change. */
    private static Subject shopProduct() {
        return new Subject("shop", EntityModel.of(Product.class, HistoryPolicy.NONE), i ->
                // Fresh strings, as they would arrive from JSON request bodies.
                new Product(new String("product-" + i), new String("Product name " + i),
                        new BigDecimal(new String((i % 10_000) + ".99")), new String(CATEGORIES[i % CATEGORIES.length]),
                        CREATED.plusSeconds(i)),
                entity -> ((Product) entity).id(), Function.identity(), TypedEntityCodec.ENTITY_MAPPER, entity -> {
                    Product product = (Product) entity;
                    return List.of(new Change(1, CREATED, "name", null, product.name()),
                            new Change(1, CREATED, "price", null, product.price()));
                });
    }

    /**
     * The HTTP shop's item as an application declares it: {@code name} and {@code price} keep every change,
     * an indexed category, a unique and immutable sku, a {@code @Version}.
     */
    private static Subject shopItem() {
        return new Subject("item", EntityModel.of(LithairItem.class, HistoryPolicy.NONE), i -> {
            ItemForm form = ItemForm.preloaded("i" + i);
            // Fresh strings, as they would arrive from JSON request bodies.
            return new LithairItem(new String("i" + i), new String(form.name()), new String(form.category()),
                    new BigDecimal(form.price().toPlainString()), new String(form.sku()), null);
        }, entity -> ((LithairItem) entity).id(), Function.identity(), TypedEntityCodec.ENTITY_MAPPER, entity -> {
            LithairItem item = (LithairItem) entity;
            return List.of(new Change(1, CREATED, "name", null, item.name()),
                    new Change(1, CREATED, "price", null, item.price()));
        });
    }

    /** The harness's product as {@code ReadsWorkload} makes it and {@code LithairSystem} stores it. */
    private static Subject harnessProduct() {
        return new Subject("harness", EntityModel.of(LithairProduct.class, HistoryPolicy.NONE), i -> {
            dev.lithair.benchmarks.harness.Product product = dev.lithair.benchmarks.harness.Product.created("p" + i, i);
            return new LithairProduct(product.id(), product.name(), product.category(), product.price(), product.stock());
        }, entity -> ((LithairProduct) entity).id(), entity -> {
            LithairProduct p = (LithairProduct) entity;
            return new dev.lithair.benchmarks.harness.Product(p.id(), p.name(), p.category(), p.price(), p.stock());
        }, JsonMapper.builder().build(), entity -> List.of());
    }

    /**
     * A limit: what {@code kept} makes of each entity, in a bare map by id. The records themselves are
     * the limit of a layer serving objects; their Smile bytes, that of a store decoding every read.
     */
    private static Footprint inMap(Subject subject, int entities, String kind, Function<Object, Object> kept,
            int histogramLines) throws Exception {
        kept.apply(subject.fresh().apply(0)); // mappers warmed up
        subject.json().writeValueAsBytes(subject.jsonOf().apply(subject.fresh().apply(0)));
        long jsonBytes = 0;
        ConcurrentHashMap<String, Object> map = new ConcurrentHashMap<>();
        for (int i = 0; i < entities; i++) {
            Object entity = subject.fresh().apply(i);
            jsonBytes += subject.json().writeValueAsBytes(subject.jsonOf().apply(entity)).length;
            map.put(subject.idOf().apply(entity), kept.apply(entity));
        }
        long heapBytes = reachableBytes(map);
        printHistogram(subject.name() + " " + kind + " in a ConcurrentHashMap", histogramLines);
        return new Footprint("-", heapBytes, jsonBytes, entities);
    }

    /**
     * The records in a Lithair store, committed 1,000 per commit; with {@code restart}, also the store
     * reopened from its log, then from a snapshot.
     */
    private static List<Footprint> inStore(Subject subject, int entities, int histogramLines, boolean restart)
            throws Exception {
        Path dir = Files.createTempDirectory("lithair-memory");
        try {
            List<Footprint> footprints = new ArrayList<>();
            long jsonBytes = 0;
            String type = subject.model().name();
            StoreOptions options = StoreOptions.defaults(dir).withFsyncPolicy(FsyncPolicy.NEVER)
                    .withFormat(dev.lithair.event.StorageFormat.BINARY).withSnapshotEveryEvents(0);
            long before = emptyStoreBytes(subject, options);
            try (LithairStore store = LithairStore.open(options, List.of(subject.model()))) {
                List<Operation> batch = new ArrayList<>(1000);
                for (int i = 0; i < entities; i++) {
                    Object entity = subject.fresh().apply(i);
                    jsonBytes += subject.json().writeValueAsBytes(subject.jsonOf().apply(entity)).length;
                    batch.add(new Operation.Put(type, subject.idOf().apply(entity), entity));
                    if (batch.size() == 1000) {
                        store.commit(new Commit(null, null, batch));
                        batch = new ArrayList<>(1000);
                    }
                }
                if (!batch.isEmpty()) {
                    store.commit(new Commit(null, null, batch));
                }
                footprints.add(measured("written", subject, store, before, jsonBytes, entities, histogramLines));
            }
            if (restart) {
                try (LithairStore replayed = LithairStore.open(options, List.of(subject.model()))) {
                    footprints.add(measured("replayed", subject, replayed, before, jsonBytes, entities, histogramLines));
                    replayed.compact().join();
                }
                try (LithairStore fromSnapshot = LithairStore.open(options, List.of(subject.model()))) {
                    footprints.add(measured("snapshot", subject, fromSnapshot, before, jsonBytes, entities, histogramLines));
                }
            }
            return footprints;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static Footprint measured(String phase, Subject subject, LithairStore store, long before, long jsonBytes,
            int entities, int histogramLines) throws Exception {
        long after = reachableBytes(store);
        String type = subject.model().name();
        if (store.count(type) != entities) {
            throw new IllegalStateException("the store holds " + store.count(type) + " " + type + ", not " + entities);
        }
        printHistogram(subject.name() + " in a Lithair store, " + phase, histogramLines);
        return new Footprint(phase, after - before, jsonBytes, entities);
    }

    /** The {@code lines} biggest classes of the live heap, as {@code jcmd <pid> GC.class_histogram} prints them. */
    private static void printHistogram(String title, int lines) throws Exception {
        if (lines <= 0) {
            return;
        }
        String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        System.out.println("Class histogram, " + title + ":");
        histogram.lines().limit(lines + 2L).forEach(System.out::println); // 2 header lines
        histogram.lines().filter(line -> line.startsWith("Total")).forEach(System.out::println);
        System.out.println();
    }

    /**
     * The bytes of a store holding nothing, opened on a directory of its own with the same options: what
     * {@link #reachableBytes} finds from a store before any entity (threads, buffers, mappers, tables).
     */
    private static long emptyStoreBytes(Subject subject, StoreOptions like) throws Exception {
        Path empty = Files.createTempDirectory("lithair-memory-empty");
        try (LithairStore store = LithairStore.open(StoreOptions.defaults(empty).withFsyncPolicy(like.fsyncPolicy())
                .withFormat(like.format()).withSnapshotEveryEvents(0), List.of(subject.model()))) {
            return reachableBytes(store);
        } finally {
            try (Stream<Path> files = Files.walk(empty)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static long reachableBytes(Object root) {
        return HeapSize.reachableBytes(root);
    }
}
