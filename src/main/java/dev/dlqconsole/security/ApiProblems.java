package dev.dlqconsole.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's answers to missing or wrong credentials (401) and a missing role (403): RFC 9457 problem
 * JSON, never the login page, so a script sees what went wrong.
 */
final class ApiProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final JsonMapper json = JsonMapper.builder().build();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"DLQ Console\", charset=\"UTF-8\"");
        response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"DLQ Console\"");
        var detail = e instanceof InsufficientAuthenticationException
                ? "Send credentials: HTTP basic as a console user, or 'Authorization: Bearer <token>' as a service"
                        + " account"
                : e instanceof LockedException
                        ? "Too many failed logins for this user from this address; try again in a few minutes"
                        // One answer for a wrong password, an unknown user or token: no hint which it was.
                        : "The credentials were not accepted";
        write(request, response, HttpStatus.UNAUTHORIZED, detail);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(request, response, HttpStatus.FORBIDDEN, "Your role does not allow " + describe(request));
    }

    /**
     * A request the firewall refuses (a {@code ;}, an encoded line break or slash in the path): a 400
     * that says why, as problem JSON under /api and as plain text elsewhere, instead of an error page
     * that the UI's chain would turn into a redirect to the login page.
     */
    static RequestRejectedHandler rejected() {
        return (request, response, e) -> {
            if (request.getRequestURI().startsWith("/api/")) {
                write(request, response, HttpStatus.BAD_REQUEST, "The request was refused: " + e.getMessage());
            } else {
                response.setStatus(HttpStatus.BAD_REQUEST.value());
                response.setContentType(MediaType.TEXT_PLAIN_VALUE);
                response.setCharacterEncoding("UTF-8");
                response.getWriter().write("Bad request: " + e.getMessage());
            }
        };
    }

    static String describe(HttpServletRequest request) {
        return request.getMethod() + " " + request.getRequestURI();
    }

    static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        var problem = new LinkedHashMap<String, Object>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }
}
