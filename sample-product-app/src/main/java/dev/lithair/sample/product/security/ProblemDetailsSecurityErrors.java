package dev.lithair.sample.product.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import dev.lithair.sample.product.auth.TooManyAttemptsException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes Spring Security's refusals as problem details, like the API's other errors: 401 when the
 * caller is not authenticated (with a {@code WWW-Authenticate} challenge), 429 with {@code Retry-After} when
 * its username or address is past the login limits, 403 when its role does not allow the request.
 */
class ProblemDetailsSecurityErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final JsonMapper json;

    ProblemDetailsSecurityErrors(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException authException) throws IOException {
        if (authException instanceof TooManyAttemptsException tooMany) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(tooMany.retryAfterSeconds()));
            write(response, HttpStatus.TOO_MANY_REQUESTS, "Too many attempts", tooMany.getMessage() + ".", request);
            return;
        }
        response.setHeader("WWW-Authenticate", "Bearer, Basic realm=\"Lithair product sample\"");
        String detail = authException instanceof InvalidBearerTokenException
                ? "The bearer token is unknown, expired or revoked: log in again (POST /auth/login)."
                : "Send credentials: Authorization: Bearer <token from POST /auth/login>, or HTTP Basic.";
        write(response, HttpStatus.UNAUTHORIZED, "Authentication required", detail, request);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
            AccessDeniedException accessDeniedException) throws IOException {
        write(response, HttpStatus.FORBIDDEN, "Forbidden", "Your role does not allow " + request.getMethod() + " "
                + request.getRequestURI() + ".", request);
    }

    private void write(HttpServletResponse response, HttpStatus status, String title, String detail,
            HttpServletRequest request) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setInstance(java.net.URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
