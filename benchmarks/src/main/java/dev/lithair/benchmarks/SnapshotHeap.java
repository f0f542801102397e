package dev.lithair.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;

import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.benchmarks.harness.http.ItemForm;
import dev.lithair.benchmarks.harness.http.lithair.LithairItem;
import dev.lithair.event.StorageFormat;
import dev.lithair.model.EntityModel;
import dev.lithair.store.FsyncPolicy;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;
import dev.lithair.store.spi.SnapshotInfo;
import dev.lithair.testsupport.TestDirectories;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParseResult;

/**
 * How much heap a snapshot and a compaction take beside the heap at rest, while a writer keeps
 * committing: the bar is a peak of at most 1.25x the heap at rest for a store of 1M entities, so that
 * an application sized for its data does not run out of heap when the store snapshots itself.
 *
 * <p>Each run is a fresh JVM (default {@code -Xmx3g}) that opens a store in a temporary directory
 * (binary format, no automatic snapshot, no fsync) with the HTTP shop's {@link LithairItem} (two fields
 * with {@code FULL} history, an indexed one, a unique immutable one, a version), creates N items in
 * commits of 1,000, as the shop preloads them, then changes the price of every tenth one once, in
 * commits of 1,000, so that history exists. Then, for the snapshot ({@code store.snapshot()}) and for
 * the compaction ({@code store.compact()}) in turn:
 *
 * <ul>
 * <li>the heap at rest is the used heap after three {@code System.gc()}, the writer stopped, measured
 * again before the compaction since the snapshot's window grew the state;</li>
 * <li>a writer thread commits price changes of 100 random items at a time, at full speed, for the whole
 * window, as an application's writes go on during a snapshot;</li>
 * <li>the peak is the highest used heap after any collection whose start falls in the window (from the
 * call to the end of the future), read from the collectors' notifications. Collections are forced so
 * that the window is sampled even when the collector has no reason to run: one right after the call,
 * then one every {@code --gc-every} ms (250) until the future completes. The peak after the forced
 * (full) collections alone is printed too: the live set, without the garbage a young collection
 * leaves in the old generation.</li>
 * </ul>
 *
 * The forced collections slow the snapshot down: its duration here is no timing figure. The writer's
 * changes grow the state during the window (their history is kept), so the ratio to the heap at rest
 * after the window is printed beside the ratio to the heap at rest before it, which is the bar's. A
 * window that runs out of heap is reported as failed, a result in itself; the medians are of the runs
 * that completed.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.lithair.benchmarks.SnapshotHeap
 * [--entities 1000000] [--runs 3] [--heap 3g] [--gc-every 250] [--no-writer] [--compare OTHER.jar]
 * [--jvm-arg ARG]...}
 *
 * <ul>
 * <li>{@code --no-writer}: no commits during the windows, to tell the snapshot's own cost from what the
 * changes made meanwhile add.</li>
 * <li>{@code --compare}: also runs the measurement with this other build (a benchmarks jar holding this
 * class: an earlier commit built with this file copied in), alternating run by run with this one, and
 * prints the ratio of the medians.</li>
 * <li>{@code --jvm-arg}: passed to every measuring JVM, e.g. {@code -XX:+UseParallelGC}.</li>
 * </ul>
 */
public final class SnapshotHeap {

    static final String TYPE = "LithairItem";
    private static final int COMMIT_SIZE = 1000;
    private static final int WRITER_COMMIT_SIZE = 100;
    private static final BigDecimal CENT = new BigDecimal("0.01");
    private static final String MEASURED = "MEASURED";
    private static final String FAILED = "FAILED";
    private static final List<String> WINDOWS = List.of("snapshot", "compaction");
    private static final double MB = 1024.0 * 1024.0;

    private SnapshotHeap() {
    }

