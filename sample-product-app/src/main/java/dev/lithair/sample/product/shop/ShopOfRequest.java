package dev.lithair.sample.product.shop;

import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Which shop a request names: the sub-domain of its host under {@code sample.shops.domain}
 * ({@code acme.localhost:8080} names {@code acme}), else its {@code lithair.tenancy.header} header.
 *
 * <p>The name is returned as sent, not checked: the caller refuses an invalid or unknown one. A host name is
 * lower-cased first, since DNS names are not case-sensitive; a header is taken as it is.
 */
final class ShopOfRequest {

    private final String domainSuffix;
    private final String header;

    ShopOfRequest(String domain, String header) {
        this.domainSuffix = "." + domain.toLowerCase(Locale.ROOT);
        this.header = header;
    }

    /** The shop named by {@code request}, as sent; empty when it names none. */
    Optional<String> named(HttpServletRequest request) {
        String host = request.getServerName();
        if (host != null) {
            String lowerCase = host.toLowerCase(Locale.ROOT);
            if (lowerCase.endsWith(domainSuffix) && lowerCase.length() > domainSuffix.length()) {
                return Optional.of(lowerCase.substring(0, lowerCase.length() - domainSuffix.length()));
            }
        }
        return Optional.ofNullable(request.getHeader(header));
    }
}
