package dev.lithair.sample.iot.stats;

import dev.lithair.sample.iot.sensor.Sensor;

/**
 * The aggregate of one location's sensors, maintained by the store on every event (see
 * {@link IotProjections}): an immutable value, where {@link #minus} undoes {@link #plus}.
 *
 * @param sensors          sensors at the location
 * @param readingsReceived readings they received in all
 * @param readingsRetained readings still kept by their lifecycle policy
 */
public record LocationTotals(long sensors, long readingsReceived, long readingsRetained) {

    public static final LocationTotals EMPTY = new LocationTotals(0, 0, 0);

    public LocationTotals plus(Sensor sensor) {
        return new LocationTotals(sensors + 1, readingsReceived + sensor.readingsCount(),
                readingsRetained + sensor.readingsRetained());
    }

    public LocationTotals minus(Sensor sensor) {
        return new LocationTotals(sensors - 1, readingsReceived - sensor.readingsCount(),
                readingsRetained - sensor.readingsRetained());
    }

    public LocationTotals plus(LocationTotals other) {
        return new LocationTotals(sensors + other.sensors, readingsReceived + other.readingsReceived,
                readingsRetained + other.readingsRetained);
    }
}
