import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import dev.lithair.event.StorageFormat;
import dev.lithair.internal.log.LogSyncer;
import dev.lithair.store.FsyncPolicy;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * N threads commit new entities to one store with fsync=always, as {@code DurableAppendBenchmark}'s
 * {@code lithairCommit} does, for S seconds; each second it prints the commits, the forces and the
 * commits per force, the typical force, the process CPU per commit, how idle the machine was, and how
 * many committer threads were runnable or parked on average. A probe to run under {@code perf}, not a
 * benchmark. Usage: {@code java -Xms2g -Xmx2g -cp benchmarks.jar:DIR CommitProbe 64 16}.
 */
public class CommitProbe {

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        Path directory = Files.createTempDirectory("commit-probe-");
        LithairStore store = LithairStore.open(StoreOptions.defaults(directory).withFsyncPolicy(FsyncPolicy.ALWAYS)
                .withFormat(StorageFormat.BINARY).withSnapshotEveryEvents(0));
        LogSyncer syncer = syncerOf(store);
        ObjectNode fields = JsonNodeFactory.instance.objectNode().put("sensor", "s-42").put("value", 21.375);
        LongAdder commits = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> committers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String prefix = "w" + t + "-";
            Thread committer = new Thread(() -> {
                long next = 0;
                while (!stop.get()) {
                    store.commit(Commit.of(new Operation.Put("Reading", prefix + next++, fields)));
                    commits.increment();
                }
            }, "committer-" + t);
            committers.add(committer);
            committer.start();
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long lastCommits = commits.sum();
        long lastForces = syncer.forceCount();
        long lastCpu = os.getProcessCpuTime();
        long[] lastIdle = machineIdle();
        for (int second = 0; second < seconds; second++) {
            int[] states = new int[Thread.State.values().length];
            int samples = 0;
            long end = System.nanoTime() + 1_000_000_000L;
            while (System.nanoTime() < end) {
                for (Thread committer : committers) {
                    states[committer.getState().ordinal()]++;
                }
                samples++;
                Thread.sleep(0, 200_000);
            }
            long nowCommits = commits.sum();
            long nowForces = syncer.forceCount();
            long nowCpu = os.getProcessCpuTime();
            long[] nowIdle = machineIdle();
            long done = Math.max(1, nowCommits - lastCommits);
            System.out.printf("%d/s forces %d/s (%.1f per force) typical force %d us, cpu/commit %.1f us, machine idle %.0f%%,"
                    + " committers runnable %.1f parked %.1f%n", nowCommits - lastCommits, nowForces - lastForces,
                    done / (double) Math.max(1, nowForces - lastForces), syncer.typicalForceNanos() / 1000,
                    (nowCpu - lastCpu) / 1e3 / done, 100.0 * (nowIdle[0] - lastIdle[0]) / Math.max(1, nowIdle[1] - lastIdle[1]),
                    states[Thread.State.RUNNABLE.ordinal()] / (double) samples,
                    (states[Thread.State.WAITING.ordinal()] + states[Thread.State.TIMED_WAITING.ordinal()]) / (double) samples);
            lastCommits = nowCommits;
            lastForces = nowForces;
            lastCpu = nowCpu;
            lastIdle = nowIdle;
        }
        stop.set(true);
        for (Thread committer : committers) {
            committer.join();
        }
        store.close();
    }

    /** The local commit path's syncer, which keeps the force count and the typical force. */
    private static LogSyncer syncerOf(LithairStore store) throws ReflectiveOperationException {
        Object path = store.commitPath();
        Field syncer = path.getClass().getDeclaredField("syncer");
        syncer.setAccessible(true);
        return (LogSyncer) syncer.get(path);
    }

    /** Idle plus iowait jiffies, and all jiffies, of the whole machine, from /proc/stat. */
    private static long[] machineIdle() throws java.io.IOException {
        String[] fields = Files.readAllLines(Paths.get("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < fields.length; i++) {
            total += Long.parseLong(fields[i]);
        }
        return new long[] {Long.parseLong(fields[4]) + Long.parseLong(fields[5]), total};
    }
}
