package dev.lithair.benchmarks;

import java.util.Arrays;
import java.util.Collection;

import org.HdrHistogram.Histogram;

/**
 * The statistics every benchmark quotes, in one place: latency distributions in HdrHistogram, and the
 * median of a few runs, since this machine is shared and noisy.
 *
 * <p>Latencies are recorded in nanoseconds with three significant digits. The median of a few runs
 * stays exact (the mean of the two middle values for an even count): a histogram would round them.
 */
public final class Statistics {

    /** The longest latency a histogram records: one minute, in nanoseconds. */
    public static final long MAX_LATENCY_NANOS = 60_000_000_000L;

    private Statistics() {
    }

    /** An empty histogram of latencies in nanoseconds, for one thread to record into. */
    public static Histogram latencies() {
        return new Histogram(MAX_LATENCY_NANOS, 3);
    }

    /** The histogram holding every value of {@code histograms}, e.g. one per client thread. */
    public static Histogram merged(Collection<Histogram> histograms) {
        Histogram all = latencies();
        histograms.forEach(all::add);
        return all;
    }

    /** The value at {@code percentile} (0-100) of a latency histogram, in microseconds; 0 when it is empty. */
    public static double micros(Histogram latencies, double percentile) {
        return latencies.getTotalCount() == 0 ? 0 : latencies.getValueAtPercentile(percentile) / 1000.0;
    }

    /** The median of a few samples (runs, rounds); {@code NaN} when there are none. */
    public static double median(Collection<Double> samples) {
        if (samples == null || samples.isEmpty()) {
            return Double.NaN;
        }
        return median(samples.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The median of a few samples; {@code NaN} when there are none. */
    public static double median(double... samples) {
        return percentile(samples, 50);
    }

    /**
     * The value at {@code percentile} (0-100) of a few samples, interpolated between the two nearest
     * ranks (the median of an even count is the mean of the middle two); {@code NaN} when there are none.
     */
    public static double percentile(Collection<Double> samples, double percentile) {
        return percentile(samples.stream().mapToDouble(Double::doubleValue).toArray(), percentile);
    }

    private static double percentile(double[] samples, double percentile) {
        if (samples.length == 0) {
            return Double.NaN;
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        double rank = percentile / 100 * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = (int) Math.ceil(rank);
        return sorted[below] + (sorted[above] - sorted[below]) * (rank - below);
    }
}
