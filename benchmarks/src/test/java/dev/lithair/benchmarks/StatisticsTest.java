package dev.lithair.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The one statistics helper: exact medians of a few runs, latency percentiles from HdrHistogram. */
class StatisticsTest {

    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        assertThat(Statistics.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Statistics.median(4.0, 1.0, 3.0, 2.0)).isEqualTo(2.5);
    }

    @Test
    void noSampleHasNoMedian() {
        assertThat(Statistics.median(List.of())).isNaN();
    }

    @Test
    void quartilesInterpolateBetweenRanks() {
        List<Double> samples = List.of(1.0, 2.0, 3.0, 4.0, 5.0);
        assertThat(Statistics.percentile(samples, 25)).isEqualTo(2.0);
        assertThat(Statistics.percentile(samples, 75)).isEqualTo(4.0);
        assertThat(Statistics.percentile(List.of(1.0, 2.0), 25)).isEqualTo(1.25);
    }

    @Test
    void latencyPercentilesComeFromTheMergedHistograms() {
        Histogram first = Statistics.latencies();
        Histogram second = Statistics.latencies();
        for (int i = 1; i <= 50; i++) {
            first.recordValue(i * 1_000L);
            second.recordValue((50 + i) * 1_000L);
        }
        Histogram all = Statistics.merged(List.of(first, second));
        assertThat(all.getTotalCount()).isEqualTo(100);
        assertThat(Statistics.micros(all, 50)).isCloseTo(50.0, within(0.1));
        assertThat(Statistics.micros(all, 99)).isCloseTo(99.0, within(0.1));
        assertThat(Statistics.micros(Statistics.latencies(), 50)).isZero();
    }
}
