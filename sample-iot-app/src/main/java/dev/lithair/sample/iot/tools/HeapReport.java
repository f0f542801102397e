package dev.lithair.sample.iot.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import dev.lithair.sample.iot.IotApplication;
import dev.lithair.sample.iot.ingest.ReadingGenerator;
import dev.lithair.sample.iot.stats.IotStatistics;
import dev.lithair.sample.iot.stats.LocationTotals;
import dev.lithair.store.LithairStore;
import dev.lithair.store.spi.StoreStats;

/**
 * Measures the heap under continuous ingestion: starts the application on a fresh data directory,
 * feeds it generated batches through the same path as {@code /api/generate-fresh}, and after every
 * million readings prints the heap in use after a full GC. With the readings window declared by
 * {@code @Historize}, the live data is bounded by the number of sensors, so the figures should stay
 * flat however many readings arrive.
 *
 * <pre>
 * java -Xmx512m -Dloader.main=dev.lithair.sample.iot.tools.HeapReport \
 *      -cp sample-iot-app/target/sample-iot-app.jar org.springframework.boot.loader.launch.PropertiesLauncher \
 *      [readings, default 5000000] [sensors, default 1000] [--any.spring=property ...]
 * </pre>
 */
public final class HeapReport {

    private static final long CHECKPOINT = 1_000_000;

    private HeapReport() {
    }

    public static void main(String[] args) throws Exception {
        long total = args.length > 0 && !args[0].startsWith("--") ? Long.parseLong(args[0]) : 5_000_000;
        int sensors = args.length > 1 && !args[1].startsWith("--") ? Integer.parseInt(args[1]) : 1000;
        List<String> springArgs = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--")) {
                springArgs.add(arg);
            }
        }
        Path dataDir = Files.createTempDirectory("lithair-iot-heap-");
        springArgs.add("--lithair.data-dir=" + dataDir);
        springArgs.add("--server.port=0");
        springArgs.add("--logging.level.root=WARN");

        try (ConfigurableApplicationContext app = SpringApplication.run(IotApplication.class,
                springArgs.toArray(String[]::new))) {
            ReadingGenerator generator = app.getBean(ReadingGenerator.class);
            IotStatistics statistics = app.getBean(IotStatistics.class);
            LithairStore store = app.getBean(LithairStore.class);
            System.out.printf("heap report: %,d readings from %,d sensors, data in %s, max heap %,d MB%n", total,
                    sensors, dataDir, Runtime.getRuntime().maxMemory() >> 20);
            System.out.printf("%12s %12s %12s %14s %12s %12s %10s%n", "readings", "heap MB", "retained", "history MB*",
                    "log MB", "readings/s", "elapsed s");
            print(0, statistics, store, System.nanoTime(), 0);
            long started = System.nanoTime();
            long done = 0;
            long nextCheckpoint = CHECKPOINT;
            int ticksPerCall = (int) Math.max(1, Math.min(100_000, CHECKPOINT / sensors));
            while (done < total) {
                int ticks = (int) Math.min(ticksPerCall, (total - done + sensors - 1) / sensors);
                done += generator.generate(sensors, ticks).readings();
                if (done >= nextCheckpoint || done >= total) {
                    print(done, statistics, store, started, done);
                    nextCheckpoint += CHECKPOINT;
                }
            }
            System.out.println("* history MB: retained readings x their sampled JSON size, a lower bound.");
        } finally {
            delete(dataDir);
        }
    }

    private static void print(long readings, IotStatistics statistics, LithairStore store, long started, long done) {
        long heap = heapAfterGc();
        LocationTotals totals = statistics.totals();
        StoreStats stats = store.stats();
        long historyBytes = statistics.current().memory().estimatedByType().get("Sensor.latestReading history")
                .estimatedBytes();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("%,12d %,12.1f %,12d %,14.1f %,12.1f %,12.0f %,10.0f%n", readings, heap / 1048576.0,
                totals.readingsRetained(), historyBytes / 1048576.0, stats.logBytes() / 1048576.0,
                seconds > 0 ? done / seconds : 0, seconds);
    }

    /** Heap in use once garbage is collected: what the live data takes. */
    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