    /** One window's figures, in bytes and milliseconds. */
    private record Window(long restBefore, long peak, long explicitPeak, long restAfter, long millis, long sizeBytes,
            long writerCommits) {

        String fields() {
            return restBefore + " " + peak + " " + explicitPeak + " " + restAfter + " " + millis + " " + sizeBytes + " "
                    + writerCommits;
        }

        static Window parse(String[] fields, int from) {
            return new Window(Long.parseLong(fields[from]), Long.parseLong(fields[from + 1]),
                    Long.parseLong(fields[from + 2]), Long.parseLong(fields[from + 3]), Long.parseLong(fields[from + 4]),
                    Long.parseLong(fields[from + 5]), Long.parseLong(fields[from + 6]));
        }

        double ratio() {
            return peak / (double) restBefore;
        }

        String describe() {
            return String.format(Locale.ROOT, "rest %.0f MB, peak %.0f MB = %.3fx rest (%.3fx rest after %.0f MB), "
                    + "after full collections %.0f MB = %.3fx; %d ms, %.1f MB written, %d writer commits",
                    restBefore / MB, peak / MB, ratio(), peak / (double) restAfter, restAfter / MB, explicitPeak / MB,
                    explicitPeak / (double) restBefore, millis, sizeBytes / MB, writerCommits);
        }
    }

    public static void main(String[] args) throws Exception {
        Arguments arguments = new Arguments();
        ParseResult parsed = CommandLines.parseResult(arguments, args, null);
        if (parsed.subcommand() != null && parsed.subcommand().commandSpec().userObject() instanceof Measure measure) {
            measureOnce(measure.entities, measure.gcEveryMillis, measure.writer);
            return;
        }
        String thisBuild = System.getProperty("java.class.path");
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        Map<String, List<Double>> otherRatios = new LinkedHashMap<>();
        System.out.printf(Locale.ROOT, "%d entities, -Xmx%s, a collection forced every %d ms in the windows, %s%n",
                arguments.entities, arguments.heap, arguments.gcEveryMillis,
                arguments.noWriter ? "no writer" : "a writer committing");
        for (int run = 1; run <= arguments.runs; run++) {
            // Alternating which build goes first in a run spreads slow moments over both.
            boolean otherFirst = arguments.compare != null && run % 2 == 0;
            if (otherFirst) {
                measure(arguments, arguments.compare, otherRatios, "other");
            }
            measure(arguments, thisBuild, ratios, "this ");
            if (arguments.compare != null && !otherFirst) {
                measure(arguments, arguments.compare, otherRatios, "other");
            }
        }
        System.out.println("peak / heap at rest, medians (bar: 1.25x):");
        for (String window : WINDOWS) {
            printMedian("this ", window, ratios.get(window), arguments.runs);
            if (arguments.compare != null) {
                printMedian("other", window, otherRatios.get(window), arguments.runs);
                System.out.printf(Locale.ROOT, "  this / other, %s: %.3f%n", window,
                        Statistics.median(ratios.get(window)) / Statistics.median(otherRatios.get(window)));
            }
        }
    }

    private static void printMedian(String label, String window, List<Double> ratios, int runs) {
        // A failed window (out of heap) has no ratio: the median is of the runs that completed.
        System.out.printf(Locale.ROOT, "  %s %-10s %s (%d of %d runs completed)%n", label, window,
                ratios.isEmpty() ? "-" : String.format(Locale.ROOT, "%.3fx", Statistics.median(ratios)), ratios.size(),
                runs);
    }

