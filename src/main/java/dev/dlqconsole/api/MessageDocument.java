package dev.dlqconsole.api;

import dev.dlqconsole.parking.MessageDetails;
import dev.dlqconsole.parking.MessageTrace;
import dev.dlqconsole.security.SensitiveValues;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One parked message, everything its page shows. The body is returned as it was parked, with the
 * values of sensitive fields masked unless an admin asked for them, as a JSON string (JSON encoding
 * keeps it inert, whatever it holds); bytes that are not UTF-8 come in {@code bodyBase64} instead,
 * with {@code body} null, and cannot be masked. {@code masking} says what is hidden.
 */
record MessageDocument(
        long id,
        String connection,
        String dlq,
        String sqsMessageId,
        @Nullable String source,
        String status,
        Instant parkedAt,
        @Nullable Instant sentAt,
        int receiveCount,
        @Nullable String failureReason,
        @Nullable String failureType,
        String fingerprint,
        String failureTemplate,
        Trace trace,
        @Nullable String body,
        @Nullable String bodyBase64,
        int bodySize,
        @Nullable String bodySha256,
        List<Attribute> attributes,
        Map<String, String> systemAttributes,
        @Nullable String groupId,
        @Nullable String deduplicationId,
        @Nullable String sequenceNumber,
        @Nullable Instant handledAt,
        @Nullable String handledBy,
        @Nullable String handledReason,
        List<HistoryEntry> history,
        Masking masking) {

    /**
     * What is masked: {@code sensitiveValues} values (of body fields, and the attributes named in
     * {@code attributes}) show as {@code marker}; with {@code unmasked} they are shown as they are.
     */
    record Masking(
            boolean unmasked,
            int sensitiveValues,
            int bodyValues,
            List<String> attributes,
            boolean bodyMaskable,
            String marker) {

        static Masking of(MessageDetails.Masking m) {
            return new Masking(
                    m.unmasked(), m.values(), m.bodyValues(), m.attributes(), m.bodyMaskable(), SensitiveValues.MARKER);
        }
    }

    /** The trace the message carried: its id and link when readable, else the raw header and what is wrong. */
    record Trace(
            @Nullable String traceId,
            @Nullable String format,
            @Nullable String header,
            @Nullable String rawValue,
            @Nullable String problem,
            @Nullable String url) {

        static Trace of(MessageTrace t) {
            return new Trace(t.traceId(), t.format(), t.header(), t.rawValue(), t.problem(), t.url());
        }
    }

    /** A message attribute: a string value, or a binary one in {@code binaryBase64}. */
    record Attribute(
            String name,
            String dataType,
            @Nullable String value,
            @Nullable String binaryBase64,
            boolean masked) {}

    record HistoryEntry(
            Instant at,
            String what,
            @Nullable String who,
            @Nullable String detail,
            @Nullable String link) {}

    static MessageDocument of(MessageDetails details) {
        var m = details.message();
        var bytes = details.body();
        var text = details.bodyText();
        return new MessageDocument(
                m.id(),
                m.connectionName(),
                m.dlqName(),
                m.sqsMessageId(),
                m.sourceQueue(),
                m.status().name().toLowerCase(Locale.ROOT),
                m.parkedAt(),
                m.sentAt(),
                m.receiveCount(),
                details.failureReason(),
                m.failureType(),
                m.fingerprint(),
                details.failureTemplate(),
                Trace.of(details.trace()),
                text,
                text == null ? Base64.getEncoder().encodeToString(bytes) : null,
                m.bodySize(),
                details.bodySha256(),
                details.attributes().stream()
                        .map(a -> new Attribute(
                                a.name(),
                                a.dataType(),
                                a.value(),
                                a.binary() == null ? null : Base64.getEncoder().encodeToString(a.binary()),
                                a.masked()))
                        .toList(),
                details.systemAttributes(),
                m.groupId(),
                m.deduplicationId(),
                m.sequenceNumber(),
                m.handledAt(),
                m.handledBy(),
                m.handledReason(),
                details.history().stream()
                        .map(h -> new HistoryEntry(h.at(), h.what(), h.who(), h.detail(), h.link()))
                        .toList(),
                Masking.of(details.masking()));
    }
}
