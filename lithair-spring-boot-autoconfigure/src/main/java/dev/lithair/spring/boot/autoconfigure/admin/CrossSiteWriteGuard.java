package dev.lithair.spring.boot.autoconfigure.admin;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Refuses an admin write (any method but GET, HEAD, OPTIONS and TRACE) that a browser sends on behalf of a
 * page of another origin: 403 problem details, audited, nothing done.
 *
 * <p>A browser attaches the credentials it holds for a site (cached HTTP Basic, cookies) to any request to
 * that site, including a form that a page of another site submits; a request carrying {@code Authorization}
 * gets no CSRF token check. Browsers say where such a request comes from: {@code Sec-Fetch-Site} (anything
 * but {@code same-origin} or {@code none} is another page's doing) and, on every cross-origin write,
 * {@code Origin}. Scripts and curl send neither and are not affected. The guard runs whoever protects the
 * admin routes (Lithair's chain or the application's), after authentication, so a refusal names the
 * caller.
 */
public class CrossSiteWriteGuard implements HandlerInterceptor {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final Set<String> OWN_FETCH_SITES = Set.of("same-origin", "none");

    private final LithairAdminAudit audit;

    /**
     * A guard that audits what it refuses.
     *
     * @param audit where refusals are recorded
     */
    public CrossSiteWriteGuard(LithairAdminAudit audit) {
        this.audit = audit;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (READS.contains(request.getMethod()) || !fromAnotherOrigin(request)) {
            return true;
        }
        String title = "Cross-site admin write refused";
        audit.recordRefusal(request, principalOf(request), HttpStatus.FORBIDDEN.value(), title);
        AdminProblems.write(request, response, HttpStatus.FORBIDDEN, title, "An admin " + request.getMethod()
                + " sent by a browser for a page of another origin (Origin: " + request.getHeader("Origin")
                + ", Sec-Fetch-Site: " + request.getHeader("Sec-Fetch-Site") + ") is refused: send it from the "
                + "application's own pages, a script or curl.");
        return false;
    }

    /** Whether the browser says this request comes from a page of another origin than the admin route's. */
    static boolean fromAnotherOrigin(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null) {
            return !OWN_FETCH_SITES.contains(fetchSite.trim().toLowerCase(Locale.ROOT));
        }
        String origin = request.getHeader("Origin");
        return origin != null && !sameOrigin(origin, request);
    }

    private static boolean sameOrigin(String origin, HttpServletRequest request) {
        try {
            URI uri = new URI(origin.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return false; // "null" (sandboxed pages, files) or garbage: not this site
            }
            int port = uri.getPort() != -1 ? uri.getPort() : defaultPort(uri.getScheme());
            return uri.getScheme().equalsIgnoreCase(request.getScheme())
                    && uri.getHost().equalsIgnoreCase(request.getServerName()) && port == request.getServerPort();
        } catch (URISyntaxException e) {
            return false;
        }
    }


    private static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    private static String principalOf(HttpServletRequest request) {
        return request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName();
    }
}
