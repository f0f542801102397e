package dev.lithair.benchmarks.harness.http.lithair;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

import dev.lithair.benchmarks.harness.http.ItemController;
import dev.lithair.benchmarks.harness.http.ShopSecurity;

/**
 * The shop on Lithair: Spring MVC on Tomcat, Spring Security, Actuator, Lithair's auto-configuration
 * and this package's repository. The JDBC and JPA auto-configuration the JPA shop needs is on the same
 * classpath and excluded, as an application without a database would not have it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration"})
@Import({ItemController.class, ShopSecurity.class, LithairItemService.class})
public class LithairShopApplication {
}
