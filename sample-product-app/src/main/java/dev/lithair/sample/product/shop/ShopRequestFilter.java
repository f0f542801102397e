package dev.lithair.sample.product.shop;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.lithair.spring.tenancy.TenantIds;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lets a request to the shop API ({@code /api/**}, {@code /auth/**}) through only when it names a hosted
 * shop, and makes sure that shop has its first admin. A request naming no shop or an invalid id is answered
 * 400, one naming a shop the server does not host 404, as problem details, before authentication and before
 * any store or file is touched.
 *
 * <p>It runs before Spring Security's filters: a login or a bearer token is checked against the shop's own
 * users and sessions, so it must know the shop first. Other routes (the static page, the API documentation,
 * health, Lithair's admin routes) name no shop and pass.
 */
final class ShopRequestFilter extends OncePerRequestFilter implements Ordered {

    private final ShopOfRequest shopOfRequest;
    private final Set<String> shops;
    private final ShopFirstAdmins firstAdmins;
    private final String header;
    private final JsonMapper json;

    ShopRequestFilter(ShopOfRequest shopOfRequest, Set<String> shops, ShopFirstAdmins firstAdmins, String header,
            JsonMapper json) {
        this.shopOfRequest = shopOfRequest;
        this.shops = shops;
        this.firstAdmins = firstAdmins;
        this.header = header;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith("/api/") && !path.startsWith("/auth/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> named = shopOfRequest.named(request);
        if (named.isEmpty()) {
            refuse(request, response, HttpStatus.BAD_REQUEST, "No shop", "Name the shop: a sub-domain "
                    + "(acme.localhost) or the " + header + " request header.");
            return;
        }
        String shop = named.get();
        if (!TenantIds.isValid(shop)) {
            refuse(request, response, HttpStatus.BAD_REQUEST, "Invalid shop", TenantIds.describe(shop) + ".");
            return;
        }
        if (!shops.contains(shop)) {
            refuse(request, response, HttpStatus.NOT_FOUND, "Unknown shop", "This server hosts no shop '" + shop
                    + "'.");
            return;
        }
        firstAdmins.ensure(shop);
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
            String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /** Right before Spring Security's filters, after the request is bound to the thread. */
    @Override
    public int getOrder() {
        return SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1;
    }
}
