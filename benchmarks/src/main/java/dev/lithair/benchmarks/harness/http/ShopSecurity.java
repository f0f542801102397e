package dev.lithair.benchmarks.harness.http;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The shop's own security chain, as a sample application has one: the API and the ceiling open to
 * all (the load generator has no account), everything else, Actuator's routes included, for
 * authenticated users; CSRF off for the API, as for any token- or session-less JSON API.
 */
@Configuration(proxyBeanMethods = false)
public class ShopSecurity {

    @Bean
    @Order(10)
    SecurityFilterChain shopApi(HttpSecurity http) throws Exception {
        return http.securityMatcher("/api/**", "/ceiling/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .build();
    }
}
