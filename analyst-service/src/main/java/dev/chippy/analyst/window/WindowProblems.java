package dev.chippy.analyst.window;

import java.util.Arrays;

import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Questions that cannot be answered get a problem saying why; nothing is changed by asking. */
@RestControllerAdvice
class WindowProblems extends ResponseEntityExceptionHandler {

    @ExceptionHandler(InvalidWindowQueryException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidWindowQueryException ex) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid query", ex.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException ex) {
        Class<?> type = ex.getRequiredType();
        String expected = type != null && type.isEnum() ? "one of " + Arrays.toString(type.getEnumConstants())
                : type != null && type.getSimpleName().equals("Instant") ? "an instant such as 2026-12-02T19:04:00Z"
                : "a " + (type == null ? "valid value" : type.getSimpleName());
        return problem(HttpStatus.BAD_REQUEST, "Invalid query", ex.getName() + ": '" + ex.getValue() + "' is not " + expected);
    }

    /** While Kafka Streams restores its stores from their changelogs, or rebalances, they cannot be read. */
    @ExceptionHandler(InvalidStateStoreException.class)
    ResponseEntity<ProblemDetail> notReadable(InvalidStateStoreException ex) {
        ResponseEntity<ProblemDetail> problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "Counts not readable yet",
                "The analyst's stores are being restored or moved between its threads; ask again in a moment ("
                        + ex.getMessage() + ")");
        return ResponseEntity.status(problem.getStatusCode()).header("Retry-After", "1").body(problem.getBody());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return ResponseEntity.status(status).body(problem);
    }
}
