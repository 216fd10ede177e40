package dev.dlqconsole.parking;

import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What the Messages view filters by; every field is optional. {@code text} matches the body's start
 * and attribute values, case-insensitively; {@code traceId} is a 32-hex trace id; {@code hasTrace}
 * keeps only messages with (true) or without (false) a readable trace; {@code connection} the SQS
 * connection (account and region) a message was parked from: two accounts may both have a DLQ of
 * one name.
 */
public record MessageFilter(
        @Nullable String dlq,
        @Nullable String source,
        @Nullable ParkedStatus status,
        @Nullable String fingerprint,
        @Nullable Instant from,
        @Nullable Instant to,
        @Nullable String text,
        @Nullable String traceId,
        @Nullable Boolean hasTrace,
        @Nullable String connection) {

    public static final MessageFilter ALL = new MessageFilter(null, null, null, null, null, null, null, null);

    public MessageFilter(
            @Nullable String dlq,
            @Nullable String source,
            @Nullable ParkedStatus status,
            @Nullable String fingerprint,
            @Nullable Instant from,
            @Nullable Instant to,
            @Nullable String text,
            @Nullable String traceId,
            @Nullable Boolean hasTrace) {
        this(dlq, source, status, fingerprint, from, to, text, traceId, hasTrace, null);
    }

    public MessageFilter(
            @Nullable String dlq,
            @Nullable String source,
            @Nullable ParkedStatus status,
            @Nullable String fingerprint,
            @Nullable Instant from,
            @Nullable Instant to,
            @Nullable String text,
            @Nullable String traceId) {
        this(dlq, source, status, fingerprint, from, to, text, traceId, null, null);
    }

    public MessageFilter {
        dlq = blankToNull(dlq);
        connection = blankToNull(connection);
        source = blankToNull(source);
        fingerprint = blankToNull(fingerprint);
        text = text == null || text.isBlank() ? null : text.strip().toLowerCase(Locale.ROOT);
        traceId = blankToNull(traceId);
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("The time range starts after it ends");
        }
        if (text != null && text.length() > 200) {
            throw new IllegalArgumentException("Search text is limited to 200 characters");
        }
        if (text != null && text.codePointCount(0, text.length()) < 3) {
            throw new IllegalArgumentException("Search for at least 3 characters");
        }
    }

    /** The filter for people, e.g. "all messages with DLQ orders-dlq, status parked, text "timeout"". */
    public String describe() {
        var parts = new java.util.ArrayList<String>();
        if (connection != null) parts.add("connection " + connection);
        if (dlq != null) parts.add("DLQ " + dlq);
        if (source != null) parts.add("source " + source);
        if (status != null) parts.add("status " + status.name().toLowerCase(Locale.ROOT));
        if (fingerprint != null) parts.add("failure group " + fingerprint);
        if (from != null) parts.add("parked from " + from);
        if (to != null) parts.add("parked until " + to);
        if (text != null) parts.add("text \"" + text + "\"");
        if (traceId != null) parts.add("trace " + traceId);
        if (hasTrace != null) parts.add(hasTrace ? "with a trace" : "without a trace");
        return parts.isEmpty() ? "all parked messages" : "all messages matching " + String.join(", ", parts);
    }

    public MessageFilter withStatus(@Nullable ParkedStatus newStatus) {
        return new MessageFilter(dlq, source, newStatus, fingerprint, from, to, text, traceId, hasTrace, connection);
    }

    public MessageFilter withFingerprint(@Nullable String newFingerprint) {
        return new MessageFilter(dlq, source, status, newFingerprint, from, to, text, traceId, hasTrace, connection);
    }

    public MessageFilter withText(@Nullable String newText) {
        return new MessageFilter(dlq, source, status, fingerprint, from, to, newText, traceId, hasTrace, connection);
    }

    public MessageFilter withConnection(@Nullable String newConnection) {
        return new MessageFilter(dlq, source, status, fingerprint, from, to, text, traceId, hasTrace, newConnection);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
