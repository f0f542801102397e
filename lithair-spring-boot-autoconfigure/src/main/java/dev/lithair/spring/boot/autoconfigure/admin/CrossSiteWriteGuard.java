package dev.lithair.spring.boot.autoconfigure.admin;

import java.io.IOException;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Refuses an admin write (any method but GET, HEAD, OPTIONS and TRACE) that does not carry the header
 * {@value #HEADER}: 403 problem details, audited, nothing done.
 *
 * <p>A browser attaches credentials it holds for a site (cached HTTP Basic, cookies) to any request to that
 * site, including one a page of another site makes it send; a request that carries {@code Authorization}
 * gets no CSRF check. A page of another site cannot add a custom header, though: a form cannot, and
 * {@code fetch} first asks the server with a CORS preflight, which the admin routes refuse. Scripts and curl
 * add the header at no cost. The guard runs whoever protects the admin routes (Lithair's chain or the
 * application's), after authentication, so a refusal names the caller.
 */
public class CrossSiteWriteGuard implements HandlerInterceptor {

    /** The header every admin write must carry, with any value ({@code X-Lithair-Admin: true}). */
    public static final String HEADER = "X-Lithair-Admin";

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final LithairAdminAudit audit;

    public CrossSiteWriteGuard(LithairAdminAudit audit) {
        this.audit = audit;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        String header = request.getHeader(HEADER);
        if (READS.contains(request.getMethod()) || (header != null && !header.isBlank())) {
            return true;
        }
        String title = "Admin header required";
        audit.recordRefusal(request, principalOf(request), HttpStatus.FORBIDDEN.value(), title);
        AdminProblems.write(request, response, HttpStatus.FORBIDDEN, title, "An admin " + request.getMethod()
                + " must carry the header '" + HEADER + ": true', which a page of another site cannot send: "
                + "add it to your script or curl command (-H '" + HEADER + ": true').");
        return false;
    }

    private static String principalOf(HttpServletRequest request) {
        return request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName();
    }
}
