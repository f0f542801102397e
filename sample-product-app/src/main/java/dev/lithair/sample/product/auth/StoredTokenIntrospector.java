package dev.lithair.sample.product.auth;

import java.util.List;
import java.util.Map;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.stereotype.Component;

import dev.lithair.sample.product.user.UserAccount;
import dev.lithair.sample.product.user.UserAccountRepository;

/**
 * Checks a bearer token for Spring Security's resource server against the sessions stored in Lithair,
 * in memory (two O(1) lookups: the session, then its user through the unique index on the username, whose
 * current role is granted).
 */
@Component
class StoredTokenIntrospector implements OpaqueTokenIntrospector {

    private final AccessTokenIssuer tokens;
    private final UserAccountRepository users;

    StoredTokenIntrospector(AccessTokenIssuer tokens, UserAccountRepository users) {
        this.tokens = tokens;
        this.users = users;
    }

    @Override
    public OAuth2AuthenticatedPrincipal introspect(String token) {
        AccessToken session = tokens.resolve(token)
                .orElseThrow(() -> new BadOpaqueTokenException("Unknown, expired or revoked token"));
        UserAccount user = users.findByUsername(session.username())
                .orElseThrow(() -> new BadOpaqueTokenException("The token's user no longer exists"));
        return new DefaultOAuth2AuthenticatedPrincipal(user.username(),
                Map.of("sub", user.username(), "exp", session.expiresAt()),
                List.of(new SimpleGrantedAuthority("ROLE_" + user.role().name())));
    }
}
