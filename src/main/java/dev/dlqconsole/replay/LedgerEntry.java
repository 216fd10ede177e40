package dev.dlqconsole.replay;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One message of one replay job: its replay id, where it goes, and what happened. */
public record LedgerEntry(
        long jobId,
        long parkedMessageId,
        int seq,
        String replayId,
        LedgerStatus status,
        @Nullable String targetQueue,
        @Nullable String detail,
        @Nullable String sqsMessageId,
        @Nullable String originalTraceId,
        @Nullable String replayTraceId,
        Instant updatedAt) {}
