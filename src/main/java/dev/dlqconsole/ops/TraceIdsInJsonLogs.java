package dev.dlqconsole.ops;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * Adds the current OpenTelemetry span to JSON log lines as ECS's {@code trace.id} and {@code span.id}.
 * Boot's formats only carry what is in the MDC, and the console's spans are not there (it uses the
 * OpenTelemetry SDK, not Micrometer Tracing). Read when the line is written, which Boot's console and
 * file appenders do on the thread that logs. Named in {@code logging.structured.json.customizer}.
 */
public class TraceIdsInJsonLogs implements StructuredLoggingJsonMembersCustomizer<Object> {

    @Override
    public void customize(JsonWriter.Members<Object> members) {
        members.add("trace", event -> Span.current().getSpanContext())
                .when(SpanContext::isValid)
                .usingMembers(trace -> trace.add("id", SpanContext::getTraceId));
        members.add("span", event -> Span.current().getSpanContext())
                .when(SpanContext::isValid)
                .usingMembers(span -> span.add("id", SpanContext::getSpanId));
    }
}
