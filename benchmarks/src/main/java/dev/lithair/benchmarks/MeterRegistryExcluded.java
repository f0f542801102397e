package dev.lithair.benchmarks;

/**
 * The property that keeps Micrometer's meter registry and observation registry out of a benchmark's Spring
 * context.
 *
 * <p>The HTTP shop runs with Actuator, as an application would, so Actuator is on the benchmarks'
 * classpath; given a registry, Spring Boot would time every repository call and Lithair every commit
 * in the other benchmarks too, which measure the data layer alone (a repository call next to a
 * {@code ConcurrentHashMap.get}, {@code save} next to a store commit) and did so before Actuator came.
 * Spring Boot's observation registry is left out too: it comes with a meter handler even then, which
 * would make every repository call and commit a {@code lithair.repository} and {@code lithair.commit}
 * observation.
 */
public final class MeterRegistryExcluded {

    public static final String PROPERTY = "spring.autoconfigure.exclude="
            + "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration,"
            + "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration,"
            + "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration";

    private MeterRegistryExcluded() {
    }
}
