package dev.dlqconsole.parking;

import dev.dlqconsole.sqs.DeadLetterQueue;
import dev.dlqconsole.sqs.MessageAttribute;
import dev.dlqconsole.sqs.ReceivedMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Reads what an operator needs from a dead letter: where it came from, why it failed (and the
 * failure group), its trace, its FIFO coordinates, and its body and attributes, kept losslessly.
 */
@Component
class MessageExtraction {

    private static final int PREVIEW_CHARS = 200;

    private final ParkingProperties properties;
    private final TraceExtraction traces;

    MessageExtraction(ParkingProperties properties, TraceExtraction traces) {
        this.properties = properties;
        this.traces = traces;
    }

    ParkedMessageDraft extract(DeadLetterQueue dlq, ReceivedMessage message, Instant parkedAt) {
        var system = message.systemAttributes();
        var type = firstString(message.attributes(), properties.typeAttributes());
        var reason = reason(firstString(message.attributes(), properties.reasonAttributes()), type);
        var trace = traces.read(message);
        var body = message.body().getBytes(StandardCharsets.UTF_8);
        return new ParkedMessageDraft(
                dlq.connection(),
                dlq.name(),
                message.messageId(),
                sourceQueue(dlq, system),
                parkedAt,
                epochMillis(system.get("SentTimestamp")),
                parseInt(system.get("ApproximateReceiveCount")),
                truncate(reason, 2000),
                truncate(type, 300),
                FailureFingerprint.of(reason),
                trace.traceId(),
                trace.format(),
                trace.header(),
                truncate(trace.raw(), 600),
                FailureFingerprint.sha256(body),
                body,
                preview(message.body()),
                searchText(message),
                StoredAttributes.encode(message.attributes()),
                StoredAttributes.encodeSystem(system),
                system.get("MessageGroupId"),
                system.get("MessageDeduplicationId"),
                system.get("SequenceNumber"),
                truncate(firstString(message.attributes(), List.of("dlq-replay-id")), 64),
                parseInt(firstString(message.attributes(), List.of("dlq-replay-count"))));
    }

    /**
     * SQS names the source in {@code DeadLetterQueueSourceArn} when it redrove the message itself;
     * otherwise a DLQ with one source can only have received it from there.
     */
    static @Nullable String sourceQueue(DeadLetterQueue dlq, Map<String, String> system) {
        var arn = system.get("DeadLetterQueueSourceArn");
        if (arn != null && !arn.isBlank()) {
            return arn.substring(arn.lastIndexOf(':') + 1);
        }
        return dlq.sources().size() == 1 ? dlq.sources().getFirst().name() : null;
    }

    static @Nullable String firstString(Map<String, MessageAttribute> attributes, List<String> names) {
        var byLowerName = new LinkedHashMap<String, MessageAttribute>();
        attributes.forEach((name, value) -> byLowerName.put(name.toLowerCase(Locale.ROOT), value));
        for (var name : names) {
            var attribute = byLowerName.get(name.toLowerCase(Locale.ROOT));
            if (attribute != null
                    && attribute.stringValue() != null
                    && !attribute.stringValue().isBlank()) {
                return attribute.stringValue();
            }
        }
        return null;
    }

    private static @Nullable String reason(@Nullable String message, @Nullable String type) {
        if (message == null) {
            return type;
        }
        return type == null || message.contains(type) ? message : type + ": " + message;
    }

    /** One line of readable text: control characters shown as spaces, so a preview never breaks a row. */
    static String preview(String body) {
        var end = Math.min(body.length(), PREVIEW_CHARS);
        var preview = new StringBuilder(end);
        for (int i = 0; i < end; i++) {
            var c = body.charAt(i);
            preview.append(Character.isISOControl(c) ? ' ' : c);
        }
        return preview.toString().strip();
    }

    /**
     * What text search looks into (see {@link MessageSearch}): every string attribute as {@code
     * name=value} on a line, then the whole body, in lower case.
     */
    static String searchText(ReceivedMessage message) {
        var text = new StringBuilder(message.body().length() + 256);
        message.attributes().forEach((name, value) -> {
            if (value.stringValue() != null) {
                text.append(name).append('=').append(value.stringValue()).append('\n');
            }
        });
        text.append(message.body());
        return text.toString().toLowerCase(Locale.ROOT);
    }

    private static @Nullable Instant epochMillis(@Nullable String millis) {
        try {
            return millis == null ? null : Instant.ofEpochMilli(Long.parseLong(millis));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int parseInt(@Nullable String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static @Nullable String truncate(@Nullable String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }
}
