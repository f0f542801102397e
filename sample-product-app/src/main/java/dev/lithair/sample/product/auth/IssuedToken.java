package dev.lithair.sample.product.auth;

import java.time.Instant;

import dev.lithair.sample.product.user.Role;

/** The answer to a login: the bearer token (shown this once, only its hash is stored) and whose it is. */
public record IssuedToken(String token, String tokenType, Instant expiresAt, String username, Role role) {
}
