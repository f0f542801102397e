package dev.lithair.sample.iot.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.lithair.history.FieldChange;
import dev.lithair.sample.iot.stats.IotProjections;
import dev.lithair.sample.iot.stats.LocationTotals;
import dev.lithair.spring.test.DataLithairTest;
import dev.lithair.store.LithairStore;

/**
 * The sensors' repository on its own, with the application's projections (a configuration class the
 * slice leaves out unless asked), on a temporary store; each test's saves are rolled back, except where
 * a test needs what only a commit does.
 */
@DataLithairTest(includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = IotProjections.class))
class SensorRepositoryTest {

    @Autowired
    SensorRepository sensors;

    @Autowired
    LithairStore store;

    @Test
    void sensorsAreFoundByTheirLocation() {
        sensors.saveAll(List.of(Sensor.register("t1", "kitchen", SensorKind.TEMPERATURE),
                Sensor.register("h1", "kitchen", SensorKind.HUMIDITY),
                Sensor.register("c1", "office", SensorKind.CO2)));

        assertThat(sensors.findByLocation("kitchen")).extracting(Sensor::id).containsExactlyInAnyOrder("t1", "h1");
        assertThat(sensors.findByLocation("cellar")).isEmpty();
    }

    @Test
    void whatOtherTestsSavedIsRolledBack() {
        assertThat(sensors.findByLocation("kitchen")).isEmpty();
        assertThat(sensors.findAll()).extracting(Sensor::location).doesNotContain("kitchen", "office");
    }

    /** Retained history and projections follow committed changes: this test commits each save. */
    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void theRecentReadingsWindowAndTheLocationTotalsFollowEachReading() {
        Sensor sensor = sensors.save(Sensor.register("committed-1", "committed-lab", SensorKind.TEMPERATURE));
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 3; i++) {
            sensor = sensors.save(sensor.withReading(new Reading(start.plusSeconds(i), 20 + i)));
        }

        assertThat(sensors.history("committed-1", "latestReading")).extracting(FieldChange::newValue)
                .as("the registration (no reading yet), then each reading").containsExactly(null,
                        new Reading(start, 20), new Reading(start.plusSeconds(1), 21),
                        new Reading(start.plusSeconds(2), 22));
        assertThat(store.projections().get(IotProjections.TOTALS_BY_LOCATION, "committed-lab"))
                .isEqualTo(new LocationTotals(1, 3, 3));

        Sensor recast = new Sensor(sensor.id(), sensor.location(), SensorKind.CO2, sensor.latestReading(),
                sensor.readingsCount(), sensor.version());
        assertThatThrownBy(() -> sensors.save(recast)).isInstanceOf(DataIntegrityViolationException.class);
        assertThat(sensors.findById("committed-1")).map(Sensor::kind).contains(SensorKind.TEMPERATURE);
    }
}
