package dev.lithair.sample.iot.web;

import static org.springframework.security.config.Customizer.withDefaults;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The sample's security decision: the IoT API and the dashboard are open, as befits a demo that
 * gateways and a browser call without credentials; everything else (the actuator beyond health, any
 * future route) needs a login. Lithair's admin routes ({@code /lithair/admin/**}) are not this chain's:
 * the starter's own chain, ordered first, requires the {@code LITHAIR_ADMIN} role, given to the
 * {@code admin} user of {@code application.yml} (password generated at start-up and written to a file only
 * its owner can read, see {@link AdminAccount}, unless {@code SPRING_SECURITY_USER_PASSWORD} sets one);
 * an admin write a browser sends for a page of another site is refused there.
 *
 * <p>CSRF protection is off for {@code /api/**} only: it guards cookie sessions, and the open API uses
 * none. A real deployment would authenticate its gateways (mutual TLS, a token) here.
 */
@Configuration(proxyBeanMethods = false)
class IotSecurityConfiguration {

    @Bean
    SecurityFilterChain iotSecurityFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/", "/index.html", "/dashboard.js", "/dashboard.css", "/favicon.ico",
                        "/webjars/**", "/api/**", "/actuator/health", "/error")
                .permitAll()
                .anyRequest().authenticated())
                .csrf(csrf -> csrf.ignoringRequestMatchers("/api/**"))
                .httpBasic(withDefaults());
        return http.build();
    }
}
