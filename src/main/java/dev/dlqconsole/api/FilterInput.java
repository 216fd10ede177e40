package dev.dlqconsole.api;

import dev.dlqconsole.parking.MessageFilter;
import dev.dlqconsole.parking.ParkedStatus;
import dev.dlqconsole.tracing.TraceContext;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The Messages filter as the API takes it: the query parameters of {@code GET /api/messages}, or the
 * {@code filter} of a replay. The names are those of the Messages view's link, so a link pasted into
 * an incident channel turns into an API call: {@code group} is the failure fingerprint, {@code q} the
 * text in body or attributes, {@code trace} a trace id, {@code traced} with or without a trace,
 * {@code connection} the SQS connection (account and region) a message was parked from.
 */
@Schema(
        name = "MessageFilter",
        description = "The filters of `GET /api/messages`, under the same names; all optional, combined with AND.",
        additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record FilterInput(
        @Schema(description = DLQ) @Nullable String dlq,
        @Schema(description = SOURCE) @Nullable String source,

        @Schema(
                description = STATUS,
                allowableValues = {"parked", "replaying", "replayed", "discarded"})
        @Nullable
        String status,

        @Schema(description = GROUP) @Nullable String group,

        @Schema(description = FROM, format = "date-time") @Nullable
        String from,

        @Schema(description = TO, format = "date-time") @Nullable
        String to,

        @Schema(description = Q, maxLength = 200) @Nullable String q,
        @Schema(description = TRACE) @Nullable String trace,
        @Schema(description = TRACED) @Nullable Boolean traced,
        @Schema(description = CONNECTION) @Nullable String connection) {

    static final String DLQ = "Only messages parked from this DLQ (its name).";
    static final String SOURCE = "Only messages whose source queue has this name.";
    static final String STATUS = "Only messages with this status: `parked` (waiting for an operator), `replaying`"
            + " (being sent back by a job), `replayed` (sent back) or `discarded` (by an operator, kept until the"
            + " retention purge).";
    static final String GROUP = "Only messages of this failure group (its `fingerprint`).";
    static final String FROM = "Only messages parked at or after this time.";
    static final String TO = "Only messages parked before this time.";
    static final String Q = "Only messages whose body start or attribute values contain this text, ignoring case"
            + " (at most 200 characters).";
    static final String TRACE = "Only messages of this trace, given as 32 hex digits, a 64-bit Jaeger id, a"
            + " traceparent or an X-Ray trace id.";
    static final String TRACED = "Only messages with (`true`) or without (`false`) a readable trace context.";
    static final String CONNECTION = "Only messages parked from this SQS connection (its name); two accounts may"
            + " both have a DLQ of one name.";

    static FilterInput from(QueryParameters query) {
        return new FilterInput(
                query.text("dlq"),
                query.text("source"),
                query.text("status"),
                query.text("group"),
                query.text("from"),
                query.text("to"),
                query.text("q"),
                query.text("trace"),
                query.bool("traced"),
                query.text("connection"));
    }

    /** The filter, or a {@link BadInput} naming the field ({@code prefix} + its name) that is wrong. */
    MessageFilter toFilter(String prefix) {
        var fromTime = instant(prefix + "from", from);
        var toTime = instant(prefix + "to", to);
        if (fromTime != null && toTime != null && fromTime.isAfter(toTime)) {
            throw new BadInput(prefix + "from", "is after '" + prefix + "to': the time range starts after it ends");
        }
        if (q != null && q.strip().length() > 200) {
            throw new BadInput(prefix + "q", "is limited to 200 characters");
        }
        return new MessageFilter(
                dlq,
                source,
                status(prefix + "status", status),
                group,
                fromTime,
                toTime,
                q,
                traceId(prefix + "trace", trace),
                traced,
                connection);
    }

    static @Nullable Boolean bool(String field, @Nullable String value) {
        if (value == null) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new BadInput(field, "must be true or false, not '" + value + "'");
        };
    }

    private static @Nullable ParkedStatus status(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return ParkedStatus.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            var known = Arrays.stream(ParkedStatus.values())
                    .map(s -> s.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
            throw new BadInput(field, "must be one of " + known + ", not '" + value + "'");
        }
    }

    static @Nullable Instant instant(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new BadInput(
                    field,
                    "must be an ISO-8601 time with an offset, such as 2025-06-01T14:05:00Z, not '" + value + "'");
        }
    }

    private static @Nullable String traceId(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return TraceContext.normalizeTraceId(value)
                .orElseThrow(() -> new BadInput(
                        field,
                        "is not a trace id (32 hex digits, a traceparent, a Jaeger or X-Ray id): '" + value + "'"));
    }
}
