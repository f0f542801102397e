package dev.lithair.benchmarks.harness.http.jpa;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

import dev.lithair.benchmarks.harness.http.ItemController;
import dev.lithair.benchmarks.harness.http.ShopSecurity;

/**
 * The shop on Spring Data JPA + Hibernate + Envers + H2: the same controller, security and Actuator as
 * the Lithair shop. Lithair's auto-configuration is on the same classpath and excluded, as a JPA
 * application would not have it.
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
@Import({ItemController.class, ShopSecurity.class, JpaItemService.class})
public class JpaShopApplication {
}
