package dev.lithair.sample.iot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The IoT time-series sample: sensors with an indexed location, readings arriving in idempotent
 * batches, the recent readings of each sensor kept by a declared lifecycle policy, and a live
 * dashboard. Runs with zero configuration on embedded storage in {@code ./data}, on port 8081.
 */
@SpringBootApplication
@EnableScheduling
public class IotApplication {

    public static void main(String[] args) {
        SpringApplication.run(IotApplication.class, args);
    }
}
