package dev.lithair.sample.iot.sensor;

/** What a sensor measures, with the unit of its readings. */
public enum SensorKind {
    TEMPERATURE("°C"),
    HUMIDITY("%"),
    CO2("ppm");

    private final String unit;

    SensorKind(String unit) {
        this.unit = unit;
    }

    public String unit() {
        return unit;
    }
}
