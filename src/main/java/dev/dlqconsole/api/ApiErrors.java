package dev.dlqconsole.api;

import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;

/**
 * Every failure of an API call as RFC 9457 problem JSON: the services' rules answer bad input with
 * {@link IllegalArgumentException} (400), an unknown id with {@link NoSuchElementException} (404) and
 * a job in the wrong state with {@link IllegalStateException} (409); a missing role is 403.
 */
@Hidden
@RestControllerAdvice(basePackageClasses = ApiErrors.class)
class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);
    private static final URI ABOUT_BLANK = URI.create("about:blank");

    @ExceptionHandler
    ResponseEntity<ProblemDetail> badInput(BadInput e) {
        var problem = problem(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setProperty("field", e.field());
        return respond(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return badInput(new BadInput(e.getName(), "must be a whole number, not '" + e.getValue() + "'"));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        var detail = e.getCause() instanceof JacksonException json
                ? "The request body is not valid JSON: " + json.getOriginalMessage()
                : "The request body is missing or unreadable; send a JSON object";
        return respond(problem(HttpStatus.BAD_REQUEST, detail));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> refused(IllegalArgumentException e) {
        return respond(problem(HttpStatus.BAD_REQUEST, e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unknown(NoSuchElementException e) {
        return respond(problem(HttpStatus.NOT_FOUND, e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> conflict(IllegalStateException e) {
        return respond(problem(HttpStatus.CONFLICT, e.getMessage()));
    }

    /** A service's own role check (an operator forcing a replay); denials are audited where they happen. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> denied(AccessDeniedException e) {
        return respond(problem(HttpStatus.FORBIDDEN, e.getMessage()));
    }

    /** Spring MVC's own refusals (wrong content type, missing body...) keep their status and text. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> other(Exception e) {
        if (e instanceof ErrorResponse response) {
            return respond(response.getBody());
        }
        log.error("API call failed", e);
        return respond(
                problem(HttpStatus.INTERNAL_SERVER_ERROR, "The console failed to answer; its log has the details"));
    }

    private static ProblemDetail problem(HttpStatusCode status, String detail) {
        return ProblemDetail.forStatusAndDetail(status, detail);
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        // Spring 7 leaves the type out (RFC 9457 reads that as about:blank); the security chain's
        // problems and the contract say it, so every problem the API answers has the same fields.
        if (problem.getType() == null) {
            problem.setType(ABOUT_BLANK);
        }
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
