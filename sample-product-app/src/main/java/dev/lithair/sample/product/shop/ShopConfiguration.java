package dev.lithair.sample.product.shop;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

import dev.lithair.sample.product.auth.AccessTokenIssuer;
import dev.lithair.sample.product.user.AdminAccountProperties;
import dev.lithair.sample.product.user.FirstAdminAccount;
import dev.lithair.spring.boot.autoconfigure.LithairProperties;
import dev.lithair.spring.tenancy.TenantResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * Several shops on one server, in the {@code tenants} profile: each shop is a Lithair tenant, named by the
 * request's sub-domain or header, with its own catalogue, users, sessions, orders and analytics in a store
 * of its own. Lithair's admin routes act across shops, so no shop's account may use them
 * ({@code lithair.admin.roles} is a role shops do not have, in {@code application-tenants.yml}).
 */
@Configuration(proxyBeanMethods = false)
@Profile("tenants")
class ShopConfiguration {

    @Bean
    ShopOfRequest shopOfRequest(ShopProperties shops, LithairProperties lithair) {
        return new ShopOfRequest(shops.domain(), lithair.getTenancy().getHeader());
    }

    /** Replaces Lithair's header-only resolution: sub-domain first, then header. */
    @Bean
    TenantResolver shopTenantResolver(ShopOfRequest shopOfRequest, ShopProperties shops) {
        return new ShopTenantResolver(shopOfRequest, Set.copyOf(shops.names()));
    }

    @Bean
    ShopFirstAdmins shopFirstAdmins(FirstAdminAccount accounts, AdminAccountProperties admin,
            LithairProperties lithair) {
        return new ShopFirstAdmins(accounts, admin.username(), lithair.getDataDir().resolve("tenants"));
    }

    @Bean
    ShopRequestFilter shopRequestFilter(ShopOfRequest shopOfRequest, ShopProperties shops,
            ShopFirstAdmins firstAdmins, LithairProperties lithair, JsonMapper json) {
        return new ShopRequestFilter(shopOfRequest, Set.copyOf(shops.names()), firstAdmins,
                lithair.getTenancy().getHeader(), json);
    }

    @Bean
    ShopSessionPurge shopSessionPurge(AccessTokenIssuer issuer, ShopProperties shops, LithairProperties lithair) {
        return new ShopSessionPurge(issuer, shops.names(), lithair.getDataDir().resolve("tenants"));
    }
}
