package dev.dlqconsole.tracing;

import dev.dlqconsole.tracing.TraceReading.Absent;
import dev.dlqconsole.tracing.TraceReading.Found;
import dev.dlqconsole.tracing.TraceReading.Unreadable;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.extension.trace.propagation.B3Propagator;
import io.opentelemetry.extension.trace.propagation.JaegerPropagator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Reads the trace context of an SQS message from its attributes: W3C first, then Jaeger, then B3,
 * then X-Ray's {@code AWSTraceHeader}. The first readable one wins, so a broken {@code traceparent}
 * next to a good {@code AWSTraceHeader} still leads to a trace; only when none is readable does the
 * first broken one come back as {@link Unreadable}. Never throws on a malformed value.
 */
@Component
public class TraceContextReader {

    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapPropagator JAEGER = JaegerPropagator.getInstance();
    private static final TextMapPropagator B3 = B3Propagator.injectingSingleHeader();

    private static final String W3C_SHAPE = "not a W3C traceparent (expected 00-<32 hex>-<16 hex>-<2 hex>)";
    private static final String JAEGER_SHAPE =
            "not a Jaeger uber-trace-id (expected <16 or 32 hex>:<16 hex>:<parent span id>:<flags>)";
    private static final String B3_SHAPE = "not a B3 header (expected <32 or 16 hex>-<16 hex>[-<1|0|d>[-<16 hex>]])";
    private static final String B3_MULTI_SHAPE =
            "not B3 trace headers (expected X-B3-TraceId of 32 or 16 hex and X-B3-SpanId of 16 hex)";

    private static final Pattern ALL_ZERO_ID = Pattern.compile("(?<![0-9a-fA-F])(?:0{32}|0{16})(?![0-9a-fA-F])");
    private static final Pattern HEX_RUN = Pattern.compile("[0-9a-fA-F]{8,}");

    private final TracingProperties.Headers names;

    TraceContextReader(TracingProperties properties) {
        this.names = properties.headers();
    }

    /**
     * The trace context of a message, given its message attributes (string values) and its system
     * attributes (where SQS puts {@code AWSTraceHeader}). Attribute names match case-insensitively.
     */
    public TraceReading read(Map<String, String> messageAttributes, Map<String, String> systemAttributes) {
        var message = byName(messageAttributes);
        var system = byName(systemAttributes);
        List<Supplier<@Nullable TraceReading>> inOrder = List.of(
                () -> w3c(message),
                () -> jaeger(message),
                () -> b3(message),
                () -> b3Multi(message),
                () -> xray(system));
        @Nullable TraceReading firstUnreadable = null;
        for (var candidate : inOrder) {
            var reading = candidate.get();
            if (reading instanceof Found) {
                return reading;
            }
            if (firstUnreadable == null) {
                firstUnreadable = reading;
            }
        }
        return firstUnreadable != null ? firstUnreadable : new Absent();
    }

    private @Nullable TraceReading w3c(Map<String, Attribute> message) {
        var traceparent = message.get(names.traceparent());
        if (traceparent == null) {
            return null;
        }
        var carrier = carrier("traceparent", traceparent.value());
        var tracestate = message.get(names.tracestate());
        if (tracestate != null) {
            carrier.put("tracestate", tracestate.value());
        }
        return extract(W3C, carrier, TraceFormat.W3C, traceparent.name(), traceparent.value(), W3C_SHAPE);
    }

    private @Nullable TraceReading jaeger(Map<String, Attribute> message) {
        var header = message.get(names.jaeger());
        if (header == null) {
            return null;
        }
        return extract(
                JAEGER,
                carrier("uber-trace-id", header.value()),
                TraceFormat.JAEGER,
                header.name(),
                header.value(),
                JAEGER_SHAPE);
    }

    private @Nullable TraceReading b3(Map<String, Attribute> message) {
        var header = message.get(names.b3());
        if (header == null) {
            return null;
        }
        return extract(B3, carrier("b3", header.value()), TraceFormat.B3, header.name(), header.value(), B3_SHAPE);
    }

    private @Nullable TraceReading b3Multi(Map<String, Attribute> message) {
        var traceId = message.get(names.b3TraceId());
        var spanId = message.get(names.b3SpanId());
        if (traceId == null && spanId == null) {
            return null;
        }
        var sampled = message.get(names.b3Sampled());
        var carrier = carrier("X-B3-TraceId", traceId == null ? "" : traceId.value());
        if (spanId != null) {
            carrier.put("X-B3-SpanId", spanId.value());
        }
        if (sampled != null) {
            carrier.put("X-B3-Sampled", sampled.value());
        }
        var present =
                Stream.of(traceId, spanId, sampled).filter(Objects::nonNull).toList();
        var raw = present.stream().map(a -> a.name() + "=" + a.value()).collect(Collectors.joining("; "));
        return extract(B3, carrier, TraceFormat.B3, present.getFirst().name(), raw, B3_MULTI_SHAPE);
    }

    private @Nullable TraceReading xray(Map<String, Attribute> system) {
        var header = system.get(names.awsTraceHeader());
        if (header == null) {
            return null;
        }
        return XrayTraceHeader.read(header.name(), header.value());
    }

    private static TraceReading extract(
            TextMapPropagator propagator,
            Map<String, String> carrier,
            TraceFormat format,
            String header,
            String rawValue,
            String shape) {
        var context = spanContext(propagator, carrier);
        if (context.isValid()) {
            return new Found(new TraceContext(
                    context.getTraceId(), context.getSpanId(), format, header, rawValue, context.isSampled()));
        }
        return new Unreadable(header, rawValue, problem(propagator, carrier, shape));
    }

    private static SpanContext spanContext(TextMapPropagator propagator, Map<String, String> carrier) {
        try {
            return Span.fromContext(propagator.extract(Context.root(), carrier, CarrierGetter.INSTANCE))
                    .getSpanContext();
        } catch (RuntimeException e) {
            // Propagators are written for trusted headers; some index past the end of a short value.
            return SpanContext.getInvalid();
        }
    }

    /** Names the likely mistake when it is one of the common ones, else the shape that was expected. */
    private static String problem(TextMapPropagator propagator, Map<String, String> carrier, String shape) {
        var values = String.join(" ", carrier.values());
        if (ALL_ZERO_ID.matcher(values).find()) {
            return "all-zero trace or span id, which marks a trace context as invalid";
        }
        var lowered = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        carrier.forEach((key, value) -> lowered.put(
                key, HEX_RUN.matcher(value).replaceAll(m -> m.group().toLowerCase(Locale.ROOT))));
        if (!lowered.equals(carrier) && spanContext(propagator, lowered).isValid()) {
            return "upper-case hex: only lower case is valid, so tracing libraries ignored this header";
        }
        return shape;
    }

    private static Map<String, String> carrier(String field, String value) {
        var carrier = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        carrier.put(field, value);
        return carrier;
    }

    private static Map<String, Attribute> byName(Map<String, String> attributes) {
        var byName = new TreeMap<String, Attribute>(String.CASE_INSENSITIVE_ORDER);
        attributes.forEach((name, value) -> {
            // SQS rejects empty values, so a blank one is as good as none.
            if (value != null && !value.isBlank()) {
                byName.put(name, new Attribute(name, value));
            }
        });
        return byName;
    }

    private record Attribute(String name, String value) {}

    /** Reads a carrier whose keys ignore case, as the propagators ask for their own spelling. */
    private enum CarrierGetter implements TextMapGetter<Map<String, String>> {
        INSTANCE;

        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public @Nullable String get(@Nullable Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    }
}
