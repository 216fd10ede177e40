package dev.dlqconsole.parking;

import dev.dlqconsole.security.ReplayIds;
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
 * failure group), its trace, its FIFO coordinates, and its body and attributes, kept losslessly for a
 * replay. What people see and search of it is masked now ({@link ShownValues}), and a replay id it
 * carries counts only when the console made it (docs/decisions/010).
 */
@Component
class MessageExtraction {

    private final TraceExtraction traces;
    private final ShownValues shown;
    private final ReplayIds replayIds;

    MessageExtraction(TraceExtraction traces, ShownValues shown, ReplayIds replayIds) {
        this.traces = traces;
        this.shown = shown;
        this.replayIds = replayIds;
    }

    ParkedMessageDraft extract(DeadLetterQueue dlq, ReceivedMessage message, Instant parkedAt) {
        var system = message.systemAttributes();
        var values = shown.of(message.body(), message.attributes());
        var trace = traces.read(message);
        var body = message.body().getBytes(StandardCharsets.UTF_8);
        // A replayed copy only when the console made its replay id: a producer may write these two itself.
        var replayId = firstString(message.attributes(), List.of("dlq-replay-id"));
        var genuine = replayId != null && replayIds.genuine(replayId.strip());
        return new ParkedMessageDraft(
                dlq.connection(),
                dlq.name(),
                message.messageId(),
                sourceQueue(dlq, system),
                parkedAt,
                epochMillis(system.get("SentTimestamp")),
                parseInt(system.get("ApproximateReceiveCount")),
                values.failureReason(),
                values.failureType(),
                values.fingerprint(),
                trace.traceId(),
                trace.format(),
                trace.header(),
                ShownValues.truncate(trace.raw(), 600),
                FailureFingerprint.sha256(body),
                body,
                values.preview(),
                values.searchText(),
                StoredAttributes.encode(message.attributes()),
                StoredAttributes.encodeSystem(system),
                system.get("MessageGroupId"),
                system.get("MessageDeduplicationId"),
                system.get("SequenceNumber"),
                genuine ? replayId.strip() : null,
                genuine ? parseInt(firstString(message.attributes(), List.of("dlq-replay-count"))) : 0,
                values.shownAttributesJson(),
                values.maskedWith());
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
}
