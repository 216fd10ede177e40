package dev.dlqconsole.tracing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads the answer of Jaeger's {@code /api/traces/{id}}, the JSON its UI uses:
 * {@code {"data":[{"spans":[...],"processes":{"p1":{"serviceName":...}}}]}} with times in
 * microseconds and OpenTelemetry's span status and kind carried as tags.
 */
final class JaegerApiV1Trace {

    private JaegerApiV1Trace() {}

    /** The spans in the answer; empty when Jaeger has none. */
    static List<TraceSpan> spans(JsonNode root) {
        var data = root.path("data");
        if (data.isNull()) {
            return List.of();
        }
        if (!data.isArray()) {
            throw new IllegalArgumentException("no data array");
        }
        var spans = new ArrayList<TraceSpan>();
        for (var trace : data) {
            var processes = trace.path("processes");
            var traceSpans = trace.path("spans");
            if (!traceSpans.isArray()) {
                throw new IllegalArgumentException("a trace without a spans array");
            }
            for (var span : traceSpans) {
                spans.add(span(span, processes));
            }
        }
        return spans;
    }

    private static TraceSpan span(JsonNode span, JsonNode processes) {
        var tags = fields(span.path("tags"));
        var logged = new HashMap<String, String>();
        for (var log : span.path("logs")) {
            fields(log.path("fields")).forEach(logged::putIfAbsent);
        }
        var startNanos = span.path("startTime").asLong(0) * 1_000;
        var service = processes
                .path(span.path("processID").asString(""))
                .path("serviceName")
                .asString("unknown service");
        var error = "true".equals(tags.get("error")) || "ERROR".equals(tags.get("otel.status_code"));
        return new TraceSpan(
                service,
                span.path("operationName").asString(""),
                startNanos,
                startNanos + span.path("duration").asLong(0) * 1_000,
                error,
                "consumer".equals(tags.get("span.kind")),
                error
                        ? TraceSpan.firstMessage(
                                tags.get("error.message"),
                                logged.get("error.message"),
                                tags.get("exception.message"),
                                logged.get("exception.message"),
                                tags.get("otel.status_description"))
                        : null);
    }

    /** Jaeger's {@code [{"key":..., "type":..., "value":...}]}, values as text. */
    private static Map<String, String> fields(JsonNode keyValues) {
        var fields = new HashMap<String, String>();
        for (var keyValue : keyValues) {
            fields.putIfAbsent(
                    keyValue.path("key").asString(""), keyValue.path("value").asString(""));
        }
        return fields;
    }
}
