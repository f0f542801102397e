package dev.lithair.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.lithair.testsupport.TestDirectories;
import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.benchmarks.harness.Product;
import dev.lithair.benchmarks.harness.lithair.HistorizedProduct;
import dev.lithair.benchmarks.harness.http.ItemForm;
import dev.lithair.benchmarks.harness.http.lithair.LithairItem;
import dev.lithair.benchmarks.harness.lithair.LithairProduct;
import dev.lithair.event.StorageFormat;
import dev.lithair.model.EntityModel;
import dev.lithair.store.FsyncPolicy;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParseResult;

/**
 * How long {@link LithairStore#open} takes on a data directory of N product creations (the restart
 * workload of the comparison harness, without Spring): by replaying the whole log, and from a snapshot
 * followed by a short log tail; beside them, the floor of the same records read from a plain file into a
 * map ({@link RestartFloor}), and each open's ratio to it. Each open runs in a fresh JVM (class loading
 * and JIT warm-up are part of a restart), as the harness's children do, with the harness's heap; the
 * medians are printed. Each
 * open also prints the highest used heap after a collection during it beside the heap at rest once
 * open: what loading holds beyond the state it builds.
 *
 * <p>The data is what the harness writes: {@code LithairProduct} records, binary format, commits of
 * 1,000 creations each (a repository's {@code saveAll}), no idempotency key, no actor; the store is
 * opened with the harness application's two entity types.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.lithair.benchmarks.RestartTime
 * [--events 1000000] [--tail 10000] [--runs 5] [--heap 3g] [--work DIR]
 * [--entity product|item] [--only replay|snapshot|floor] [--compare OTHER.jar] [--jvm-arg ARG]...}
 *
 * <ul>
 * <li>{@code --tail}: events committed after the snapshot, replayed from the log on top of it.</li>
 * <li>{@code --entity item}: the HTTP shop's items instead of products: the retained history, unique
 * and hash indexes and version an application's entity brings, which loading must rebuild too.</li>
 * <li>{@code --work}: where the two data directories go; reused when already prepared with the same
 * sizes (kept afterwards), else made in a temporary directory and deleted at the end.</li>
 * <li>{@code --compare}: also opens each directory with this other build (e.g. one built from an
 * earlier commit), alternating run by run with this one, and prints the ratio of the medians: both
 * see the same load.</li>
 * <li>{@code --jvm-arg}: passed to every opening JVM, e.g. {@code -XX:StartFlightRecording=...}.</li>
 * </ul>
 */
public final class RestartTime {

    /** What the data directory holds. */
    enum Entity {
        /** The harness's products: five fields, no history, one hash index. */
        PRODUCT("LithairProduct"),
        /**
         * The HTTP shop's items, as an application declares them: two fields with {@code FULL} history
         * (each creation leaves a change for both), a hash index, a unique sku, a version.
         */
        ITEM("LithairItem");

        final String type;

        Entity(String type) {
            this.type = type;
        }

        Object create(int i) {
            if (this == ITEM) {
                String id = "i" + i;
                ItemForm form = ItemForm.preloaded(id);
                return new LithairItem(id, form.name(), form.category(), form.price(), form.sku(), null);
            }
            Product p = Product.created("p" + i, i);
            return new LithairProduct(p.id(), p.name(), p.category(), p.price(), p.stock());
        }

        String id(int i) {
            return (this == ITEM ? "i" : "p") + i;
        }
    }

    private static final int COMMIT_SIZE = 1000;
    private static final String OPENED = "OPENED";

    private RestartTime() {
    }

