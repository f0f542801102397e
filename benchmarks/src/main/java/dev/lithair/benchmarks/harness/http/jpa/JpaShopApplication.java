package dev.lithair.benchmarks.harness.http.jpa;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.Import;

import dev.lithair.benchmarks.harness.http.ItemController;
import dev.lithair.benchmarks.harness.http.ShopSecurity;
import dev.lithair.benchmarks.harness.jpa.EnableAutoConfigurationWithoutLithair;

/**
 * The shop on Spring Data JPA + Hibernate + Envers + H2: the same controller, security and Actuator as
 * the Lithair shop.
 */
@SpringBootConfiguration
@EnableAutoConfigurationWithoutLithair
@Import({ItemController.class, ShopSecurity.class, JpaItemService.class})
public class JpaShopApplication {
}
