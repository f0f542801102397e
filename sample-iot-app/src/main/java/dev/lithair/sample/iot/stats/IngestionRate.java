package dev.lithair.sample.iot.stats;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * A rate over a sliding window of samples of a growing counter (events appended, readings received):
 * the counter's growth between the oldest and the newest sample, per second. Thread-safe.
 */
final class IngestionRate {

    private record Sample(long nanos, long value) {
    }

    private final LongSupplier counter;
    private final LongSupplier nanoClock;
    private final int window;
    private final Deque<Sample> samples = new ArrayDeque<>();

    /**
     * @param counter   a counter that only grows
     * @param nanoClock a monotonic clock, in nanoseconds
     * @param window    samples kept; the rate covers the time between the oldest and the newest
     */
    IngestionRate(LongSupplier counter, LongSupplier nanoClock, int window) {
        this.counter = counter;
        this.nanoClock = nanoClock;
        this.window = window;
    }

    /** Takes one sample; call at a steady pace. */
    synchronized void sample() {
        samples.addLast(new Sample(nanoClock.getAsLong(), counter.getAsLong()));
        while (samples.size() > window) {
            samples.removeFirst();
        }
    }

    /** Growth per second over the window; 0 before two samples. */
    synchronized double perSecond() {
        if (samples.size() < 2) {
            return 0;
        }
        Sample oldest = samples.getFirst();
        Sample newest = samples.getLast();
        long nanos = newest.nanos() - oldest.nanos();
        return nanos <= 0 ? 0 : Math.max(0, newest.value() - oldest.value()) * 1e9 / nanos;
    }
}
