package dev.dlqconsole.parking;

import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What the Messages view filters by; every field is optional. {@code text} matches the body's start
 * and attribute values, case-insensitively; {@code traceId} is a 32-hex trace id; {@code hasTrace}
 * keeps only messages with (true) or without (false) a readable trace.
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
        @Nullable Boolean hasTrace) {

    public static final MessageFilter ALL = new MessageFilter(null, null, null, null, null, null, null, null);

    public MessageFilter(
            @Nullable String dlq,
            @Nullable String source,
            @Nullable ParkedStatus status,
            @Nullable String fingerprint,
            @Nullable Instant from,
            @Nullable Instant to,
            @Nullable String text,
            @Nullable String traceId) {
        this(dlq, source, status, fingerprint, from, to, text, traceId, null);
    }

    public MessageFilter {
        dlq = blankToNull(dlq);
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
    }

    public MessageFilter withStatus(@Nullable ParkedStatus newStatus) {
        return new MessageFilter(dlq, source, newStatus, fingerprint, from, to, text, traceId, hasTrace);
    }

    public MessageFilter withFingerprint(@Nullable String newFingerprint) {
        return new MessageFilter(dlq, source, status, newFingerprint, from, to, text, traceId, hasTrace);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
