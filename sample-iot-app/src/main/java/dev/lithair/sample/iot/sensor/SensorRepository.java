package dev.lithair.sample.iot.sensor;

import java.util.List;

import dev.lithair.spring.repository.LithairRepository;

/** The sensors; lookups by location are answered from the location index. */
public interface SensorRepository extends LithairRepository<Sensor, String> {

    List<Sensor> findByLocation(String location);
}
