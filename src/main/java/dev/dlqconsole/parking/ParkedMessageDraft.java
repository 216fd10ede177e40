package dev.dlqconsole.parking;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A row about to be inserted into the parking lot, with everything extracted from the message: the
 * reason, type, fingerprint, preview, search text and shown attributes already masked (with the rules
 * {@code maskedWith} names); the body and attributes as they came.
 */
record ParkedMessageDraft(
        String connectionName,
        String dlqName,
        String sqsMessageId,
        @Nullable String sourceQueue,
        Instant parkedAt,
        @Nullable Instant sentAt,
        int receiveCount,
        @Nullable String failureReason,
        @Nullable String failureType,
        String fingerprint,
        @Nullable String traceId,
        @Nullable String traceFormat,
        @Nullable String traceHeader,
        @Nullable String traceRaw,
        String bodySha256,
        byte[] body,
        String bodyPreview,
        String searchText,
        String attributesJson,
        String systemJson,
        @Nullable String groupId,
        @Nullable String deduplicationId,
        @Nullable String sequenceNumber,
        @Nullable String cameBackReplayId,
        int replayGeneration,
        String shownAttributesJson,
        String maskedWith) {}
