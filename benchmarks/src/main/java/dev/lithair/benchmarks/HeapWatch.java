package dev.lithair.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;

/** The used heap after every collection, from the collectors' notifications, by the time each started. */
final class HeapWatch implements NotificationListener {

    private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
            .collect(Collectors.toUnmodifiableSet());

    private record Sample(long startUptime, long usedAfter, boolean explicit) {
    }

    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final AtomicLong received = new AtomicLong();
    private final long before = collections();

    HeapWatch() {
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) bean).addNotificationListener(this, null, null);
        }
    }

    static long heapUsed(Map<String, MemoryUsage> usage) {
        return usage.entrySet().stream().filter(pool -> HEAP_POOLS.contains(pool.getKey()))
                .mapToLong(pool -> pool.getValue().getUsed()).sum();
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                (CompositeData) notification.getUserData());
        GcInfo gc = info.getGcInfo();
        samples.add(new Sample(gc.getStartTime(), heapUsed(gc.getMemoryUsageAfterGc()),
                "System.gc()".equals(info.getGcCause())));
        received.incrementAndGet();
    }

    /** Opens a window: the JVM's uptime, the clock of a collection's start time. */
    long open() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }

    long close() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }

    /**
     * The highest used heap after a collection started in {@code [from, to]}, and after a forced one;
     * waits for the notifications, which arrive on a thread of their own, of the collections counted so far.
     */
    long[] peaks(long from, long to) throws InterruptedException {
        long counted = collections() - before;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (received.get() < counted && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        long peak = 0;
        long explicitPeak = 0;
        for (Sample sample : samples) {
            if (sample.startUptime() >= from && sample.startUptime() <= to) {
                peak = Math.max(peak, sample.usedAfter());
                if (sample.explicit()) {
                    explicitPeak = Math.max(explicitPeak, sample.usedAfter());
                }
            }
        }
        return new long[] {peak, explicitPeak};
    }

    private static long collections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    /** The used heap after three full collections, nothing running but the store's idle threads. */
    static long heapAtRest() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        // The last collection's own figure, the same measure as the window's peak.
        GcInfo last = null;
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            GcInfo info = ((com.sun.management.GarbageCollectorMXBean) bean).getLastGcInfo();
            if (info != null && (last == null || info.getEndTime() > last.getEndTime())) {
                last = info;
            }
        }
        return last != null ? heapUsed(last.getMemoryUsageAfterGc())
                : ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
