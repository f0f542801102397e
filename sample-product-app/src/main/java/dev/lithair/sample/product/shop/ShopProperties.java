package dev.lithair.sample.product.shop;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.lithair.spring.tenancy.TenantIds;

/**
 * The shops one server hosts in the {@code tenants} profile, each a Lithair tenant with a store of its own.
 *
 * @param names  the shops' ids; a request for any other shop is refused before any file is touched, so
 *               strangers cannot make the server create stores
 * @param domain the domain whose sub-domains name shops: {@code acme.localhost} is the shop {@code acme}
 *               when it is {@code localhost}
 */
@ConfigurationProperties("sample.shops")
public record ShopProperties(@DefaultValue List<String> names, @DefaultValue("localhost") String domain) {

    public ShopProperties {
        for (String name : names) {
            if (!TenantIds.isValid(name)) {
                throw new IllegalArgumentException("sample.shops.names: " + TenantIds.describe(name));
            }
        }
        names = List.copyOf(names);
    }
}
