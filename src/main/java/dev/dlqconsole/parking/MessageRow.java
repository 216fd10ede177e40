package dev.dlqconsole.parking;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One line of the Messages grid: no body beyond its preview, so a page stays small. The preview and
 * the failure reason were masked when the message was parked.
 */
public record MessageRow(
        long id,
        String connection,
        String dlq,
        @Nullable String source,
        ParkedStatus status,
        Instant parkedAt,
        int receiveCount,
        @Nullable String failureReason,
        String fingerprint,
        @Nullable String traceId,
        String bodyPreview,
        int bodySize) {}
