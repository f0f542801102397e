package dev.lithair.benchmarks.rankedpages;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The smallest Spring Boot application with a Lithair repository ordered by a sorted index: no web
 * server, no JDBC or JPA. Its package holds {@link RankedProduct} and its repository only, so the
 * entity scan finds only them.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration"})
public class RankedPagesApplication {
}