    /** One run in a child JVM: its lines parsed and printed, the ratio of each completed window kept. */
    private static void measure(Arguments arguments, String classpath, Map<String, List<Double>> ratios, String label)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + arguments.heap));
        command.addAll(arguments.jvmArgs);
        command.addAll(List.of("-cp", classpath, SnapshotHeap.class.getName(), "measure",
                Integer.toString(arguments.entities), Long.toString(arguments.gcEveryMillis),
                Boolean.toString(!arguments.noWriter)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Map<String, String> results = new LinkedHashMap<>();
        List<String> output = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] fields = line.split(" ", 3);
                if (fields.length == 3 && (fields[0].equals(MEASURED) || fields[0].equals(FAILED))) {
                    results.put(fields[1], line);
                } else {
                    output.add(line);
                }
            }
        }
        process.waitFor();
        if (!results.keySet().containsAll(WINDOWS)) {
            output.forEach(System.err::println);
            throw new IllegalStateException("the measuring JVM failed");
        }
        for (String window : WINDOWS) {
            String[] fields = results.get(window).split(" ", 3);
            if (fields[0].equals(FAILED)) {
                System.out.printf("  %s %-11s failed: %s%n", label, window + ":", fields[2]);
                ratios.computeIfAbsent(window, w -> new ArrayList<>());
                continue;
            }
            Window measured = Window.parse(fields[2].split(" "), 0);
            ratios.computeIfAbsent(window, w -> new ArrayList<>()).add(measured.ratio());
            System.out.printf("  %s %-11s %s%n", label, window + ":", measured.describe());
        }
    }

    static StoreOptions options(Path directory) {
        return StoreOptions.defaults(directory).withFormat(StorageFormat.BINARY).withSnapshotEveryEvents(0)
                .withFsyncPolicy(FsyncPolicy.NEVER);
    }

    /**
     * Child: loads the store, measures a snapshot then a compaction, prints a line of figures for each,
     * or the error that ended it: a window that does not fit in the heap is a result too.
     */
    private static void measureOnce(int entities, long gcEveryMillis, boolean writer) throws Exception {
        Path directory = TestDirectories.create("lithair-snapshot-heap");
        try (LithairStore store = LithairStore.open(options(directory),
                List.of(EntityModel.of(LithairItem.class, HistoryPolicy.NONE)))) {
            create(store, entities);
            // Every tenth item changes price once, so that the snapshot carries history as well as state.
            for (int start = 0; start < entities; start += COMMIT_SIZE * 10) {
                List<Operation> operations = new ArrayList<>(COMMIT_SIZE);
                for (int i = start; i < Math.min(entities, start + COMMIT_SIZE * 10); i += 10) {
                    operations.add(changedPrice(store, "i" + i));
                }
                store.commit(new Commit(null, null, operations));
            }
            if (store.retainedHistoryChanges() == 0) {
                throw new IllegalStateException("no history retained: the model did not read @Historize");
            }
            HeapWatch watch = new HeapWatch();
            String failed = null;
            for (String window : WINDOWS) {
                if (failed != null) {
                    System.out.println(FAILED + " " + window + " not tried after the " + failed + " failed");
                    continue;
                }
                try {
                    Window measured = window(store, window.equals("snapshot") ? store::snapshot : store::compact,
                            entities, watch, gcEveryMillis, writer);
                    System.out.println(MEASURED + " " + window + " " + measured.fields());
                } catch (Throwable e) { // an OutOfMemoryError included: that is what is measured
                    failed = window;
                    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                    System.out.println(FAILED + " " + window + " " + cause.toString().replace('\n', ' ') + " (-Xmx "
                            + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB)");
                }
            }
        } finally {
            TestDirectories.deleteRecursively(directory);
        }
    }

    /** N items as the shop preloads them: ids {@code i0, i1, ...}, commits of 1,000. */
    private static void create(LithairStore store, int entities) {
        for (int start = 0; start < entities; start += COMMIT_SIZE) {
            List<Operation> operations = new ArrayList<>(COMMIT_SIZE);
            for (int i = start; i < Math.min(entities, start + COMMIT_SIZE); i++) {
                String id = "i" + i;
                ItemForm form = ItemForm.preloaded(id);
                operations.add(new Operation.Put(TYPE, id,
                        new LithairItem(id, form.name(), form.category(), form.price(), form.sku(), null)));
            }
            store.commit(new Commit(null, null, operations));
        }
    }

    /** The item one cent dearer, with the version read, as the shop's update saves it. */
    private static Operation changedPrice(LithairStore store, String id) {
        LithairItem read = store.find(LithairItem.class, id).orElseThrow();
        return new Operation.Put(TYPE, id, new LithairItem(id, read.name(), read.category(), read.price().add(CENT),
                read.sku(), read.version()));
    }

    /**
     * One measured window: the heap at rest, then {@code action} with the writer committing and
     * collections forced until its future completes, then the heap at rest again.
     */
    private static Window window(LithairStore store, Supplier<CompletableFuture<SnapshotInfo>> action, int entities,
            HeapWatch watch, long gcEveryMillis, boolean withWriter) throws Exception {
        long restBefore = HeapWatch.heapAtRest();
        AtomicLong commits = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            SplittableRandom random = new SplittableRandom(42);
            try {
                while (!stop.get()) {
                    // Distinct ids: a second change of one item in the same commit would carry a stale version.
                    Set<String> ids = new LinkedHashSet<>();
                    while (ids.size() < Math.min(WRITER_COMMIT_SIZE, entities)) {
                        ids.add("i" + random.nextInt(entities));
                    }
                    List<Operation> operations = new ArrayList<>(ids.size());
                    ids.forEach(id -> operations.add(changedPrice(store, id)));
                    store.commit(new Commit(null, null, operations));
                    commits.incrementAndGet();
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "writer");
        SnapshotInfo info;
        long from;
        long to;
        long writerCommits;
        try {
            if (withWriter) {
                writer.start();
            }
            while (withWriter && commits.get() == 0 && writer.isAlive()) {
                Thread.onSpinWait(); // the window opens on a writer already committing
            }
            long commitsBefore = commits.get();
            from = watch.open();
            CompletableFuture<SnapshotInfo> future = action.get();
            System.gc();
            while (true) {
                try {
                    info = future.get(gcEveryMillis, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException stillRunning) {
                    System.gc();
                }
            }
            to = watch.close();
            writerCommits = commits.get() - commitsBefore;
        } finally {
            stop.set(true); // a flag, not an interrupt: a commit interrupted would fail
            if (withWriter) {
                writer.join();
            }
        }
        if (failure.get() != null) {
            throw new ExecutionException("the writer failed", failure.get());
        }
        long[] peaks = watch.peaks(from, to);
        return new Window(restBefore, peaks[0], peaks[1], HeapWatch.heapAtRest(), info.durationMillis(), info.sizeBytes(),
                writerCommits);
    }

    /** The command line; {@code measure} is what this class runs in its child JVMs. */
    @Command(name = "SnapshotHeap", mixinStandardHelpOptions = true, subcommands = Measure.class,
            description = "Peak heap during a snapshot and a compaction of N items, against the heap at rest.")
    private static final class Arguments {
        @Option(names = "--entities", description = "items in the store (default ${DEFAULT-VALUE})")
        int entities = 1_000_000;

        @Option(names = "--runs", description = "measuring JVMs (default ${DEFAULT-VALUE})")
        int runs = 3;

        @Option(names = "--heap", description = "-Xmx of each measuring JVM (default ${DEFAULT-VALUE})")
        String heap = "3g";

        @Option(names = "--gc-every", paramLabel = "MS", description = "forced collection period in a window "
                + "(default ${DEFAULT-VALUE})")
        long gcEveryMillis = 250;

        @Option(names = "--no-writer", description = "no commits during the windows: the snapshot's own cost")
        boolean noWriter;

        @Option(names = "--compare", paramLabel = "OTHER.jar", description = "another build, alternated run by run")
        String compare;

        @Option(names = "--jvm-arg", paramLabel = "ARG", description = "passed to every measuring JVM")
        final List<String> jvmArgs = new ArrayList<>();
    }

    /** A child JVM: loads a store and measures one snapshot and one compaction. */
    @Command(name = "measure", hidden = true)
    static final class Measure {
        @Parameters(index = "0")
        int entities;

        @Parameters(index = "1")
        long gcEveryMillis;

        @Parameters(index = "2", arity = "1")
        boolean writer;
    }
}
