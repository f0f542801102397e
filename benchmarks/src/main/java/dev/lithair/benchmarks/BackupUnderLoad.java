package dev.lithair.benchmarks;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.backup.BackupInfo;
import dev.lithair.benchmarks.harness.Product;
import dev.lithair.benchmarks.harness.lithair.LithairProduct;
import dev.lithair.event.StorageFormat;
import dev.lithair.model.EntityModel;
import dev.lithair.store.FsyncPolicy;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;
import dev.lithair.testsupport.TestDirectories;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How much an online backup ({@link LithairStore#backup}) slows a steady writer: the store is loaded with N
 * products, then one thread commits price updates (one product per commit, blocking) without a pause, and
 * its commit rate is measured over a window with no backup and over a window during which backups run back
 * to back (each deleted once complete, so that every one links and copies the same amount). The two windows
 * alternate which comes first run by run, since automatic snapshots and the machine's other work land in
 * either; the medians over the runs and their ratio are printed. The acceptance target is a ratio of 0.7 at
 * least.
 *
 * <p>The store is opened as an application would: binary format, snapshots every 100,000 events (the
 * default), the fsync policy asked for ({@code batch} by default). Sealed segments and snapshots are hard-linked
 * into the backup, the active segment copied up to where the backup's sequence ends, and the copy scanned.
 *
 * <p>Usage: {@code java -Xmx4g -cp benchmarks/target/benchmarks.jar dev.lithair.benchmarks.BackupUnderLoad
 * [--entities 1000000] [--runs 3] [--window-seconds 5] [--fsync batch|always|never] [--work DIR]}
 */
public final class BackupUnderLoad {

    private static final int LOAD_COMMIT_SIZE = 1000;

    private BackupUnderLoad() {
    }

    public static void main(String[] args) throws Exception {
        Arguments arguments = CommandLines.parse(new Arguments(), args);
        Path work = arguments.work != null ? arguments.work : Files.createTempDirectory("lithair-backup-bench");
        Files.createDirectories(work);
        Path data = work.resolve("data");
        Path backups = work.resolve("backups");
        TestDirectories.deleteRecursively(data);
        TestDirectories.deleteRecursively(backups);
        StoreOptions options = StoreOptions.defaults(data).withFormat(StorageFormat.BINARY)
                .withFsyncPolicy(arguments.fsync);
        try (LithairStore store = LithairStore.open(options, List.of(EntityModel.of(LithairProduct.class,
                HistoryPolicy.NONE)))) {
            long loading = System.nanoTime();
            load(store, arguments.entities);
            System.out.printf(Locale.ROOT, "loaded %,d products in %.1f s (last sequence %,d, fsync %s)%n",
                    arguments.entities, (System.nanoTime() - loading) / 1e9, store.lastSequence(),
                    arguments.fsync.name().toLowerCase(Locale.ROOT));
            Writer writer = new Writer(store, arguments.entities);
            writer.start();
            try {
                measure(arguments, store, writer, backups);
            } finally {
                writer.stop();
            }
        } finally {
            if (arguments.work == null) {
                TestDirectories.deleteRecursively(work);
            }
        }
    }

    private static void measure(Arguments arguments, LithairStore store, Writer writer, Path backups)
            throws Exception {
        long windowNanos = arguments.windowSeconds * 1_000_000_000L;
        // A first window of each kind warms the writer and the backup path up; it is not counted.
        window(store, writer, backups, windowNanos / 2, false);
        window(store, writer, backups, windowNanos / 2, true);
        List<Double> without = new ArrayList<>();
        List<Double> during = new ArrayList<>();
        List<Double> backupMillis = new ArrayList<>();
        for (int run = 1; run <= arguments.runs; run++) {
            boolean backupFirst = run % 2 == 0;
            Window first = window(store, writer, backups, windowNanos, backupFirst);
            Window second = window(store, writer, backups, windowNanos, !backupFirst);
            Window quiet = backupFirst ? second : first;
            Window busy = backupFirst ? first : second;
            without.add(quiet.rate());
            during.add(busy.rate());
            backupMillis.addAll(busy.backupMillis());
            System.out.printf(Locale.ROOT, "run %d: without backup %,.0f commits/s; during backups %,.0f commits/s "
                    + "(%d backups, median %.0f ms, %.1f MB each, sequence %,d); ratio %.2fx%n", run, quiet.rate(),
                    busy.rate(), busy.backupMillis().size(), Statistics.median(busy.backupMillis()),
                    busy.backupBytes() / 1e6, busy.lastBackupSequence(), busy.rate() / quiet.rate());
        }
        double medianWithout = Statistics.median(without);
        double medianDuring = Statistics.median(during);
        System.out.printf(Locale.ROOT, "median over %d runs of %d s: without backup %,.0f commits/s, during backups "
                + "%,.0f commits/s, during / without %.2fx (target >= 0.70x); a backup took %.0f ms (median of %d)%n",
                arguments.runs, arguments.windowSeconds, medianWithout, medianDuring, medianDuring / medianWithout,
                Statistics.median(backupMillis), backupMillis.size());
    }

    /** What one window measured. */
    private record Window(double rate, List<Double> backupMillis, long backupBytes, long lastBackupSequence) {
    }

    /** Counts the writer's commits over {@code nanos}, taking backups back to back meanwhile when asked. */
    private static Window window(LithairStore store, Writer writer, Path backups, long nanos, boolean backingUp)
            throws Exception {
        List<Double> millis = new ArrayList<>();
        long bytes = 0;
        long sequence = 0;
        long commitsBefore = writer.commits();
        long started = System.nanoTime();
        long end = started + nanos;
        if (backingUp) {
            while (System.nanoTime() < end) {
                long backupStarted = System.nanoTime();
                BackupInfo backup = store.backup(backups).join();
                millis.add((System.nanoTime() - backupStarted) / 1e6);
                bytes = backup.bytes();
                sequence = backup.sequence();
                TestDirectories.deleteRecursively(backup.directory());
            }
        } else {
            Thread.sleep(nanos / 1_000_000);
        }
        long elapsed = System.nanoTime() - started;
        double rate = (writer.commits() - commitsBefore) / (elapsed / 1e9);
        writer.check();
        return new Window(rate, millis, bytes, sequence);
    }

    private static void load(LithairStore store, int entities) {
        for (int start = 0; start < entities; start += LOAD_COMMIT_SIZE) {
            List<Operation> operations = new ArrayList<>(LOAD_COMMIT_SIZE);
            for (int i = start; i < Math.min(entities, start + LOAD_COMMIT_SIZE); i++) {
                Product p = Product.created("p" + i, i);
                operations.add(new Operation.Put("LithairProduct", p.id(),
                        new LithairProduct(p.id(), p.name(), p.category(), p.price(), p.stock())));
            }
            store.commit(new Commit(null, null, operations));
        }
    }

    /** One thread committing price updates of the loaded products, one per commit, as fast as it can. */
    private static final class Writer {
        private final LithairStore store;
        private final int entities;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong commits = new AtomicLong();
        private final Thread thread;
        private volatile Throwable failure;

        Writer(LithairStore store, int entities) {
            this.store = store;
            this.entities = entities;
            this.thread = new Thread(this::run, "steady-writer");
        }

        void start() {
            thread.start();
        }

        private void run() {
            try {
                long n = 0;
                while (running.get()) {
                    int i = (int) (n % entities);
                    Product p = Product.created("p" + i, i);
                    store.commit(Commit.of(new Operation.Put("LithairProduct", p.id(), new LithairProduct(p.id(),
                            p.name(), p.category(), p.price().add(BigDecimal.valueOf(n)), p.stock()))));
                    commits.incrementAndGet();
                    n++;
                }
            } catch (Throwable e) {
                failure = e;
            }
        }

        long commits() {
            return commits.get();
        }

        /** Fails the benchmark when the writer stopped on an error. */
        void check() {
            if (failure != null) {
                throw new IllegalStateException("the writer failed", failure);
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
            check();
        }
    }

    @Command(name = "BackupUnderLoad", mixinStandardHelpOptions = true,
            description = "A steady writer's commit rate without and during online backups.")
    private static final class Arguments {
        @Option(names = "--entities", description = "products loaded first (default ${DEFAULT-VALUE})")
        int entities = 1_000_000;

        @Option(names = "--runs", description = "pairs of windows measured (default ${DEFAULT-VALUE})")
        int runs = 3;

        @Option(names = "--window-seconds", description = "length of each window (default ${DEFAULT-VALUE})")
        int windowSeconds = 5;

        @Option(names = "--fsync", description = "always, batch or never (default ${DEFAULT-VALUE})")
        FsyncPolicy fsync = FsyncPolicy.BATCH;

        @Option(names = "--work", description = "where the data and backups go (default: a temporary directory, "
                + "deleted at the end)")
        Path work;
    }
}
