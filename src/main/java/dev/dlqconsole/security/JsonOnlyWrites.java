package dev.dlqconsole.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The API's stand-in for a CSRF token: a state-changing call must say its content is JSON. A page on
 * another site can make the browser POST a form, with the Basic credentials it cached after the
 * console's prompt, but a form can only send {@code application/x-www-form-urlencoded},
 * {@code multipart/form-data} or {@code text/plain}; a script there that sets {@code application/json}
 * needs a CORS preflight, which the console never grants. So the JSON content type is required even
 * where there is no body ({@code pause}, {@code resume}, {@code cancel}). JSON Lines
 * ({@code application/x-ndjson}, an import's body) is JSON too, and needs the same preflight.
 */
final class JsonOnlyWrites extends OncePerRequestFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SAFE.contains(request.getMethod()) || isJson(request.getContentType())) {
            chain.doFilter(request, response);
            return;
        }
        var sent = request.getContentType() == null ? "no content type" : "'" + request.getContentType() + "'";
        ApiProblems.write(
                request,
                response,
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "A state-changing API call must be sent with 'Content-Type: application/json' (an import with"
                        + " 'application/x-ndjson'), also when it has no body (this one came with " + sent
                        + "): a form on another site cannot send it");
    }

    private static boolean isJson(@Nullable String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            var type = MediaType.parseMediaType(contentType);
            return MediaType.APPLICATION_JSON.isCompatibleWith(type)
                    || (type.getType().equals("application")
                            && (type.getSubtype().endsWith("+json")
                                    || type.getSubtype().equals("x-ndjson")));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
