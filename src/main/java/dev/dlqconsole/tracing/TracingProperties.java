package dev.dlqconsole.tracing;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the console's own spans go (OTLP over HTTP, off unless an endpoint is set) and how trace ids
 * become links: {@code uiUrlTemplate} with {@code {traceId}} in it.
 */
@ConfigurationProperties("dlq-console.tracing")
public record TracingProperties(
        @Nullable URI otlpEndpoint,
        @DefaultValue("dlq-console") String serviceName,

        @DefaultValue("http://localhost:16686/trace/{traceId}")
        String uiUrlTemplate) {}
