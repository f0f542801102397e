package dev.lithair.sample.iot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the JSON of batches and sensors for the tests. */
final class Batches {

    static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

    private Batches() {
    }

    static Map<String, Object> sensor(String id, String location, String kind) {
        Map<String, Object> sensor = new LinkedHashMap<>();
        sensor.put("id", id);
        sensor.put("location", location);
        sensor.put("kind", kind);
        return sensor;
    }

    static Map<String, Object> reading(String sensorId, Instant at, double value) {
        Map<String, Object> reading = new LinkedHashMap<>();
        reading.put("sensorId", sensorId);
        reading.put("at", at.toString());
        reading.put("value", value);
        return reading;
    }

    static Map<String, Object> batch(String batchId, List<Map<String, Object>> readings) {
        Map<String, Object> batch = new LinkedHashMap<>();
        batch.put("batchId", batchId);
        batch.put("readings", readings);
        return batch;
    }

    /** {@code count} readings of one sensor, one a second from {@link #T0}, valued 0, 1, 2 ... */
    static List<Map<String, Object>> series(String sensorId, int count) {
        List<Map<String, Object>> readings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            readings.add(reading(sensorId, T0.plusSeconds(i), i));
        }
        return readings;
    }
}