    public static void main(String[] args) throws Exception {
        Arguments arguments = new Arguments();
        ParseResult parsed = CommandLines.parseResult(arguments, args, null);
        if (parsed.subcommand() != null) {
            Object child = parsed.subcommand().commandSpec().userObject();
            if (child instanceof Open open) {
                openOnce(open.directory, open.expected, open.entity);
            } else if (child instanceof Prepare prepare) {
                prepare(prepare.directory, prepare.events, prepare.snapshot, prepare.tail, prepare.entity);
            }
            return;
        }
        Path work = arguments.work != null ? arguments.work : Files.createTempDirectory("lithair-restart");
        Files.createDirectories(work);
        try {
            Map<String, Path> directories = new LinkedHashMap<>();
            if (arguments.only == null || "replay".equals(arguments.only)) {
                directories.put("log replay, " + count(arguments.events) + " events",
                        prepared(work, arguments, false));
            }
            if (arguments.only == null || "snapshot".equals(arguments.only)) {
                directories.put("snapshot of " + count(arguments.events) + " + log tail of " + count(arguments.tail),
                        prepared(work, arguments, true));
            }
            if (arguments.only == null || "floor".equals(arguments.only)) {
                directories.put("floor: the same " + count(arguments.events + arguments.tail)
                        + " records from a plain file into a HashMap", preparedFloor(work, arguments));
            }
            Map<String, Double> medians = new LinkedHashMap<>();
            String thisBuild = System.getProperty("java.class.path");
            for (Map.Entry<String, Path> directory : directories.entrySet()) {
                boolean withTail = isFloor(directory.getValue())
                        || directory.getValue().getFileName().toString().contains("snapshot");
                long expected = arguments.events + (withTail ? arguments.tail : 0);
                List<Double> opens = new ArrayList<>();
                List<Double> readies = new ArrayList<>();
                List<Double> otherOpens = new ArrayList<>();
                List<Double> otherReadies = new ArrayList<>();
                // The floor reads no store: the other build has nothing different to show there.
                String compare = isFloor(directory.getValue()) ? null : arguments.compare;
                for (int run = 1; run <= arguments.runs; run++) {
                    // Alternating which build goes first in a run spreads slow moments over both.
                    boolean otherFirst = compare != null && run % 2 == 0;
                    if (otherFirst) {
                        measure(arguments, arguments.compare, directory.getValue(), expected, otherOpens, otherReadies, "other");
                    }
                    measure(arguments, thisBuild, directory.getValue(), expected, opens, readies, "this ");
                    if (compare != null && !otherFirst) {
                        measure(arguments, arguments.compare, directory.getValue(), expected, otherOpens, otherReadies, "other");
                    }
                }
                System.out.printf(Locale.ROOT, "%s: open median %.0f ms, JVM start to ready median %.0f ms (%d runs)%n",
                        directory.getKey(), Statistics.median(opens), Statistics.median(readies), opens.size());
                medians.put(directory.getKey().substring(0, directory.getKey().indexOf(' ')), Statistics.median(opens));
                if (compare != null) {
                    System.out.printf(Locale.ROOT, "%s, other build: open median %.0f ms, JVM start to ready median "
                            + "%.0f ms; this / other: open %.2fx, ready %.2fx%n", directory.getKey(),
                            Statistics.median(otherOpens), Statistics.median(otherReadies),
                            Statistics.median(opens) / Statistics.median(otherOpens),
                            Statistics.median(readies) / Statistics.median(otherReadies));
                }
            }
            Double floor = medians.get("floor:");
            if (floor != null) {
                medians.forEach((name, open) -> {
                    if (!name.equals("floor:")) {
                        System.out.printf(Locale.ROOT, "%s open / floor: %.2fx%n", name, open / floor);
                    }
                });
            }
        } finally {
            if (arguments.work == null) {
                TestDirectories.deleteRecursively(work);
            }
        }
    }

    private static String count(long n) {
        return n >= 1_000_000 && n % 1_000_000 == 0 ? (n / 1_000_000) + "M"
                : n >= 1000 && n % 1000 == 0 ? (n / 1000) + "K" : Long.toString(n);
    }

