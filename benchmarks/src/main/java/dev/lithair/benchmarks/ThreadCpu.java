package dev.lithair.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import java.util.stream.LongStream;

/**
 * The CPU this process used between two moments, in all and by kind of thread: the kind is the thread's
 * name with its numbers taken out ({@code JRaft-FSMCaller-Disruptor-#}), so that the many threads of one
 * pool, or of one role on the three members of a one-JVM cluster, add up.
 *
 * <p>The figures are shares of the whole machine (1.0 = every core busy for the whole window). A thread's
 * CPU counts only while it lives: take the second snapshot before the threads being measured end.
 */
final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final long wallNanos;
    private final long processCpuNanos;
    /** CPU nanoseconds by thread id, with the thread's kind. */
    private final Map<Long, Map.Entry<String, Long>> byThread;

    private ThreadCpu(long wallNanos, long processCpuNanos, Map<Long, Map.Entry<String, Long>> byThread) {
        this.wallNanos = wallNanos;
        this.processCpuNanos = processCpuNanos;
        this.byThread = byThread;
    }

    /** {@return the CPU used so far, by the process and by each live thread} */
    static ThreadCpu now() {
        Map<Long, Map.Entry<String, Long>> byThread = new HashMap<>();
        for (ThreadInfo thread : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (thread != null) {
                long cpu = THREADS.getThreadCpuTime(thread.getThreadId());
                if (cpu >= 0) {
                    byThread.put(thread.getThreadId(), Map.entry(kindOf(thread.getThreadName()), cpu));
                }
            }
        }
        return new ThreadCpu(System.nanoTime(), PROCESS.getProcessCpuTime(), byThread);
    }

    /** {@return the ids of the threads alive now} */
    static Set<Long> liveThreadIds() {
        return LongStream.of(THREADS.getAllThreadIds()).boxed().collect(Collectors.toSet());
    }

    static String kindOf(String threadName) {
        return threadName.replaceAll("\\d+", "#");
    }

    /**
     * What was used from {@code earlier} to this snapshot.
     *
     * @param earlier the snapshot at the window's start
     * @param owners  the owner (0 to {@code owners - 1}) of the threads known to work for one, by thread id
     * @param count   how many owners there are
     * @return the process's share of the machine, each kind of thread's, largest first, and each owner's
     */
    Use since(ThreadCpu earlier, Map<Long, Integer> owners, int count) {
        double capacity = (double) (wallNanos - earlier.wallNanos) * Runtime.getRuntime().availableProcessors();
        Map<String, Long> byKind = new HashMap<>();
        double[] byOwner = new double[count];
        byThread.forEach((id, kindAndCpu) -> {
            Map.Entry<String, Long> before = earlier.byThread.get(id);
            long used = kindAndCpu.getValue() - (before == null ? 0 : before.getValue());
            byKind.merge(kindAndCpu.getKey(), used, Long::sum);
            Integer owner = owners.get(id);
            if (owner != null) {
                byOwner[owner] += used / capacity;
            }
        });
        Map<String, Double> shares = new LinkedHashMap<>();
        byKind.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(kind -> shares.put(kind.getKey(), kind.getValue() / capacity));
        return new Use((processCpuNanos - earlier.processCpuNanos) / capacity, shares, byOwner);
    }

    /**
     * CPU used in a window, as shares of the machine.
     *
     * @param process every thread of the process, the JVM's own (compiler, collector) included
     * @param byKind  the threads alive at the window's end, by kind, largest first
     * @param byOwner the threads known to work for each owner; the rest of {@code process} is nobody's known
     */
    record Use(double process, Map<String, Double> byKind, double[] byOwner) {

        /** {@return the share of {@code process} no owner is known for} */
        double unattributed() {
            return process - DoubleStream.of(byOwner).sum();
        }
    }
}
