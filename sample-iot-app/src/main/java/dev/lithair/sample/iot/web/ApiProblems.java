package dev.lithair.sample.iot.web;

import java.util.ArrayList;
import java.util.List;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.lithair.exception.ValueLimitException;
import dev.lithair.sample.iot.ingest.UnknownSensorsException;

/**
 * Every refusal of the IoT API as an RFC 9457 problem detail: Spring MVC's own (missing parameter,
 * wrong type, unsupported media type, which arise before a controller is chosen, hence an advice for
 * the whole application) through {@link ResponseEntityExceptionHandler}, with the offending fields
 * named for validation failures and the parser's reason for unreadable bodies.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unknownSensors(UnknownSensorsException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Unknown sensors");
        problem.setProperty("unknownSensorIds", e.sensorIds());
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> concurrentUpdates(OptimisticLockingFailureException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "The batch's sensors kept being updated by other batches; nothing of it was stored. Send it again.");
        problem.setTitle("Concurrent updates");
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    /**
     * A value the store could not read back (a text, a number, or a whole batch's record over the store's
     * limits) is the request's content: 422, naming the field and the limit. Any other rule the store
     * enforces (an {@code @Immutable} kind) is a conflict with what is stored: 409.
     */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> rejectedChange(DataIntegrityViolationException e) {
        if (e.getCause() instanceof ValueLimitException limit) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, limit.getMessage());
            problem.setTitle("Value over the store's limits");
            problem.setProperty("field", limit.field());
            problem.setProperty("limit", limit.limit().propertyName());
            problem.setProperty("maximum", limit.maximum());
            return ResponseEntity.unprocessableContent().body(problem);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Rejected change");
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = e;
        while (cause != null && !(cause instanceof RequestBodyTooLargeException)) {
            cause = cause.getCause();
        }
        if (cause != null) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                    cause.getMessage() + " Send smaller batches.");
            return handleExceptionInternal(e, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request body is not valid JSON of the expected shape: " + firstLine(e.getMostSpecificCause()));
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<String> errors = new ArrayList<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            errors.add(error.getField() + ": " + error.getDefaultMessage());
        }
        e.getBindingResult().getGlobalErrors().forEach(error -> errors.add(error.getDefaultMessage()));
        errors.sort(null);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request body is invalid: " + String.join("; ", errors) + ".");
        problem.setProperty("errors", errors);
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<String> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error -> errors
                .add(result.getMethodParameter().getParameterName() + ": " + error.getDefaultMessage())));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "Invalid parameters: " + String.join("; ", errors) + ".");
        problem.setProperty("errors", errors);
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** The parser's reason, without the source-location boilerplate Jackson appends. */
    private static String firstLine(Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        for (String boilerplate : new String[] { "\n", " (start marker at", " at [Source" }) {
            int end = message.indexOf(boilerplate);
            if (end > 0) {
                message = message.substring(0, end);
            }
        }
        return message;
    }
}
