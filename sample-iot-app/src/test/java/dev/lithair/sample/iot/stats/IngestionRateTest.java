package dev.lithair.sample.iot.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class IngestionRateTest {

    private final AtomicLong counter = new AtomicLong();
    private final AtomicLong nanos = new AtomicLong();
    private final IngestionRate rate = new IngestionRate(counter::get, nanos::get, 3);

    private void sampleAt(long second, long value) {
        nanos.set(second * 1_000_000_000L);
        counter.set(value);
        rate.sample();
    }

    @Test
    void isZeroBeforeTwoSamples() {
        sampleAt(0, 500);

        assertThat(rate.perSecond()).isZero();
    }

    @Test
    void isTheGrowthPerSecondBetweenTheOldestAndNewestSampleOfTheWindow() {
        sampleAt(0, 0);
        sampleAt(1, 100);
        sampleAt(2, 300);

        assertThat(rate.perSecond()).isEqualTo(150.0);

        sampleAt(3, 300);

        assertThat(rate.perSecond()).as("the first sample left the window of 3").isEqualTo(100.0);
    }
}
