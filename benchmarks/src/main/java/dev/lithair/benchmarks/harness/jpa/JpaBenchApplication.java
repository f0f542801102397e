package dev.lithair.benchmarks.harness.jpa;

import org.springframework.boot.SpringBootConfiguration;

/**
 * The harness's Spring Data JPA application (H2 in file mode or PostgreSQL): the entities and
 * repositories of this package.
 */
@SpringBootConfiguration
@EnableAutoConfigurationWithoutLithair
public class JpaBenchApplication {
}
