package dev.dlqconsole.replay;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A replay as its row stands: who asked for it and why, where it sends, how fast, and how far it has
 * come. Read only: every change goes through one conditional statement of {@link ReplayJobs}.
 */
public record ReplayJob(
        long id,
        Instant createdAt,
        String createdBy,
        String reason,
        ReplayStatus status,
        @Nullable String statusDetail,
        @Nullable String targetConnection,
        @Nullable String targetQueue,
        int ratePerSecond,
        boolean forced,
        String selection,
        @Nullable String runbookStep,
        int total,
        int sent,
        int skipped,
        int failed,
        int ambiguous,
        int attributesNotAdded,
        Instant updatedAt,
        @Nullable Instant finishedAt,
        int canarySize,
        @Nullable Instant canaryUntil,
        boolean canaryPassed,
        @Nullable String approvalNeeded,
        @Nullable String approvedBy,
        @Nullable Instant approvedAt,
        @Nullable String approvalReason,
        Ramp ramp,
        ReplayStart start) {

    public int remaining() {
        return Math.max(0, total - sent - skipped - failed);
    }

    /** True while the job may send only its canary: its first {@code canarySize} messages actually sent. */
    public boolean inCanary() {
        return canarySize > 0 && !canaryPassed;
    }

    /** The target an operator chose for every message, or null: each goes back to its own source queue. */
    public @Nullable ReplayTarget target() {
        return targetQueue == null || targetConnection == null ? null : new ReplayTarget(targetConnection, targetQueue);
    }
}
