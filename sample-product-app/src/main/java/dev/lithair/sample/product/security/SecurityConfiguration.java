package dev.lithair.sample.product.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

import tools.jackson.databind.json.JsonMapper;

/**
 * The sample's security, decided route by route rather than left to defaults:
 * <ul>
 * <li>the catalogue is public to read; changing it needs the EMPLOYEE or ADMIN role;</li>
 * <li>anything else needs an authenticated user (deny by default);</li>
 * <li>the API is stateless: no session, so no cookie a forged cross-site request could ride on, and CSRF
 * tokens are not needed; credentials travel in the {@code Authorization} header only;</li>
 * <li>refusals are problem details (401, 403), like every other error of the API.</li>
 * </ul>
 * Lithair's admin routes ({@code /lithair/admin/**}) keep their own chain, before this one, open to the
 * roles in {@code lithair.admin.roles} (ADMIN in application.yml).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /** BCrypt by default, with the {@code {bcrypt}} prefix stored, so the algorithm can change later. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, JsonMapper json) throws Exception {
        ProblemDetailsSecurityErrors errors = new ProblemDetailsSecurityErrors(json);
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/error", "/actuator/health").permitAll()
                .requestMatchers(HttpMethod.GET, "/api/products", "/api/products/**").permitAll()
                .requestMatchers("/api/products", "/api/products/**").hasAnyRole("EMPLOYEE", "ADMIN")
                .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(errors))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(errors).accessDeniedHandler(errors))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }
}
