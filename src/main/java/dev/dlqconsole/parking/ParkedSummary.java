package dev.dlqconsole.parking;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A parked message without its body, attributes or failure reason: where it came from, what the
 * parker read from it, and where it stands now (from its state row). Its payload and its reason
 * leave the parking package only masked, in {@link MessageDetails}, or for a replay's send.
 */
public record ParkedSummary(
        long id,
        String connectionName,
        String dlqName,
        String sqsMessageId,
        @Nullable String sourceQueue,
        ParkedStatus status,
        Instant parkedAt,
        @Nullable Instant sentAt,
        int receiveCount,
        @Nullable String failureType,
        String fingerprint,
        @Nullable String traceId,
        @Nullable String traceFormat,
        @Nullable String traceHeader,
        @Nullable String traceRaw,
        String bodySha256,
        int bodySize,
        @Nullable String groupId,
        @Nullable String deduplicationId,
        @Nullable String sequenceNumber,
        @Nullable String cameBackReplayId,
        int replayGeneration,
        @Nullable Long jobId,
        int replayCount,
        @Nullable String uncertainReplayId,
        @Nullable Instant handledAt,
        @Nullable String handledBy,
        @Nullable String handledReason) {}
