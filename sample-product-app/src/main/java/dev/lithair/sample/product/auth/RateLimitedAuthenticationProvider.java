package dev.lithair.sample.product.auth;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks usernames and passwords with {@code delegate} within the login budgets of
 * {@link AuthAttemptLimiter}: every password check by the application (the login route, HTTP Basic on the
 * API and on Lithair's admin routes) goes through it, so guessing through one route spends the budget of
 * all. The client's address comes from the authentication's {@link WebAuthenticationDetails}, which Spring
 * Security's HTTP Basic filter sets and the login route sets too.
 */
public class RateLimitedAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider delegate;
    private final AuthAttemptLimiter limiter;

    public RateLimitedAuthenticationProvider(AuthenticationProvider delegate, AuthAttemptLimiter limiter) {
        this.delegate = delegate;
        this.limiter = limiter;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails web
                ? web.getRemoteAddress() : null;
        limiter.beginLogin(username, address);
        Authentication authenticated = delegate.authenticate(authentication);
        if (authenticated != null) {
            limiter.loginSucceeded(username, address);
        }
        return authenticated;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }
}
