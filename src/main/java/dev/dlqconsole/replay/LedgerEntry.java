package dev.dlqconsole.replay;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One message of one replay job: its replay id, where it goes, and what happened. {@code groupId} is
 * set for FIFO targets only; {@code ambiguous} says it was sent again after an outcome nobody knew,
 * so it may have arrived twice (each copy with this replay id).
 */
public record LedgerEntry(
        long jobId,
        long parkedMessageId,
        int seq,
        String replayId,
        LedgerStatus status,
        @Nullable String targetConnection,
        @Nullable String targetQueue,
        @Nullable String groupId,
        @Nullable String detail,
        @Nullable String sqsMessageId,
        @Nullable String originalTraceId,
        @Nullable String replayTraceId,
        boolean ambiguous,
        Instant updatedAt) {

    /** The (connection, queue) it goes to, or null when it has none (skipped: no source known). */
    public @Nullable ReplayTarget target() {
        return targetConnection == null || targetQueue == null ? null : new ReplayTarget(targetConnection, targetQueue);
    }
}
