package dev.lithair.sample.product.auth;

import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes expired sessions every {@code sample.auth.purge-every}. With shops ({@code tenants} profile) each
 * shop's sessions are in its own store, which a scheduler thread does not act on by itself: the shops'
 * purge ({@code shop.ShopSessionPurge}) takes over there.
 */
@Component
@Profile("!tenants")
class ExpiredSessionPurge {

    private final AccessTokenIssuer issuer;

    ExpiredSessionPurge(AccessTokenIssuer issuer) {
        this.issuer = issuer;
    }

    @Scheduled(fixedDelayString = "${sample.auth.purge-every:10m}")
    void purge() {
        issuer.purgeExpired();
    }
}
