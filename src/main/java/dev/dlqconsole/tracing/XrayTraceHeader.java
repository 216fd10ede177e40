package dev.dlqconsole.tracing;

import dev.dlqconsole.tracing.TraceReading.Found;
import dev.dlqconsole.tracing.TraceReading.Unreadable;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads X-Ray's trace header ({@code Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;
 * Sampled=1}) by hand. OpenTelemetry's contrib {@code AwsXrayPropagator} (1.52 to 1.59, the newest)
 * calls {@code io.opentelemetry.api.internal.StringUtils.padLeft}, which API 1.68 no longer has, so
 * it fails with {@code NoSuchMethodError} on every valid header; the format is small enough to read
 * here. Like X-Ray itself, it accepts a Root without a Parent (the first service of a trace) and
 * {@code Sampled=?} (a decision left to the next service).
 */
final class XrayTraceHeader {

    static final String SHAPE =
            "not an X-Ray trace header (expected Root=1-<8 hex>-<24 hex>;Parent=<16 hex>;Sampled=<0|1>)";

    private static final Pattern ROOT = Pattern.compile("1-([0-9a-f]{8})-([0-9a-f]{24})");
    private static final Pattern PARENT = Pattern.compile("[0-9a-f]{16}");
    private static final String ZEROS = "0".repeat(32);

    private XrayTraceHeader() {}

    static TraceReading read(String header, String value) {
        String root = null;
        String parent = null;
        var sampled = false;
        for (var part : value.split(";", 64)) {
            var equals = part.indexOf('=');
            if (equals < 0) {
                continue;
            }
            var key = part.substring(0, equals).strip();
            var field = part.substring(equals + 1).strip();
            switch (key) {
                case "Root" -> root = field;
                case "Parent" -> parent = field;
                case "Sampled" -> sampled = field.equals("1");
                default -> {
                    // Self, Lineage and any key-value data a service added: not part of the context.
                }
            }
        }
        if (root == null) {
            return new Unreadable(header, value, SHAPE);
        }
        var ids = ROOT.matcher(root);
        if (!ids.matches()) {
            var upperCase = ROOT.matcher(root.toLowerCase(Locale.ROOT)).matches();
            return new Unreadable(header, value, upperCase ? "upper-case hex: X-Ray trace ids are lower case" : SHAPE);
        }
        var traceId = ids.group(1) + ids.group(2);
        if (traceId.equals(ZEROS)) {
            return new Unreadable(header, value, "all-zero trace id, which marks a trace context as invalid");
        }
        // A malformed Parent loses the span, not the trace: the trace id alone still finds it.
        var spanId = parent != null && PARENT.matcher(parent).matches() && !parent.equals(ZEROS.substring(16))
                ? parent
                : null;
        return new Found(new TraceContext(traceId, spanId, TraceFormat.XRAY, header, value, sampled));
    }
}
