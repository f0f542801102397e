package dev.lithair.benchmarks.harness.jpa;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * Spring Boot's auto-configuration without Lithair's, for the JPA applications of the benchmarks:
 * Lithair is on the same classpath, and a JPA application would not have it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@EnableAutoConfiguration(excludeName = {
        "dev.lithair.spring.boot.autoconfigure.LithairAutoConfiguration",
        "dev.lithair.spring.boot.autoconfigure.LithairMetricsAutoConfiguration",
        "dev.lithair.spring.boot.autoconfigure.LithairHealthAutoConfiguration",
        "dev.lithair.spring.boot.autoconfigure.LithairEndpointAutoConfiguration",
        "dev.lithair.spring.boot.autoconfigure.LithairAdminSecurityAutoConfiguration",
        "dev.lithair.spring.boot.autoconfigure.LithairAdminWebAutoConfiguration",
        "dev.lithair.spring.boot.autoconfigure.LithairRepositoriesAutoConfiguration",
        "dev.lithair.spring.boot.autoconfigure.LithairTransactionAutoConfiguration"})
public @interface EnableAutoConfigurationWithoutLithair {
}
