package dev.lithair.sample.iot.stats;

import java.time.Instant;
import java.util.Map;

/**
 * The application's figures at one instant, as {@code GET /api/stats} and the dashboard show them.
 *
 * @param at                      when they were taken
 * @param sensors                 registered sensors
 * @param readingsReceived        readings ever received
 * @param readingsRetained        readings kept by the lifecycle policy (at most
 *                                {@code recentReadingsPerSensor} per sensor)
 * @param recentReadingsPerSensor the policy's window
 * @param eventsAppended          events in the store's log so far (its last sequence)
 * @param eventsPerSecond         events appended per second, over the last few seconds
 * @param readingsPerSecond       readings received per second, over the last few seconds
 * @param locations               totals per location, from the store's projection
 * @param memory                  heap use and the estimated share of each kind of data
 */
public record IotStats(Instant at, long sensors, long readingsReceived, long readingsRetained,
        int recentReadingsPerSensor, long eventsAppended, double eventsPerSecond, double readingsPerSecond,
        Map<String, LocationTotals> locations, Memory memory) {

    /**
     * @param heapUsedBytes   heap in use now (live data and garbage not yet collected)
     * @param heapMaxBytes    the heap's limit
     * @param estimatedByType per kind of data held: count and an estimate of its size
     */
    public record Memory(long heapUsedBytes, long heapMaxBytes, Map<String, TypeEstimate> estimatedByType) {
    }

    /**
     * @param items          how many are held
     * @param bytesEach      the serialized (JSON) size of one, averaged over a sample
     * @param estimatedBytes items times bytesEach: a lower bound of their heap share (objects take more
     *                       room than their JSON; see the sample's README for heap measured under load)
     */
    public record TypeEstimate(long items, long bytesEach, long estimatedBytes) {

        static TypeEstimate of(long items, long bytesEach) {
            return new TypeEstimate(items, bytesEach, items * bytesEach);
        }
    }
}
