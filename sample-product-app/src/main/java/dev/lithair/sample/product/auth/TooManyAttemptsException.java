package dev.lithair.sample.product.auth;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/**
 * A login or registration refused because its username or client address used up its budget
 * ({@link AuthLimitProperties}); answered 429 with {@code Retry-After}. An authentication failure, so that
 * Spring Security's filters (HTTP Basic) answer it through the application's entry point.
 */
public class TooManyAttemptsException extends AuthenticationException {

    private final Duration retryAfter;

    public TooManyAttemptsException(String what, Duration retryAfter) {
        super("Too many " + what + "; retry in " + retryAfterSeconds(retryAfter) + " s");
        this.retryAfter = retryAfter;
    }

    /** The {@code Retry-After} value: whole seconds until an attempt is allowed again, at least 1. */
    public long retryAfterSeconds() {
        return retryAfterSeconds(retryAfter);
    }

    private static long retryAfterSeconds(Duration wait) {
        long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
