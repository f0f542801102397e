package dev.lithair.sample.iot.stats;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.data.domain.PageRequest;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import dev.lithair.history.FieldChange;
import dev.lithair.sample.iot.sensor.Sensor;
import dev.lithair.sample.iot.sensor.SensorRepository;
import dev.lithair.store.LithairStore;
import tools.jackson.databind.json.JsonMapper;

/**
 * Computes {@link IotStats}: counts from the store's {@link IotProjections projection} (O(1), no scan),
 * rates sampled once a second, heap from the JVM, and a per-type size estimate from a small sample.
 * Thread-safe.
 */
@Service
public class IotStatistics {

    /** Rates cover the last few seconds: responsive on the dashboard, not jumpy. */
    private static final int RATE_WINDOW_SAMPLES = 5;

    private static final int SIZE_SAMPLE = 20;

    private final SensorRepository sensors;
    private final LithairStore store;
    private final JsonMapper json;
    private final Clock clock;
    private final IngestionRate events;
    private final IngestionRate readings;

    public IotStatistics(SensorRepository sensors, LithairStore store, JsonMapper json) {
        this.sensors = sensors;
        this.store = store;
        this.json = json;
        this.clock = Clock.systemUTC();
        this.events = new IngestionRate(store::lastSequence, System::nanoTime, RATE_WINDOW_SAMPLES);
        this.readings = new IngestionRate(() -> totals().readingsReceived(), System::nanoTime, RATE_WINDOW_SAMPLES);
    }

    @Scheduled(fixedRate = 1000)
    void sampleRates() {
        events.sample();
        readings.sample();
    }

    /** The totals of each location, by location name. */
    public Map<String, LocationTotals> byLocation() {
        return new TreeMap<>(store.projections().all(IotProjections.TOTALS_BY_LOCATION));
    }

    /** The totals of all locations: a sum over a handful of aggregates. */
    public LocationTotals totals() {
        return sum(store.projections().all(IotProjections.TOTALS_BY_LOCATION));
    }

    public IotStats current() {
        Map<String, LocationTotals> locations = byLocation();
        LocationTotals all = sum(locations);
        return new IotStats(Instant.now(clock), all.sensors(), all.readingsReceived(), all.readingsRetained(),
                Sensor.RECENT_READINGS, store.lastSequence(), round(events.perSecond()), round(readings.perSecond()),
                locations, memory(all));
    }

    private IotStats.Memory memory(LocationTotals all) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        List<Sensor> sample = sensors.findAll(PageRequest.of(0, SIZE_SAMPLE)).getContent();
        long sensorBytes = 0;
        long readingBytes = 0;
        int readingsSampled = 0;
        for (Sensor sensor : sample) {
            sensorBytes += json.writeValueAsBytes(sensor).length;
            List<FieldChange> recent = sensors.history(sensor.id(), "latestReading");
            if (!recent.isEmpty()) {
                readingBytes += json.writeValueAsBytes(recent.get(recent.size() - 1)).length;
                readingsSampled++;
            }
        }
        Map<String, IotStats.TypeEstimate> byType = new LinkedHashMap<>();
        byType.put("Sensor", IotStats.TypeEstimate.of(all.sensors(), sample.isEmpty() ? 0 : sensorBytes / sample.size()));
        byType.put("Sensor.latestReading history", IotStats.TypeEstimate.of(all.readingsRetained(),
                readingsSampled == 0 ? 0 : readingBytes / readingsSampled));
        return new IotStats.Memory(heap.getUsed(), heap.getMax(), byType);
    }

    private static LocationTotals sum(Map<String, LocationTotals> locations) {
        LocationTotals all = LocationTotals.EMPTY;
        for (LocationTotals location : locations.values()) {
            all = all.plus(location);
        }
        return all;
    }

    private static double round(double perSecond) {
        return Math.round(perSecond * 10) / 10.0;
    }
}
