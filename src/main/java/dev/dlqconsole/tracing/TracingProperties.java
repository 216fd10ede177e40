package dev.dlqconsole.tracing;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the console's own spans go (OTLP over HTTP, off unless an endpoint is set), how trace ids
 * become links ({@code uiUrlTemplate} with {@code {traceId}} or {@code {traceIdXray}} in it), which
 * message attributes carry trace context, and where Jaeger's query API answers for the inline trace
 * summary ({@code jaegerQueryUrl}, e.g. {@code http://jaeger:16686}; off unless set).
 */
@ConfigurationProperties("dlq-console.tracing")
public record TracingProperties(
        @Nullable URI otlpEndpoint,
        @DefaultValue("dlq-console") String serviceName,

        @DefaultValue("http://localhost:16686/trace/{traceId}")
        String uiUrlTemplate,

        @DefaultValue Headers headers,
        @Nullable URI jaegerQueryUrl,
        @DefaultValue("2s") Duration jaegerQueryTimeout) {

    /**
     * The attribute names each trace format travels under. SQS has no standard for them, so a fleet
     * whose producers chose other names can say so here; they match case-insensitively.
     */
    public record Headers(
            @DefaultValue("traceparent") String traceparent,
            @DefaultValue("tracestate") String tracestate,
            @DefaultValue("uber-trace-id") String jaeger,
            @DefaultValue("b3") String b3,
            @DefaultValue("X-B3-TraceId") String b3TraceId,
            @DefaultValue("X-B3-SpanId") String b3SpanId,
            @DefaultValue("X-B3-Sampled") String b3Sampled,
            /* A system attribute, not a message attribute: SQS sets it from the X-Ray header. */
            @DefaultValue("AWSTraceHeader") String awsTraceHeader) {}
}
