package dev.lithair.sample.product.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

import dev.lithair.sample.product.user.UserAccount;

/** Issues, resolves and revokes opaque bearer tokens stored (hashed) in Lithair. Thread-safe. */
@Service
public class AccessTokenIssuer {

    private final AccessTokenRepository tokens;
    private final AuthProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public AccessTokenIssuer(AccessTokenRepository tokens, AuthProperties properties) {
        this.tokens = tokens;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    public IssuedToken issue(UserAccount user) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        AccessToken stored = tokens.save(new AccessToken(TokenHash.of(token), user.username(), now,
                now.plus(properties.tokenTtl())));
        return new IssuedToken(token, "Bearer", stored.expiresAt(), user.username(), user.role());
    }

    /** The live session of a token: unknown, revoked and expired tokens have none. */
    public Optional<AccessToken> resolve(String token) {
        Instant now = clock.instant();
        return tokens.findById(TokenHash.of(token)).filter(session -> session.expiresAt().isAfter(now));
    }

    /**
     * Deletes the sessions expired by now (they are refused already; this frees their memory), every
     * {@code sample.auth.purge-every} ({@link ExpiredSessionPurge}).
     *
     * @return how many were deleted
     */
    public int purgeExpired() {
        List<AccessToken> expired = tokens.findByExpiresAtBefore(clock.instant());
        tokens.deleteAll(expired);
        return expired.size();
    }

    /** Ends the session of a token; a token already ended is no error. */
    public void revoke(String token) {
        tokens.deleteById(TokenHash.of(token));
    }
}
