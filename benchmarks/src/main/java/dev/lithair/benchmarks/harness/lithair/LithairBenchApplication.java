package dev.lithair.benchmarks.harness.lithair;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The harness's Lithair application: Spring Boot with Lithair's auto-configuration and the
 * repositories of this package. The JDBC and JPA auto-configuration the other systems need is on
 * the same classpath and excluded here, as an application without a database would not have it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration"})
public class LithairBenchApplication {
}
