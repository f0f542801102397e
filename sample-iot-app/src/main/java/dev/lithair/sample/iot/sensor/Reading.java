package dev.lithair.sample.iot.sensor;

import java.time.Instant;
import java.util.Objects;

/**
 * One measurement of a sensor.
 *
 * @param at    when the sensor measured it (not when it was stored)
 * @param value the measured value, in the unit of the sensor's kind
 */
public record Reading(Instant at, double value) {

    public Reading {
        Objects.requireNonNull(at, "at");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a reading's value must be a finite number, was " + value);
        }
    }
}
