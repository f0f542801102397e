package dev.lithair.benchmarks;

import org.openjdk.jol.info.GraphStats;

/**
 * The heap an object graph holds, as JOL sizes it: every object reachable from a root, counted once.
 * Unlike the used heap before and after, it depends neither on when the collector ran nor on garbage.
 *
 * <p>JOL reads the object layout from the VM through Instrumentation when the JVM lets it attach to
 * itself ({@code -Djdk.attach.allowAttachSelf=true}); otherwise it warns on standard error and computes
 * sizes from field offsets and the layout it detected. Both give the same sizes on HotSpot;
 * {@link #mode()} says which one this run can use.
 */
public final class HeapSize {

    static {
        // Records and hidden classes refuse Unsafe's field offsets; JOL then finds them by probing.
        if (System.getProperty("jol.magicFieldOffset") == null) {
            System.setProperty("jol.magicFieldOffset", "true");
        }
    }

    private HeapSize() {
    }

    /** The bytes of every object reachable from {@code root}. */
    public static long reachableBytes(Object root) {
        return GraphStats.parseInstance(root).totalSize();
    }

    /** One line for a report: how this run's sizes are computed. */
    public static String mode() {
        return Boolean.getBoolean("jdk.attach.allowAttachSelf")
                ? "heap sizes by JOL, object sizes from the VM's Instrumentation (self-attach allowed)"
                : "heap sizes by JOL, object sizes from field offsets and the detected layout (no Instrumentation;"
                        + " -Djdk.attach.allowAttachSelf=true lets JOL ask the VM)";
    }
}
