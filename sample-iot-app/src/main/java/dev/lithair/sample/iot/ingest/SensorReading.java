package dev.lithair.sample.iot.ingest;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import dev.lithair.sample.iot.sensor.Reading;

/**
 * One reading of a batch.
 *
 * @param sensorId the sensor that measured it; must be registered
 * @param at       when it was measured
 * @param value    the measured value
 */
public record SensorReading(@NotBlank String sensorId, @NotNull Instant at, @NotNull Double value) {

    public Reading reading() {
        return new Reading(at, value);
    }
}
