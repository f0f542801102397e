package dev.lithair.sample.product.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.data.core.PropertyReferenceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.lithair.exception.ValueLimitException;
import dev.lithair.sample.product.admin.BenchmarkRunningException;
import dev.lithair.sample.product.auth.TooManyAttemptsException;
import dev.lithair.sample.product.auth.UsernameTakenException;
import dev.lithair.sample.product.dashboard.TooManySubscribersException;
import dev.lithair.sample.product.erasure.NotACustomerException;
import dev.lithair.sample.product.order.ForbiddenOrderException;
import dev.lithair.sample.product.order.IllegalStatusChangeException;
import dev.lithair.spring.repository.IncompleteHistoryException;
import dev.lithair.spring.tenancy.NoTenantException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * Every error of the API as an RFC 9457 problem detail: Spring MVC's own (malformed JSON, wrong
 * types, unknown routes, ...) through {@link ResponseEntityExceptionHandler}, and the application's
 * and Lithair's below. A request answered with an error has changed nothing: validation happens
 * before any write, and Lithair rejects a write whole.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, e.title(), e.getMessage());
    }

    /** A login or registration past the limits of its username or client address. */
    @ExceptionHandler(TooManyAttemptsException.class)
    ResponseEntity<ProblemDetail> tooManyAttempts(TooManyAttemptsException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(problem(HttpStatus.TOO_MANY_REQUESTS, "Too many attempts", e.getMessage() + "."));
    }

    /** A login with a wrong username or password: the same answer for both, so names cannot be probed. */
    @ExceptionHandler(AuthenticationException.class)
    ProblemDetail badCredentials(AuthenticationException e) {
        return problem(HttpStatus.UNAUTHORIZED, "Authentication failed", "Wrong username or password");
    }

    @ExceptionHandler(ForbiddenOrderException.class)
    ProblemDetail forbidden(ForbiddenOrderException e) {
        return problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
    }

    @ExceptionHandler(IllegalStatusChangeException.class)
    ProblemDetail illegalStatusChange(IllegalStatusChangeException e) {
        return problem(HttpStatus.CONFLICT, "Illegal status change", e.getMessage());
    }

    /** An erasure asked for a staff account. */
    @ExceptionHandler(NotACustomerException.class)
    ProblemDetail notACustomer(NotACustomerException e) {
        return problem(HttpStatus.CONFLICT, "Not a customer", e.getMessage());
    }

    @ExceptionHandler(BenchmarkRunningException.class)
    ProblemDetail benchmarkRunning(BenchmarkRunningException e) {
        return problem(HttpStatus.CONFLICT, "Benchmark running", e.getMessage());
    }

    @ExceptionHandler(UsernameTakenException.class)
    ProblemDetail usernameTaken(UsernameTakenException e) {
        return problem(HttpStatus.CONFLICT, "Username taken", e.getMessage());
    }

    @ExceptionHandler({ InvalidRequestException.class, UnknownFieldException.class })
    ProblemDetail badRequest(RuntimeException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
    }

    /**
     * With shops ({@code tenants} profile), a request reached the store without naming its shop: the client's
     * mistake, so 400 rather than the 500 of an unhandled data access error. Nothing was read or written.
     */
    @ExceptionHandler(NoTenantException.class)
    ProblemDetail noShop(NoTenantException e) {
        return problem(HttpStatus.BAD_REQUEST, "No shop", e.getMessage());
    }

    /** A sort or query named a property the entity does not have. */
    @ExceptionHandler(PropertyReferenceException.class)
    ProblemDetail unknownProperty(PropertyReferenceException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
    }

    /** The client's version is stale: someone changed the entity since it was read. */
    @ExceptionHandler(OptimisticLockingFailureException.class)
    ProblemDetail versionConflict(OptimisticLockingFailureException e) {
        return problem(HttpStatus.CONFLICT, "Version conflict",
                "The entity was changed since you read it; read it again and retry. " + e.getMessage());
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ProblemDetail duplicate(DuplicateKeyException e) {
        return problem(HttpStatus.CONFLICT, "Already exists", e.getMessage());
    }

    /**
     * For instance an update that would change an {@code @Immutable} field: 409. A value the store could
     * not read back (too long, too deep) is the request's content, not a conflict: 422, naming the field and
     * the limit.
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ProblemDetail integrity(DataIntegrityViolationException e) {
        if (e.getCause() instanceof ValueLimitException limit) {
            ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Value over the store's limits",
                    limit.getMessage());
            problem.setProperty("field", limit.field());
            problem.setProperty("limit", limit.limit().propertyName());
            problem.setProperty("maximum", limit.maximum());
            return problem;
        }
        return problem(HttpStatus.CONFLICT, "Rejected change", e.getMessage());
    }

    /** The dashboard's stream has as many subscribers as it serves: try again shortly. */
    @ExceptionHandler(TooManySubscribersException.class)
    ResponseEntity<ProblemDetail> tooManySubscribers(TooManySubscribersException e) {
        // The content type is set here: the stream's own (text/event-stream) cannot carry a problem.
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Too many subscribers", e.getMessage()));
    }

    /** An as-of read the retained history cannot answer whole: which fields it cannot tell. */
    /**
     * The store cannot answer now (its disk is full or failing, or in a cluster there is no leader to
     * confirm a read or take a write, during an election or a network cut): 503, so that clients retry
     * instead of taking it for a bug. Nothing of a refused write is kept.
     */
    @ExceptionHandler({ TransientDataAccessException.class, DataAccessResourceFailureException.class })
    ResponseEntity<ProblemDetail> unavailable(DataAccessException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Store unavailable", e.getMessage()));
    }

    /** An as-of read the retained history cannot answer whole: which fields it cannot tell. */
    @ExceptionHandler(IncompleteHistoryException.class)
    ProblemDetail incompleteHistory(IncompleteHistoryException e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "History incomplete at that instant",
                e.getMessage());
        problem.setProperty("unknownFields", e.unknownFields());
        return problem;
    }

    /** Bean Validation failures, with one message per field. */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            errors.merge(error.getField(), String.valueOf(error.getDefaultMessage()), (a, b) -> a + "; " + b);
        }
        ProblemDetail body = problem(HttpStatus.BAD_REQUEST, "Invalid request",
                "Invalid fields: " + String.join(", ", errors.keySet()));
        body.setProperty("errors", errors);
        return handleExceptionInternal(ex, body, headers, status, request);
    }

    /** Malformed JSON, a value of the wrong type, a missing body: say which, and where. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex.getMostSpecificCause() instanceof RequestBodyLimit.BodyTooLargeException tooLarge) {
            ProblemDetail body = problem(HttpStatus.CONTENT_TOO_LARGE, "Request body too large", tooLarge.getMessage());
            return handleExceptionInternal(ex, body, headers, HttpStatus.CONTENT_TOO_LARGE, request);
        }
        ProblemDetail body = problem(HttpStatus.BAD_REQUEST, "Unreadable request body", describe(ex));
        return handleExceptionInternal(ex, body, headers, status, request);
    }

    private static String describe(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getMostSpecificCause();
        if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            String field = databind.getPath().stream()
                    .map(reference -> reference.getPropertyName() != null ? reference.getPropertyName()
                            : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return "Field '" + field + "' has an invalid value: " + databind.getOriginalMessage();
        }
        if (cause instanceof JacksonException jackson) {
            return "Malformed JSON: " + jackson.getOriginalMessage();
        }
        return "A JSON body is required";
    }

    static ProblemDetail problem(HttpStatus status, String title, @Nullable String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
