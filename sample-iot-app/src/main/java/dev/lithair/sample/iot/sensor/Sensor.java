package dev.lithair.sample.iot.sensor;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.lithair.annotation.Historize;
import dev.lithair.annotation.Immutable;
import dev.lithair.annotation.Indexed;

/**
 * A sensor and its latest reading.
 *
 * <p>The recent readings are not a separate table: every reading replaces {@code latestReading}, and
 * the field's declared lifecycle keeps its {@value #RECENT_READINGS} newest values. The retained
 * history of that field <em>is</em> the sensor's recent-readings window, so memory per sensor stays
 * bounded however many readings arrive, in memory, in snapshots and after restarts.
 *
 * @param id            the sensor's id
 * @param location      where it is installed; indexed, so the sensors of a location are one lookup
 * @param kind          what it measures; set at registration, never changed
 * @param latestReading the newest reading, {@code null} before the first one
 * @param readingsCount readings received since registration (most are no longer retained)
 * @param version       optimistic lock: two batches updating one sensor at once cannot lose a reading
 */
public record Sensor(
        @Id String id,
        @Indexed String location,
        @Immutable SensorKind kind,
        @Historize(versions = Sensor.RECENT_READINGS) Reading latestReading,
        long readingsCount,
        @Version Long version) {

    /** How many of a sensor's newest readings are kept. */
    public static final int RECENT_READINGS = 100;

    /** A sensor that has no reading yet. */
    public static Sensor register(String id, String location, SensorKind kind) {
        return new Sensor(id, location, kind, null, 0, null);
    }

    /** This sensor after one more reading. */
    public Sensor withReading(Reading reading) {
        return new Sensor(id, location, kind, reading, readingsCount + 1, version);
    }

    /** Readings still retained: the newest {@value #RECENT_READINGS} of those received. */
    public long readingsRetained() {
        return Math.min(readingsCount, RECENT_READINGS);
    }
}
