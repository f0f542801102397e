package dev.lithair.spring.boot.autoconfigure;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.lithair.spring.tenancy.TenantIds;
import dev.lithair.spring.tenancy.Tenants;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs each web request as the tenant its header names ({@code lithair.tenancy.header}), as
 * {@link Tenants#callAs} would. A request without the header runs as no tenant (its repository calls fail
 * with {@code NoTenantException}); a request whose header holds an invalid id is answered 400 with a problem
 * detail and goes no further, so no file is touched for it.
 *
 * <p>Ordered early, before Spring Security's filters, so that an authentication that reads users from a
 * tenant's repository knows the tenant.
 */
class TenantHeaderFilter extends OncePerRequestFilter implements Ordered {

    /** Early: right after Boot's character-encoding filter, before the security filters (-100). */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String header;

    TenantHeaderFilter(String header) {
        this.header = header;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String tenant = request.getHeader(header);
        if (tenant == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!TenantIds.isValid(tenant)) {
            refuse(response, TenantIds.describe(tenant) + " (request header " + header + ")");
            return;
        }
        try {
            Tenants.callAs(tenant, () -> {
                chain.doFilter(request, response);
                return null;
            });
        } catch (IOException | ServletException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private static void refuse(HttpServletResponse response, String detail) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", "Invalid tenant");
        problem.put("status", HttpStatus.BAD_REQUEST.value());
        problem.put("detail", detail);
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.writeValueAsString(problem));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
