package dev.chippy.till.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.core.MethodParameter;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import dev.chippy.service.kitchen.KitchenLimits;
import dev.chippy.till.order.IdempotencyKeyReusedException;
import dev.chippy.till.order.TillFullException;
import dev.chippy.till.order.TillUnavailableException;
import dev.chippy.till.order.TooBigForTheKitchenException;

/**
 * Every error the till answers is {@code application/problem+json} (RFC 9457) that says
 * what is wrong and, for bad input, which field: {@code "lines[1].quantity: must be at most 20"}.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final URI INVALID_ORDER = URI.create("https://chippy.dev/problems/invalid-order");
    private static final URI TOO_BIG_FOR_THE_KITCHEN = URI.create("https://chippy.dev/problems/too-big-for-the-kitchen");

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        return invalid(ex.getBindingResult().getFieldErrors().stream()
                .map(error -> new InvalidField(error.getField(), message(error)))
                .toList());
    }

    /** Spring MVC reports here when a handler has constraints on more than its body (the Idempotency-Key). */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidField> errors = new ArrayList<>();
        for (ParameterValidationResult result : ex.getParameterValidationResults()) {
            if (result instanceof ParameterErrors body) {
                body.getFieldErrors().forEach(error -> errors.add(new InvalidField(error.getField(), message(error))));
            } else {
                String name = name(result.getMethodParameter());
                result.getResolvableErrors().forEach(error -> errors.add(new InvalidField(name,
                        error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage())));
            }
        }
        return invalid(errors);
    }

    private record InvalidField(String field, String message) {
    }

    private static ResponseEntity<Object> invalid(List<InvalidField> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                String.join("; ", errors.stream().map(error -> error.field() + ": " + error.message()).toList()));
        problem.setType(INVALID_ORDER);
        problem.setTitle("Invalid order");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getCause();
        while (cause != null) {
            if (cause instanceof RequestSizeLimit.BodyTooLargeException tooLarge) {
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage());
                problem.setTitle("Request too large");
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
            }
            cause = cause.getCause();
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, unreadable(ex));
        problem.setType(INVALID_ORDER);
        problem.setTitle("Unreadable order");
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(TillUnavailableException.class)
    ResponseEntity<ProblemDetail> tillUnavailable(TillUnavailableException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
        problem.setTitle("The till cannot take orders right now");
        problem.setProperty("placed", ex.placed() == null ? "unknown" : ex.placed());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
    }

    /** A valid order the kitchen cannot make in one go: refused with the limit named, nothing written. */
    @ExceptionHandler(TooBigForTheKitchenException.class)
    ResponseEntity<ProblemDetail> tooBigForTheKitchen(TooBigForTheKitchenException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
        problem.setType(TOO_BIG_FOR_THE_KITCHEN);
        problem.setTitle("Too big for the kitchen");
        problem.setProperty("limit", ex.limit());
        problem.setProperty("setting", KitchenLimits.MAX_PLAICE_PER_ORDER);
        return ResponseEntity.unprocessableContent().body(problem);
    }

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ResponseEntity<ProblemDetail> idempotencyKeyReused(IdempotencyKeyReusedException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
        problem.setTitle("Idempotency-Key reused");
        return ResponseEntity.unprocessableContent().body(problem);
    }

    @ExceptionHandler(TillFullException.class)
    ResponseEntity<ProblemDetail> tillFull(TillFullException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, ex.getMessage());
        problem.setTitle(ex.title());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, "60").body(problem);
    }

    private static String message(FieldError error) {
        return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
    }

    /** Names a request parameter as the client sees it: a header by its header name. */
    private static String name(MethodParameter parameter) {
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        if (header != null && !header.name().isEmpty()) {
            return header.name();
        }
        return parameter.getParameterName();
    }

    /**
     * Says where the JSON went wrong ("lines[0].quantity: expected a whole number"), in the
     * client's terms: no Java class names.
     */
    private static String unreadable(HttpMessageNotReadableException ex) {
        if (ex.getCause() instanceof JacksonException jackson) {
            String path = path(jackson);
            String where = path.isEmpty() ? "" : path + ": ";
            if (jackson instanceof UnrecognizedPropertyException unknown) {
                return where + "is not a field here (known: " + String.join(", ",
                        unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList()) + ")";
            }
            if (jackson instanceof StreamReadException) {
                return "malformed JSON" + (path.isEmpty() ? "" : " at " + path) + ": " + jackson.getOriginalMessage();
            }
            if (jackson instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
                return where + "expected " + expected(mismatch.getTargetType());
            }
            return where + "is not readable";
        }
        return "the request body is missing or unreadable";
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    private static String path(JacksonException jackson) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : jackson.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
