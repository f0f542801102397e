package dev.lithair.sample.product.shop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.springframework.scheduling.annotation.Scheduled;

import dev.lithair.sample.product.auth.AccessTokenIssuer;
import dev.lithair.spring.tenancy.Tenants;

/**
 * Deletes expired sessions of every hosted shop, each in its own store, every {@code sample.auth.purge-every}
 * from the first one on. A shop never used yet has no store and is left alone: the purge creates none.
 */
final class ShopSessionPurge {

    private final AccessTokenIssuer issuer;
    private final List<String> shops;
    private final Path tenantsDirectory;

    ShopSessionPurge(AccessTokenIssuer issuer, List<String> shops, Path tenantsDirectory) {
        this.issuer = issuer;
        this.shops = shops;
        this.tenantsDirectory = tenantsDirectory;
    }

    @Scheduled(fixedDelayString = "${sample.auth.purge-every:10m}", initialDelayString = "${sample.auth.purge-every:10m}")
    void purge() {
        for (String shop : shops) {
            if (Files.isDirectory(tenantsDirectory.resolve(shop))) {
                Tenants.runAs(shop, issuer::purgeExpired);
            }
        }
    }
}
