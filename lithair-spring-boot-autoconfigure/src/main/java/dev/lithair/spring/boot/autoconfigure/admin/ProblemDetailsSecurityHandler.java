package dev.lithair.spring.boot.autoconfigure.admin;

import java.io.IOException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Answers the admin routes' security failures as RFC 9457 problem details: 401 with an HTTP Basic
 * challenge when the caller is not authenticated, 403 when it lacks every admin role.
 */
public class ProblemDetailsSecurityHandler implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final String realm;
    private final String roles;

    /**
     * A handler answering 401 and 403 as problem details.
     *
     * @param realm the HTTP Basic realm
     * @param roles the admin roles, named in 403 answers
     */
    public ProblemDetailsSecurityHandler(String realm, Iterable<String> roles) {
        this.realm = realm;
        this.roles = String.join(", ", roles);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + realm + "\"");
        AdminProblems.write(request, response, HttpStatus.UNAUTHORIZED, "Authentication required",
                "The Lithair admin routes need an authenticated caller with one of the roles: " + roles + ".");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        if (e instanceof CsrfException) {
            AdminProblems.write(request, response, HttpStatus.FORBIDDEN, "CSRF token required",
                    "A request authenticated by a session cookie must carry the CSRF token (or use HTTP Basic).");
            return;
        }
        AdminProblems.write(request, response, HttpStatus.FORBIDDEN, "Admin role required",
                "The Lithair admin routes need one of the roles: " + roles + ".");
    }
}