    /** The data directory for one case, written by a child JVM unless a previous run left it complete. */
    private static Path prepared(Path work, Arguments arguments, boolean snapshot) throws Exception {
        String name = (arguments.entity == Entity.ITEM ? "items-" : "") + (snapshot ? "snapshot-" : "replay-")
                + arguments.events + (snapshot ? "-" + arguments.tail : "");
        Path directory = work.resolve(name);
        Path done = work.resolve(name + ".prepared");
        if (Files.exists(done)) {
            return directory;
        }
        TestDirectories.deleteRecursively(directory);
        System.out.printf("preparing %s ...%n", directory);
        List<String> command = javaCommand(arguments, System.getProperty("java.class.path"), List.of());
        command.addAll(List.of("prepare", directory.toString(), Integer.toString(arguments.events),
                Boolean.toString(snapshot), Integer.toString(arguments.tail), arguments.entity.name()));
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("preparing " + directory + " failed");
        }
        Files.createFile(done);
        return directory;
    }

    /** The floor's file, written here unless a previous run left it. */
    private static Path preparedFloor(Path work, Arguments arguments) throws IOException {
        Path file = work.resolve((arguments.entity == Entity.ITEM ? "items-" : "") + "floor-"
                + (arguments.events + arguments.tail) + ".bin");
        if (!Files.exists(file)) {
            Path partial = work.resolve(file.getFileName() + ".partial");
            RestartFloor.write(partial, arguments.events + arguments.tail, arguments.entity);
            Files.move(partial, file);
        }
        return file;
    }

    private static void measure(Arguments arguments, String classpath, Path directory, long expected, List<Double> opens,
            List<Double> readies, String label) throws Exception {
        List<String> command = javaCommand(arguments, classpath, arguments.jvmArgs);
        command.addAll(List.of("open", directory.toString(), Long.toString(expected), arguments.entity.name()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String result = null;
        List<String> output = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith(OPENED + " ")) {
                    result = line;
                } else {
                    output.add(line);
                }
            }
        }
        if (process.waitFor() != 0 || result == null) {
            output.forEach(System.err::println);
            throw new IllegalStateException("opening " + directory + " failed");
        }
        String[] fields = result.split(" ");
        double openMillis = Double.parseDouble(fields[1]);
        double readyMillis = Double.parseDouble(fields[2]);
        long peak = Long.parseLong(fields[3]);
        long rest = Long.parseLong(fields[4]);
        opens.add(openMillis);
        readies.add(readyMillis);
        System.out.printf(Locale.ROOT, "  %s %s: open %.0f ms, ready %.0f ms after JVM start; heap during the open "
                + "%d MB at most after a collection, %d MB at rest after it (%.2fx)%n", label, directory.getFileName(),
                openMillis, readyMillis, peak >> 20, rest >> 20, (double) peak / rest);
    }

    private static List<String> javaCommand(Arguments arguments, String classpath, List<String> jvmArgs) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xms512m", "-Xmx" + arguments.heap));
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", classpath, RestartTime.class.getName()));
        return command;
    }

    static StoreOptions options(Path directory) {
        return StoreOptions.defaults(directory).withFormat(StorageFormat.BINARY).withSnapshotEveryEvents(0);
    }

    static List<EntityModel<?>> models() {
        return List.of(EntityModel.of(LithairProduct.class, HistoryPolicy.NONE),
                EntityModel.of(HistorizedProduct.class, HistoryPolicy.NONE),
                EntityModel.of(LithairItem.class, HistoryPolicy.NONE));
    }

    /** Child: N creations in commits of 1,000, then a snapshot and {@code tail} more creations when asked. */
    private static void prepare(Path directory, int events, boolean snapshot, int tail, Entity entity) {
        try (LithairStore store = LithairStore.open(options(directory).withFsyncPolicy(FsyncPolicy.NEVER), models())) {
            create(store, 0, events, entity);
            if (snapshot) {
                store.snapshot().join();
                create(store, events, events + tail, entity);
            }
        }
    }

    private static void create(LithairStore store, int from, int to, Entity entity) {
        for (int start = from; start < to; start += COMMIT_SIZE) {
            List<Operation> operations = new ArrayList<>(COMMIT_SIZE);
            for (int i = start; i < Math.min(to, start + COMMIT_SIZE); i++) {
                operations.add(new Operation.Put(entity.type, entity.id(i), entity.create(i)));
            }
            store.commit(new Commit(null, null, operations));
        }
    }

    /**
     * Child: opens the store once (or reads the floor's file into a map, {@link #isFloor}), checks what it
     * recovered, prints the open time, the time since JVM start, the highest used heap after a collection
     * during the open and the heap at rest after it.
     */
    private static void openOnce(Path path, long expected, Entity entity) throws IOException, InterruptedException {
        HeapWatch heap = new HeapWatch();
        long from = heap.open();
        long started = System.nanoTime();
        boolean floor = isFloor(path);
        try (LithairStore store = floor ? null : LithairStore.open(options(path), models())) {
            Map<String, Object> records = floor ? RestartFloor.read(path, entity) : null;
            long count = floor ? records.size() : store.count(entity.type);
            long lastSequence = floor ? count : store.lastSequence();
            double openMillis = (System.nanoTime() - started) / 1e6;
            long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
            long peak = heap.peaks(from, heap.close())[0];
            long rest = HeapWatch.heapAtRest();
            if (count != expected || lastSequence != expected) {
                throw new IllegalStateException("recovered " + count + " entities up to sequence " + lastSequence
                        + ", expected " + expected);
            }
            System.out.printf(Locale.ROOT, "%s %.1f %d %d %d%n", OPENED, openMillis, uptime, peak, rest);
            Reference.reachabilityFence(records); // measured at rest while held, as the store is
        }
    }

    /** Whether a child's path is the floor's plain file rather than a data directory. */
    private static boolean isFloor(Path path) {
        return path.getFileName().toString().endsWith(".bin");
    }

    /** The command line; {@code open} and {@code prepare} are what this class runs in its child JVMs. */
    @Command(name = "RestartTime", mixinStandardHelpOptions = true, subcommands = {Open.class, Prepare.class},
            description = "LithairStore.open on N product creations, by log replay and from a snapshot.")
    private static final class Arguments {
        @Option(names = "--events", description = "product creations (default ${DEFAULT-VALUE})")
        int events = 1_000_000;

        @Option(names = "--tail", description = "creations after the snapshot (default ${DEFAULT-VALUE})")
        int tail = 10_000;

        @Option(names = "--runs", description = "opens of each directory (default ${DEFAULT-VALUE})")
        int runs = 5;

        @Option(names = "--heap", description = "-Xmx of each opening JVM (default ${DEFAULT-VALUE})")
        String heap = "3g";

        @Option(names = "--work", description = "where the data directories go (default: a temporary one)")
        Path work;

        @Option(names = "--only", description = "replay, snapshot or floor")
        String only;

        @Option(names = "--compare", paramLabel = "OTHER.jar", description = "another build, alternated run by run")
        String compare;

        @Option(names = "--jvm-arg", paramLabel = "ARG", description = "passed to every opening JVM")
        final List<String> jvmArgs = new ArrayList<>();

        @Option(names = "--entity", description = "product or item (default ${DEFAULT-VALUE})")
        Entity entity = Entity.PRODUCT;
    }

    /** A child JVM: opens a directory (or reads the floor's file) once and prints the time. */
    @Command(name = "open", hidden = true)
    static final class Open {
        @Parameters(index = "0")
        Path directory;

        @Parameters(index = "1")
        long expected;

        @Parameters(index = "2")
        Entity entity;
    }

    /** A child JVM: writes a directory's creations, with a snapshot and a tail or not. */
    @Command(name = "prepare", hidden = true)
    static final class Prepare {
        @Parameters(index = "0")
        Path directory;

        @Parameters(index = "1")
        int events;

        @Parameters(index = "2", arity = "1")
        boolean snapshot;

        @Parameters(index = "3")
        int tail;

        @Parameters(index = "4")
        Entity entity;
    }
}
