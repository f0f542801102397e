package dev.lithair.spring.boot.autoconfigure.admin;

import java.io.IOException;
import java.util.function.Supplier;

import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Audits the admin calls the security filter chain refuses (401, 403: no or wrong credentials, no admin
 * role, no CSRF token), which never reach the admin routes and their own audit. It sits in the admin chain
 * just inside the security context, so it sees the caller the chain authenticated, and it reads the outcome
 * from the response: whatever refused the call (Lithair's rules, or a mechanism a
 * {@link LithairAdminHttpSecurityCustomizer} added), it is audited once.
 */
public class AdminRefusalAuditFilter extends OncePerRequestFilter {

    private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

    private final Supplier<LithairAdminAudit> audit;

    /**
     * {@code audit} is looked up at the first refusal: the chain is built before the admin routes' beans.
     *
     * @param audit the audit, looked up at the first refusal
     */
    public AdminRefusalAuditFilter(Supplier<LithairAdminAudit> audit) {
        this.audit = audit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            int status = response.getStatus();
            if ((status == 401 || status == 403) && !LithairAdminAudit.isAudited(request)) {
                Object title = request.getAttribute(AdminProblems.REFUSAL_TITLE);
                audit.get().recordRefusal(request, authenticatedName(), status,
                        title == null ? null : title.toString());
            }
        }
    }

    private static String authenticatedName() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return TRUST.isAuthenticated(authentication) ? authentication.getName() : null;
    }
}
