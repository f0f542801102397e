package dev.lithair.sample.product.shop;

import java.util.Optional;
import java.util.Set;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import dev.lithair.spring.tenancy.TenantIds;
import dev.lithair.spring.tenancy.TenantResolver;

/**
 * The current tenant is the shop the current web request names ({@link ShopOfRequest}), when it is a valid
 * id of a hosted shop; outside a request, or for any other name, there is none and a repository call fails.
 *
 * <p>It reads the request Spring binds to the thread before the security filters run, so logins and bearer
 * tokens are checked against the shop's own users and sessions. Thread-safe.
 */
final class ShopTenantResolver implements TenantResolver {

    private final ShopOfRequest shopOfRequest;
    private final Set<String> shops;

    ShopTenantResolver(ShopOfRequest shopOfRequest, Set<String> shops) {
        this.shopOfRequest = shopOfRequest;
        this.shops = shops;
    }

    @Override
    public Optional<String> currentTenant() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (!(attributes instanceof ServletRequestAttributes request)) {
            return Optional.empty();
        }
        return shopOfRequest.named(request.getRequest()).filter(TenantIds::isValid).filter(shops::contains);
    }
}
