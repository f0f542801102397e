package dev.lithair.benchmarks.harness.jpa;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The harness's Spring Data JPA application (H2 in file mode or PostgreSQL): the entities and
 * repositories of this package. Lithair's auto-configuration is on the same classpath and excluded
 * here, as a JPA application would not have it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = {
        "dev.lithair.spring.boot.autoconfigure.LithairAutoConfiguration",
        "dev.lithair.spring.boot.autoconfigure.LithairMetricsAutoConfiguration",
        "dev.lithair.spring.boot.autoconfigure.LithairHealthAutoConfiguration",
        "dev.lithair.spring.boot.autoconfigure.LithairEndpointAutoConfiguration",
        "dev.lithair.spring.boot.autoconfigure.LithairAdminSecurityAutoConfiguration",
        "dev.lithair.spring.boot.autoconfigure.LithairAdminWebAutoConfiguration",
        "dev.lithair.spring.boot.autoconfigure.LithairRepositoriesAutoConfiguration",
        "dev.lithair.spring.boot.autoconfigure.LithairTransactionAutoConfiguration"})
public class JpaBenchApplication {
}
