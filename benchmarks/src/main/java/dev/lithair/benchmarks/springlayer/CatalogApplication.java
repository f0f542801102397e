package dev.lithair.benchmarks.springlayer;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The smallest Spring Boot application with a Lithair repository: no web server, only the
 * auto-configuration the classpath brings, less the JDBC and JPA the comparison harness's peers need
 * (an application without a database would not have them on its classpath). Its package holds {@link CatalogProduct} and
 * {@link CatalogProductRepository}, and nothing else, so the entity scan finds only them.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration"})
public class CatalogApplication {
}
