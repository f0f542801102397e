package dev.lithair.spring.boot.autoconfigure.admin;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * Adds to the security filter chain of the admin routes what the application's own chains use besides
 * HTTP Basic and the session, e.g. {@code http.oauth2ResourceServer(o -> o.jwt(withDefaults()))}, so that
 * admins authenticate there as everywhere else. Beans of this type are applied in order, after Lithair's
 * rules; to replace the chain altogether, define a {@code SecurityFilterChain} bean named
 * {@code lithairAdminSecurityFilterChain}.
 */
@FunctionalInterface
public interface LithairAdminHttpSecurityCustomizer {

    /**
     * Adds to the admin routes' security chain.
     *
     * @param http the chain's builder
     * @throws Exception when the builder refuses a setting
     */
    void customize(HttpSecurity http) throws Exception;
}
