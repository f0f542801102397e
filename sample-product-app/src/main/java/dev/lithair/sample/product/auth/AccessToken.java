package dev.lithair.sample.product.auth;

import java.time.Instant;

import org.springframework.data.annotation.Id;

import dev.lithair.annotation.Indexed;

/**
 * A login session: an opaque bearer token, stored in Lithair by its SHA-256 hash only, so that a copy
 * of the data directory holds no usable token. Logging out deletes it.
 *
 * @param tokenHash hex SHA-256 of the token the client holds; the id, so a request is checked in O(1)
 * @param username  whose token it is; indexed, so a user's sessions are found without a scan
 * @param issuedAt  when it was issued
 * @param expiresAt after this instant it is refused; sort-indexed, so expired sessions are found without a scan
 */
public record AccessToken(@Id String tokenHash, @Indexed String username, Instant issuedAt,
        @Indexed(sorted = true) Instant expiresAt) {
}
