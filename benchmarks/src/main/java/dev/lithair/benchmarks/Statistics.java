package dev.lithair.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The summary statistics the reports quote: medians, since this machine is shared and noisy. */
public final class Statistics {

    private Statistics() {
    }

    /** The median of the samples; {@code NaN} when there are none. */
    public static double median(List<Double> samples) {
        if (samples == null || samples.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
