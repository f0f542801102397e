package dev.lithair.sample.iot.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.lithair.sample.iot.sensor.SensorKind;

/** The body of {@code POST /api/sensors}. Ids and locations are URL path segments, so kept plain. */
public record RegisterSensor(
        @NotBlank @Size(max = 64) @Pattern(regexp = PLAIN, message = PLAIN_MESSAGE) String id,
        @NotBlank @Size(max = 64) @Pattern(regexp = PLAIN, message = PLAIN_MESSAGE) String location,
        @NotNull SensorKind kind) {

    static final String PLAIN = "[A-Za-z0-9._-]+";

    static final String PLAIN_MESSAGE = "may contain only letters, digits, '.', '_' and '-'";
}
