package dev.lithair.sample.product.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Login sessions.
 *
 * @param tokenTtl how long a token from {@code POST /auth/login} is accepted
 */
@ConfigurationProperties("sample.auth")
public record AuthProperties(@DefaultValue("8h") Duration tokenTtl) {
}
