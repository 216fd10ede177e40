package dev.dlqconsole.tracing;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The trace a message belongs to, as read from one of its attributes.
 *
 * @param traceId 32 lower-case hex digits (the W3C form, whatever format it came in)
 * @param spanId the sending span, 16 lower-case hex digits; {@code null} when the header named only
 *     the trace (an X-Ray header without a usable {@code Parent})
 * @param format the format it was read in
 * @param header the attribute it came from, as the message spells it (for B3's separate headers,
 *     the {@code X-B3-TraceId} attribute)
 * @param rawValue the attribute's value as found (for B3's separate headers, each present one as
 *     {@code name=value}, joined by {@code "; "})
 * @param sampled whether the sender recorded the trace; an unsampled trace is not in Jaeger
 */
public record TraceContext(
        String traceId, @Nullable String spanId, TraceFormat format, String header, String rawValue, boolean sampled) {

    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");
    private static final Pattern TRACEPARENT =
            Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}(-.*)?");
    private static final Pattern XRAY_ID = Pattern.compile("(?:.*\\broot=)?1-([0-9a-f]{8})-([0-9a-f]{24})(?:;.*)?");
    private static final Pattern HEX_ID = Pattern.compile("[0-9a-f]{16}|[0-9a-f]{32}");
    private static final Pattern JAEGER_ID = Pattern.compile("[0-9a-f]{1,32}");
    private static final String ZEROS = "0".repeat(32);

    public TraceContext {
        if (!TRACE_ID.matcher(traceId).matches() || traceId.equals(ZEROS)) {
            throw new IllegalArgumentException("not a trace id: " + traceId);
        }
        if (spanId != null && (!SPAN_ID.matcher(spanId).matches() || spanId.equals(ZEROS.substring(16)))) {
            throw new IllegalArgumentException("not a span id: " + spanId);
        }
    }

    /**
     * Turns a trace id as an operator pastes it (16 or 32 hex digits in any case, a whole W3C
     * {@code traceparent}, an X-Ray id {@code 1-5759e988-bd86...} or header {@code Root=1-...}, a
     * Jaeger {@code uber-trace-id}, or an id with dashes) into 32 lower-case hex digits for search.
     */
    public static Optional<String> normalizeTraceId(@Nullable String pasted) {
        if (pasted == null) {
            return Optional.empty();
        }
        var text = pasted.strip().toLowerCase(Locale.ROOT);
        var traceparent = TRACEPARENT.matcher(text);
        if (traceparent.matches()) {
            return valid(traceparent.group(1));
        }
        var xray = XRAY_ID.matcher(text);
        if (xray.matches()) {
            return valid(xray.group(1) + xray.group(2));
        }
        var colon = text.indexOf(':');
        if (colon > 0) {
            // Jaeger's uber-trace-id; its senders drop leading zeros from the trace id.
            var jaeger = text.substring(0, colon);
            return JAEGER_ID.matcher(jaeger).matches() ? valid(padded(jaeger)) : Optional.empty();
        }
        var candidate = text.replace("-", "");
        return HEX_ID.matcher(candidate).matches() ? valid(padded(candidate)) : Optional.empty();
    }

    /** 64-bit ids (older Jaeger and B3 senders) are the low half of a 128-bit id. */
    private static String padded(String hex) {
        return ZEROS.substring(hex.length()) + hex;
    }

    private static Optional<String> valid(String traceId) {
        return traceId.equals(ZEROS) ? Optional.empty() : Optional.of(traceId);
    }
}
