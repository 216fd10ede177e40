package dev.dlqconsole.sqs;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A message to send. Group and deduplication ids apply to FIFO queues only. */
public record OutgoingMessage(
        String id,
        String body,
        Map<String, MessageAttribute> attributes,
        @Nullable String groupId,
        @Nullable String deduplicationId) {

    public static OutgoingMessage of(String body, Map<String, MessageAttribute> attributes) {
        return new OutgoingMessage("0", body, attributes, null, null);
    }
}
