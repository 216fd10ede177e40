package dev.dlqconsole.parking.ui;

import com.vaadin.flow.router.QueryParameters;
import dev.dlqconsole.parking.MessageFilter;
import dev.dlqconsole.parking.ParkedStatus;
import dev.dlqconsole.tracing.TraceContext;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A Messages filter as URL query parameters, and back: what operators paste into incident channels. */
public final class MessageFilters {

    private MessageFilters() {}

    public static QueryParameters toQuery(MessageFilter filter) {
        var params = new LinkedHashMap<String, List<String>>();
        put(params, "connection", filter.connection());
        put(params, "dlq", filter.dlq());
        put(params, "source", filter.source());
        put(
                params,
                "status",
                filter.status() == null ? null : filter.status().name().toLowerCase(Locale.ROOT));
        put(params, "group", filter.fingerprint());
        put(params, "from", filter.from() == null ? null : filter.from().toString());
        put(params, "to", filter.to() == null ? null : filter.to().toString());
        put(params, "q", filter.text());
        put(params, "trace", filter.traceId());
        put(
                params,
                "traced",
                filter.hasTrace() == null ? null : filter.hasTrace().toString());
        return new QueryParameters(params);
    }

    public static MessageFilter fromQuery(QueryParameters query) {
        Map<String, List<String>> params = query.getParameters();
        var status = first(params, "status");
        return new MessageFilter(
                first(params, "dlq"),
                first(params, "source"),
                status == null ? null : status(status),
                first(params, "group"),
                instant(first(params, "from")),
                instant(first(params, "to")),
                first(params, "q"),
                normaliseTraceId(first(params, "trace")),
                first(params, "traced") == null ? null : Boolean.valueOf(first(params, "traced")),
                first(params, "connection"));
    }

    /** Accepts a trace id as people paste it: W3C, 64-bit Jaeger, a traceparent, or an X-Ray id. */
    static @Nullable String normaliseTraceId(@Nullable String pasted) {
        if (pasted == null || pasted.isBlank()) {
            return null;
        }
        return TraceContext.normalizeTraceId(pasted)
                .orElseThrow(() -> new IllegalArgumentException("'" + pasted.strip() + "' is not a trace id"));
    }

    private static ParkedStatus status(String value) {
        try {
            return ParkedStatus.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown status '" + value + "'");
        }
    }

    private static @Nullable Instant instant(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                throw new IllegalArgumentException("'" + value + "' is not a time");
            }
        }
    }

    private static @Nullable String first(Map<String, List<String>> params, String name) {
        var values = params.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static void put(Map<String, List<String>> params, String name, @Nullable String value) {
        if (value != null) {
            params.put(name, List.of(value));
        }
    }
}
