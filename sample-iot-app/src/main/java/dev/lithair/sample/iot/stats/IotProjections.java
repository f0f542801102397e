package dev.lithair.sample.iot.stats;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.lithair.projection.Projection;
import dev.lithair.sample.iot.sensor.Sensor;

/**
 * The aggregates the store maintains for this application. A {@link Projection} bean is picked up by
 * the starter and kept up to date by the store's writer on every event, so the totals per location
 * (and the grand totals, a sum over a handful of locations) are read in O(1) however many readings
 * were ingested, and rebuilt at start-up from the recovered sensors.
 */
@Configuration(proxyBeanMethods = false)
public class IotProjections {

    public static final Projection<Sensor, String, LocationTotals> TOTALS_BY_LOCATION = Projection.of(
            "totalsByLocation", Sensor.class, Sensor::location, LocationTotals.EMPTY, LocationTotals::plus,
            LocationTotals::minus);

    @Bean
    Projection<Sensor, String, LocationTotals> totalsByLocation() {
        return TOTALS_BY_LOCATION;
    }
}
