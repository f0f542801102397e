package dev.lithair.sample.product.auth;

import java.time.Duration;

import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How often logins may fail and accounts be registered, per username and per client address, before
 * further attempts are refused with 429. Each limit is a budget of {@code N} attempts that refills at
 * {@code N} per {@code window}, gradually.
 *
 * @param window                   the period each budget refills over
 * @param loginFailuresPerUser     failed logins (on {@code /auth/login} or with HTTP Basic) for one username
 * @param loginFailuresPerAddress  failed logins from one client address, whatever the usernames
 * @param registrationsPerUser     registrations of one username
 * @param registrationsPerAddress  registrations from one client address
 * @param trackedKeys              how many usernames and addresses are remembered at most; the least used
 *                                 are forgotten first, so memory stays bounded whatever clients send
 */
@Validated
@ConfigurationProperties("sample.auth.limits")
public record AuthLimitProperties(
        @DefaultValue("1m") Duration window,
        @DefaultValue("5") @Positive int loginFailuresPerUser,
        @DefaultValue("20") @Positive int loginFailuresPerAddress,
        @DefaultValue("3") @Positive int registrationsPerUser,
        @DefaultValue("10") @Positive int registrationsPerAddress,
        @DefaultValue("50000") @Positive int trackedKeys) {

    public AuthLimitProperties {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("sample.auth.limits.window must be positive, was " + window);
        }
    }
}
