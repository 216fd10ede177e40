package dev.dlqconsole.sqs;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A message to send. Group and deduplication ids apply to FIFO queues only; {@code awsTraceHeader}
 * is sent as the {@code AWSTraceHeader} system attribute, as X-Ray-instrumented producers do.
 */
public record OutgoingMessage(
        String id,
        String body,
        Map<String, MessageAttribute> attributes,
        @Nullable String groupId,
        @Nullable String deduplicationId,
        @Nullable String awsTraceHeader) {

    public OutgoingMessage(
            String id,
            String body,
            Map<String, MessageAttribute> attributes,
            @Nullable String groupId,
            @Nullable String deduplicationId) {
        this(id, body, attributes, groupId, deduplicationId, null);
    }

    public static OutgoingMessage of(String body, Map<String, MessageAttribute> attributes) {
        return new OutgoingMessage("0", body, attributes, null, null, null);
    }
}
