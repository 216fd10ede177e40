package dev.dlqconsole.api;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.util.NoSuchElementException;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Whatever no endpoint under /api serves: 405 when the path exists with other methods, else 404,
 * both as problem JSON. Without it, the UI would answer with its HTML "page not found".
 */
@Hidden
@RestController
class UnknownApiPaths {

    static final String PATTERN = "/api/**";

    private final ObjectProvider<RequestMappingHandlerMapping> mappings;

    UnknownApiPaths(@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    @RequestMapping(PATTERN)
    ResponseEntity<ProblemDetail> unknown(HttpServletRequest request) {
        var path = PathContainer.parsePath(
                request.getRequestURI().substring(request.getContextPath().length()));
        var allowed = new TreeSet<String>();
        mappings.getObject().getHandlerMethods().keySet().stream()
                .filter(info -> info.getPathPatternsCondition() != null)
                .filter(info -> info.getPathPatternsCondition().getPatterns().stream()
                        .anyMatch(p -> !p.getPatternString().equals(PATTERN) && p.matches(path)))
                .forEach(info -> info.getMethodsCondition().getMethods().forEach(m -> allowed.add(m.name())));
        if (allowed.isEmpty()) {
            throw new NoSuchElementException(
                    "No API endpoint at " + request.getRequestURI() + "; see /api/openapi.yaml");
        }
        var problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.METHOD_NOT_ALLOWED,
                request.getMethod() + " is not allowed on " + request.getRequestURI() + "; use "
                        + String.join(" or ", allowed));
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
                .header(HttpHeaders.ALLOW, String.join(", ", allowed))
                .body(problem);
    }
}
