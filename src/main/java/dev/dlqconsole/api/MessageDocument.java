package dev.dlqconsole.api;

import dev.dlqconsole.parking.MessageDetails;
import dev.dlqconsole.parking.MessageTrace;
import dev.dlqconsole.security.SensitiveValues;
import io.swagger.v3.oas.annotations.media.Schema;
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
@Schema(name = "Message")
record MessageDocument(
        long id,
        String connection,
        String dlq,

        @Schema(description = "The SQS MessageId the message had when it was parked.")
        String sqsMessageId,

        @Schema(description = "The source queue, when known.") @Nullable
        String source,

        @Schema(allowableValues = {"parked", "replaying", "replayed", "discarded"})
        String status,

        Instant parkedAt,

        @Schema(description = "When the producer first sent it, if SQS said.") @Nullable
        Instant sentAt,

        int receiveCount,
        @Nullable String failureReason,
        @Nullable String failureType,

        @Schema(description = "The failure group (the `group` filter).")
        String fingerprint,

        @Schema(description = "The failure reason with ids, numbers and times normalised away, as grouped.")
        String failureTemplate,

        Trace trace,

        @Schema(
                description =
                        "The body as parked, values of sensitive fields masked unless unmasked (JSON keeps its shape); null when its bytes are not UTF-8 (see `bodyBase64`).")
        @Nullable
        String body,

        @Schema(
                description = "The body's bytes in base64, only when they are not UTF-8; never masked.",
                contentEncoding = "base64")
        @Nullable
        String bodyBase64,

        @Schema(description = "The size of the body as parked, in bytes.")
        int bodySize,

        @Schema(
                description =
                        "The SHA-256 of the body as parked; null while values are masked (a short masked value could otherwise be found by hashing each candidate), present with `unmasked=true`.")
        @Nullable
        String bodySha256,

        List<Attribute> attributes,
        Map<String, String> systemAttributes,

        @Schema(description = "The FIFO MessageGroupId.") @Nullable
        String groupId,

        @Nullable String deduplicationId,
        @Nullable String sequenceNumber,
        @Nullable Instant handledAt,
        @Nullable String handledBy,
        @Nullable String handledReason,

        @Schema(description = "What happened to the message, oldest first (sent, parked, each replay, a discard).")
        List<HistoryEntry> history,

        @Schema(description = "What is masked in this answer.")
        Masking masking) {

    /**
     * What is masked: {@code sensitiveValues} values (of body fields, and the attributes named in
     * {@code attributes}) show as {@code marker}; with {@code unmasked} they are shown as they are.
     */
    record Masking(
            @Schema(description = "An admin asked for the values as they are (`unmasked=true`); nothing is masked.")
            boolean unmasked,

            @Schema(description = "Sensitive values in the message (masked ones, or those shown when unmasked).")
            int sensitiveValues,

            @Schema(description = "Of those, values of sensitive body fields.")
            int bodyValues,

            @Schema(description = "The names of the sensitive attributes.")
            List<String> attributes,

            @Schema(description = "False for a body that is not UTF-8, which is returned unmasked in `bodyBase64`.")
            boolean bodyMaskable,

            @Schema(description = "What a masked value reads, `••••••`.")
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

            @Schema(description = "The attribute that carried the trace context.") @Nullable
            String header,

            @Nullable String rawValue,

            @Schema(description = "What is wrong with a header that could not be read.") @Nullable
            String problem,

            @Schema(description = "The trace in the configured trace UI.") @Nullable
            String url) {

        static Trace of(MessageTrace t) {
            return new Trace(t.traceId(), t.format(), t.header(), t.rawValue(), t.problem(), t.url());
        }
    }

    /** A message attribute: a string value, or a binary one in {@code binaryBase64}. */
    record Attribute(
            String name,

            @Schema(description = "String, Number, Binary, or a custom type such as `String.json`.")
            String dataType,

            @Nullable String value,
            @Schema(contentEncoding = "base64") @Nullable String binaryBase64,

            @Schema(
                    description =
                            "A sensitive attribute, masked whatever its type (`value` is the marker, `binaryBase64` null).")
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
