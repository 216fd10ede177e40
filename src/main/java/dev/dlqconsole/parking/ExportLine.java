package dev.dlqconsole.parking;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One message of a JSON Lines export, masked as its page shows it. The body is text when its bytes are
 * UTF-8 ({@code bodyEncoding} "text"), else their base64 ({@code bodyEncoding} "base64": such a body
 * cannot be masked field by field, and its page shows it as it is too).
 */
record ExportLine(
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
        String failureGroup,
        @Nullable String traceId,
        String bodyEncoding,
        String body,
        int bodySize,
        int maskedValues,
        List<Attribute> attributes,
        Map<String, String> systemAttributes,
        @Nullable String groupId,
        @Nullable String deduplicationId,
        int timesReplayed,
        @Nullable Instant handledAt,
        @Nullable String handledBy,
        @Nullable String handledReason) {

    static ExportLine of(MessageDetails details) {
        var m = details.message();
        var text = details.bodyText();
        return new ExportLine(
                m.id(),
                m.connectionName(),
                m.dlqName(),
                m.sqsMessageId(),
                m.sourceQueue(),
                m.status().name().toLowerCase(java.util.Locale.ROOT),
                m.parkedAt(),
                m.sentAt(),
                m.receiveCount(),
                details.failureReason(),
                m.failureType(),
                m.fingerprint(),
                m.traceId(),
                text == null ? "base64" : "text",
                text == null ? Base64.getEncoder().encodeToString(details.body()) : text,
                m.bodySize(),
                details.masking().values(),
                details.attributes().stream().map(Attribute::of).toList(),
                details.systemAttributes(),
                m.groupId(),
                m.deduplicationId(),
                m.replayCount(),
                m.handledAt(),
                m.handledBy(),
                m.handledReason());
    }

    /** A message attribute: a string value, or a binary one in base64; a masked one holds the marker. */
    record Attribute(
            String name,
            String dataType,
            @Nullable String value,
            @Nullable String binaryBase64,
            boolean masked) {

        static Attribute of(MessageDetails.Attribute a) {
            return new Attribute(
                    a.name(),
                    a.dataType(),
                    a.value(),
                    a.binary() == null ? null : Base64.getEncoder().encodeToString(a.binary()),
                    a.masked());
        }
    }
}
