package dev.lithair.benchmarks;

import java.nio.file.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import dev.lithair.event.StorageFormat;
import dev.lithair.store.*;
import dev.lithair.store.FsyncPolicy;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;
import tools.jackson.databind.node.ObjectNode;

/**
 * Loaded once per engine build by {@code Ab}, in that build's class loader: opens a fresh store (or
 * the benchmark's naive group commit), commits from N threads for a while and returns commits/s,
 * leaving the process CPU per commit and how busy the whole machine was in two static fields.
 */
public class AbDriver {
    static final AtomicInteger IDS = new AtomicInteger();
    public static volatile double CPU_PER_OP;
    public static volatile double MACHINE_BUSY;

    /** idle+iowait jiffies and total jiffies from /proc/stat. */
    static long[] machineIdle() {
        try {
            String[] f = Files.readAllLines(Paths.get("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) total += Long.parseLong(f[i]);
            return new long[] {Long.parseLong(f[4]) + Long.parseLong(f[5]), total};
        } catch (Exception e) {
            return new long[] {0, 1};
        }
    }

    public static void configure(Map<String, String> settings) throws Exception {
        Class<?> syncer = Class.forName("dev.lithair.internal.log.LogSyncer");
        for (Map.Entry<String, String> e : settings.entrySet()) {
            java.lang.reflect.Field f = syncer.getDeclaredField(e.getKey());
            f.setAccessible(true);
            if (f.getType() == boolean.class) f.setBoolean(null, Boolean.parseBoolean(e.getValue()));
            else if (f.getType() == int.class) f.setInt(null, Integer.parseInt(e.getValue()));
            else if (f.getType() == long.class) f.setLong(null, Long.parseLong(e.getValue()));
        }
    }

    public static double lithair(int threads, long warmMillis, long millis) throws Exception {
        Path dir = Files.createTempDirectory("ab-lithair-");
        LithairStore store = LithairStore.open(StoreOptions.defaults(dir).withFsyncPolicy(FsyncPolicy.ALWAYS)
                .withFormat(StorageFormat.BINARY).withSnapshotEveryEvents(0));
        ObjectNode fields = DurableAppendBenchmark.LithairState.payload();
        try {
            return drive(threads, warmMillis, millis, () -> {
                String prefix = "w" + IDS.incrementAndGet() + "-";
                long[] n = {0};
                return () -> store.commit(Commit.of(new Operation.Put("Reading", prefix + (n[0]++), fields)));
            });
        } finally {
            store.close();
            DurableAppendBenchmark.deleteRecursively(dir);
        }
    }

    public static double naive(int threads, long warmMillis, long millis) throws Exception {
        Path dir = Files.createTempDirectory("ab-naive-");
        DurableAppendBenchmark.NaiveGroupCommit log = new DurableAppendBenchmark.NaiveGroupCommit(dir.resolve("log"));
        try {
            return drive(threads, warmMillis, millis, () -> {
                byte[] rec = new byte[DurableAppendBenchmark.RECORD_BYTES];
                return () -> log.append(rec.clone()).join();
            });
        } finally {
            log.close();
            DurableAppendBenchmark.deleteRecursively(dir);
        }
    }

    interface Op { void run() throws Exception; }
    interface OpFactory { Op create(); }

    static double drive(int threads, long warmMillis, long millis, OpFactory factory) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean counting = new AtomicBoolean();
        LongAdder done = new LongAdder();
        List<Thread> list = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Op op = factory.create();
            Thread th = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        op.run();
                        if (counting.get()) done.increment();
                    }
                } catch (Exception e) { e.printStackTrace(); }
            });
            list.add(th);
            th.start();
        }
        Thread.sleep(warmMillis);
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long[] idle0 = machineIdle();
        counting.set(true);
        long start = System.nanoTime();
        Thread.sleep(millis);
        counting.set(false);
        long elapsed = System.nanoTime() - start;
        long cpu = os.getProcessCpuTime() - cpu0;
        long[] idle1 = machineIdle();
        double ops = done.sum();
        CPU_PER_OP = cpu / 1e3 / Math.max(1, ops);
        MACHINE_BUSY = 1 - (idle1[0] - idle0[0]) / (double) Math.max(1, idle1[1] - idle0[1]);
        stop.set(true);
        for (Thread th : list) th.join();
        return done.sum() * 1e9 / elapsed;
    }
}
