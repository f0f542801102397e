package dev.lithair.sample.product.auth;

import java.time.Instant;
import java.util.List;

import dev.lithair.spring.repository.LithairRepository;

public interface AccessTokenRepository extends LithairRepository<AccessToken, String> {

    List<AccessToken> findByUsername(String username);

    /** From the sorted index on {@code expiresAt}. */
    List<AccessToken> findByExpiresAtBefore(Instant instant);
}
