package dev.lithair.sample.product.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.web.SecurityFilterChain;

import dev.lithair.sample.product.auth.AuthAttemptLimiter;
import dev.lithair.sample.product.auth.RateLimitedAuthenticationProvider;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sample's security, decided route by route rather than left to defaults:
 * <ul>
 * <li>public: the dashboard and its assets, the API documentation, reading the catalogue, the change
 * stream (it carries catalogue changes and counts, no customer data), registering and logging in;</li>
 * <li>changing the catalogue needs EMPLOYEE or ADMIN; placing orders CUSTOMER; the engine benchmark ADMIN;
 * anything else an authenticated user (deny by default; finer rules, such as "a customer sees only their own
 * orders", are in the controllers);</li>
 * <li>callers authenticate with a bearer token from {@code POST /auth/login} (opaque, checked against the
 * sessions stored in Lithair by Spring Security's resource server), or with HTTP Basic for scripts;</li>
 * <li>the API is stateless: no session, so no cookie a forged cross-site request could ride on, and CSRF
 * tokens are not needed; credentials travel in the {@code Authorization} header only;</li>
 * <li>failed logins and registrations are limited per username and per client address (429 with
 * {@code Retry-After} past the limit, {@code sample.auth.limits.*}), HTTP Basic included;</li>
 * <li>refusals are problem details (401, 403, 429), like every other error of the API.</li>
 * </ul>
 * Lithair's admin routes ({@code /lithair/admin/**}) keep their own chain, before this one, open to the
 * roles in {@code lithair.admin.roles} (ADMIN in application.yml) with HTTP Basic, checked by the same
 * rate-limited provider; an admin write a browser sends for a page of another site is refused there.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /** BCrypt by default, with the {@code {bcrypt}} prefix stored, so the algorithm can change later. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * Checks usernames and passwords against the users stored in Lithair, within the login limits. As the
     * only {@code AuthenticationProvider} bean, Spring Security also uses it for HTTP Basic, in this chain and
     * in Lithair's admin chain: a guess counts the same whichever route it comes through.
     */
    @Bean
    RateLimitedAuthenticationProvider storedUsersAuthentication(UserDetailsService users,
            PasswordEncoder passwordEncoder, AuthAttemptLimiter limiter) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(passwordEncoder);
        return new RateLimitedAuthenticationProvider(provider, limiter);
    }

    /** What {@code POST /auth/login} checks credentials with. */
    @Bean
    AuthenticationManager authenticationManager(RateLimitedAuthenticationProvider storedUsersAuthentication) {
        return new ProviderManager(storedUsersAuthentication);
    }

    @Bean
    SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, JsonMapper json,
            OpaqueTokenIntrospector storedTokens) throws Exception {
        ProblemDetailsSecurityErrors errors = new ProblemDetailsSecurityErrors(json);
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/error", "/actuator/health").permitAll()
                .requestMatchers(HttpMethod.GET, "/", "/index.html", "/dashboard.js", "/dashboard.css", "/favicon.ico",
                        "/webjars/**", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                .permitAll()
                .requestMatchers(HttpMethod.GET, "/api/products", "/api/products/**", "/api/events/stream",
                        "/api/dashboard/**").permitAll()
                .requestMatchers(HttpMethod.POST, "/auth/register", "/auth/login").permitAll()
                .requestMatchers("/api/products", "/api/products/**").hasAnyRole("EMPLOYEE", "ADMIN")
                .requestMatchers(HttpMethod.POST, "/api/orders").hasRole("CUSTOMER")
                .requestMatchers(HttpMethod.PUT, "/api/orders/*/status").hasAnyRole("EMPLOYEE", "ADMIN")
                .requestMatchers("/api/admin/**").hasRole("ADMIN")
                .anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .opaqueToken(opaque -> opaque.introspector(storedTokens))
                        .authenticationEntryPoint(errors).accessDeniedHandler(errors))
                .httpBasic(basic -> basic.authenticationEntryPoint(errors))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(errors).accessDeniedHandler(errors))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }
}
