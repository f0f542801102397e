package dev.lithair.sample.iot.web;

import java.time.Instant;
import java.util.List;

import dev.lithair.sample.iot.sensor.Reading;

/**
 * The body of {@code GET /api/sensors/{id}/readings}: the retained readings in a time range.
 *
 * @param sensorId      the sensor
 * @param from          start of the range (inclusive), or {@code null} for the oldest retained
 * @param to            end of the range (exclusive), or {@code null} for the newest
 * @param window        readings the lifecycle policy keeps per sensor
 * @param received      readings the sensor received in all
 * @param readings      the retained readings in the range, oldest first
 */
public record SensorReadings(String sensorId, Instant from, Instant to, int window, long received,
        List<Reading> readings) {
}
