package dev.dlqconsole.parking;

import dev.dlqconsole.sqs.MessageAttribute;
import dev.dlqconsole.tracing.TraceContext;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A parked message as a replay needs it: where it came from, its exact body and attributes, its trace. */
public record ReplayCandidate(
        long id,
        String connection,
        String dlq,
        @Nullable String sourceQueue,
        ParkedStatus status,
        @Nullable Long replayJobId,
        int replayCount,
        String sqsMessageId,
        String body,
        String bodySha256,
        Map<String, MessageAttribute> attributes,
        @Nullable String groupId,
        @Nullable String sequenceNumber,
        @Nullable TraceContext trace,
        int replayGeneration) {}
