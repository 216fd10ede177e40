package dev.dlqconsole.tracing;

import dev.dlqconsole.tracing.TraceSummaryResult.NotConfigured;
import dev.dlqconsole.tracing.TraceSummaryResult.NotFound;
import dev.dlqconsole.tracing.TraceSummaryResult.Unavailable;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks Jaeger's query API about a trace for the inline summary on a message page. The page must not
 * wait on a slow Jaeger, so every answer comes within the configured timeout (two requests at most:
 * v1 {@code /api/traces/{id}}, then Jaeger v2's {@code /api/v3/traces/{id}} when v1 answers 404),
 * and nothing is thrown: an outage is an {@link Unavailable} result.
 */
@Component
public class JaegerTraces {

    private static final Logger log = LoggerFactory.getLogger(JaegerTraces.class);
    static final Duration CACHE_TIME = Duration.ofMinutes(5);
    static final int CACHE_SIZE = 500;

    private final @Nullable URI queryUrl;
    private final Duration timeout;
    private final SummaryCache cache;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.shared();

    JaegerTraces(TracingProperties properties, Clock clock, MeterRegistry meters) {
        this.queryUrl = properties.jaegerQueryUrl();
        this.timeout = properties.jaegerQueryTimeout();
        this.cache = new SummaryCache(clock, CACHE_TIME, CACHE_SIZE, meters);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** What Jaeger knows about the trace; summaries and "not found" are kept for a few minutes. */
    public TraceSummaryResult summary(String traceId) {
        var base = queryUrl;
        if (base == null) {
            return new NotConfigured();
        }
        var id = TraceContext.normalizeTraceId(traceId);
        if (id.isEmpty()) {
            return new NotFound();
        }
        var cached = cache.get(id.get());
        if (cached != null) {
            return cached;
        }
        var result = fetch(base, id.get());
        // An outage is not remembered, so the summary appears as soon as Jaeger is back.
        if (!(result instanceof Unavailable)) {
            cache.put(id.get(), result);
        }
        return result;
    }

    private TraceSummaryResult fetch(URI base, String traceId) {
        var deadline = System.nanoTime() + timeout.toNanos();
        try {
            var v1 = get(base, "/api/traces/" + traceId, deadline);
            if (v1.statusCode() != 404) {
                return read(v1, JaegerApiV1Trace::spans);
            }
            // Jaeger v2 still serves v1 to its UI, but a gateway in front of it may pass only api/v3.
            var v3 = get(base, "/api/v3/traces/" + traceId, deadline);
            return v3.statusCode() == 404 ? new NotFound() : read(v3, JaegerApiV3Trace::spans);
        } catch (TimeoutException e) {
            return unavailable(base, "Jaeger did not answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return unavailable(base, reason(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable(base, "interrupted while waiting for Jaeger");
        } catch (RuntimeException e) {
            // A query URL the HTTP client rejects, or anything else: still no exception for the page.
            return unavailable(base, "Jaeger could not be asked: " + e.getMessage());
        }
    }

    private HttpResponse<byte[]> get(URI base, String path, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        var remaining = Math.max(1, deadline - System.nanoTime());
        var request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/+$", "") + path))
                .timeout(Duration.ofNanos(remaining))
                .header("Accept", "application/json")
                .GET()
                .build();
        var response = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            // The request timeout stops at the headers; this bounds the body too.
            return response.get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException | InterruptedException e) {
            response.cancel(true);
            throw e;
        }
    }

    private TraceSummaryResult read(HttpResponse<byte[]> response, Function<JsonNode, List<TraceSpan>> parse) {
        if (response.statusCode() / 100 != 2) {
            return unavailable(response.uri(), "Jaeger answered HTTP " + response.statusCode());
        }
        try {
            var spans = parse.apply(json.readTree(response.body()));
            return spans.isEmpty() ? new NotFound() : TraceSpan.summarize(spans);
        } catch (JacksonException | IllegalArgumentException e) {
            log.debug("Unreadable answer from {}", response.uri(), e);
            return unavailable(response.uri(), "Jaeger's answer is not a trace");
        }
    }

    private String reason(@Nullable Throwable cause) {
        return switch (cause) {
            case HttpTimeoutException e -> "Jaeger did not answer within " + timeout.toMillis() + " ms";
            case ConnectException e -> "cannot connect to Jaeger at " + queryUrl;
            case IOException e -> "Jaeger could not be reached: " + e;
            case null, default -> "Jaeger could not be asked: " + cause;
        };
    }

    private static Unavailable unavailable(URI uri, String reason) {
        log.debug("Trace summary unavailable from {}: {}", uri, reason);
        return new Unavailable(reason);
    }

    @PreDestroy
    void close() {
        http.shutdownNow();
    }
}
