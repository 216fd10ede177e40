package dev.dlqconsole.tracing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads the answer of Jaeger v2's {@code /api/v3/traces/{id}}: OTLP JSON wrapped as
 * {@code {"result":{"resourceSpans":[...]}}}, times in nanoseconds (as strings), and span kind and
 * status code as OTLP's enum numbers (names accepted too).
 */
final class JaegerApiV3Trace {

    private static final int KIND_CONSUMER = 5;
    private static final int STATUS_ERROR = 2;

    private JaegerApiV3Trace() {}

    /** The spans in the answer; empty when Jaeger has none. */
    static List<TraceSpan> spans(JsonNode root) {
        var result = root.path("result");
        if (!result.isObject()) {
            throw new IllegalArgumentException("no result object");
        }
        var spans = new ArrayList<TraceSpan>();
        for (var resourceSpans : result.path("resourceSpans")) {
            var service = attributes(resourceSpans.path("resource").path("attributes"))
                    .getOrDefault("service.name", "unknown service");
            for (var scopeSpans : resourceSpans.path("scopeSpans")) {
                for (var span : scopeSpans.path("spans")) {
                    spans.add(span(span, service));
                }
            }
        }
        return spans;
    }

    private static TraceSpan span(JsonNode span, String service) {
        var attributes = attributes(span.path("attributes"));
        var exception = new HashMap<String, String>();
        for (var event : span.path("events")) {
            if ("exception".equals(event.path("name").asString(""))) {
                attributes(event.path("attributes")).forEach(exception::putIfAbsent);
            }
        }
        var status = span.path("status");
        var error =
                is(status.path("code"), STATUS_ERROR, "STATUS_CODE_ERROR") || "true".equals(attributes.get("error"));
        return new TraceSpan(
                service,
                span.path("name").asString(""),
                span.path("startTimeUnixNano").asLong(0),
                span.path("endTimeUnixNano").asLong(0),
                error,
                is(span.path("kind"), KIND_CONSUMER, "SPAN_KIND_CONSUMER"),
                error
                        ? TraceSpan.firstMessage(
                                attributes.get("error.message"),
                                attributes.get("exception.message"),
                                exception.get("exception.message"),
                                status.path("message").asString(""))
                        : null);
    }

    /** OTLP JSON writes enums as numbers, but the proto3 JSON mapping also allows their names. */
    private static boolean is(JsonNode value, int number, String name) {
        return value.isNumber() ? value.asInt() == number : name.equals(value.asString(""));
    }

    /** OTLP's {@code [{"key":..., "value":{"stringValue":...}}]}, scalar values as text. */
    private static Map<String, String> attributes(JsonNode keyValues) {
        var attributes = new HashMap<String, String>();
        for (var keyValue : keyValues) {
            var value = keyValue.path("value").properties().stream()
                    .findFirst()
                    .map(typed -> typed.getValue().asString(""))
                    .orElse("");
            attributes.putIfAbsent(keyValue.path("key").asString(""), value);
        }
        return attributes;
    }
}
