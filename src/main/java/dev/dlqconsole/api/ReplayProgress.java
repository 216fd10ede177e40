package dev.dlqconsole.api;

import dev.dlqconsole.replay.ReplayJob;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A replay job: what it was asked to do, by whom and why, and how far it has come. {@code remaining}
 * counts messages neither sent, skipped nor failed; {@code ambiguous} those that may have been sent
 * twice (sent again after an outcome nobody knew: a crash, a takeover, a lost answer; each copy
 * carries the same replay id). With no {@code targetQueue}, each message goes to its own source queue
 * on its own connection.
 */
@Schema(name = "ReplayJob")
record ReplayProgress(
        long id,

        @Schema(
                allowableValues = {
                    "awaiting_approval",
                    "scheduled",
                    "waiting",
                    "running",
                    "paused",
                    "cancelled",
                    "completed",
                    "rejected",
                    "gave_up"
                })
        String status,

        @Schema(description = "Who paused or cancelled it, or why it paused itself.") @Nullable
        String statusDetail,

        Instant createdAt,

        @Schema(description = "The user or service account that created it.")
        String createdBy,

        String reason,

        @Schema(
                description =
                        "The selection, for people (\"3 selected messages\", \"all messages matching DLQ orders-dlq\").")
        String selection,

        @Nullable String targetConnection,

        @Schema(description = "Null when each message goes back to its own source queue on its own connection.")
        @Nullable
        String targetQueue,

        int ratePerSecond,
        boolean forced,
        @Nullable String runbookStep,
        int total,
        int sent,
        int skipped,
        int failed,

        @Schema(description = "Neither sent, skipped nor failed yet.")
        int remaining,

        @Schema(
                description =
                        "Possibly sent twice after a crash, a takeover or a lost answer (each copy carries the same dlq-replay-id).")
        int ambiguous,

        @Schema(description = "Replay attributes that did not fit the 10 SQS allows.")
        int attributesNotAdded,

        int canarySize,
        boolean inCanary,
        @Nullable Instant canaryUntil,
        Instant updatedAt,
        @Nullable Instant finishedAt,

        @Schema(
                description =
                        "Why the job waits (or waited) for a second person's approval; null when it" + " needed none.")
        @Nullable
        String approvalNeeded,

        @Schema(description = "Who approved or rejected it.") @Nullable
        String approvedBy,

        @Nullable Instant approvedAt,

        @Schema(description = "The approver's reason.") @Nullable
        String approvalReason,

        @Schema(description = "The graduated ramp: its steps and where the job is.")
        ReplayRampProgress ramp,

        @Schema(description = "When a scheduled or conditional job starts.")
        ReplayStartProgress start) {

    static ReplayProgress of(ReplayJob job) {
        return new ReplayProgress(
                job.id(),
                job.status().name().toLowerCase(Locale.ROOT),
                job.statusDetail(),
                job.createdAt(),
                job.createdBy(),
                job.reason(),
                job.selection(),
                job.targetConnection(),
                job.targetQueue(),
                job.ratePerSecond(),
                job.forced(),
                job.runbookStep(),
                job.total(),
                job.sent(),
                job.skipped(),
                job.failed(),
                job.remaining(),
                job.ambiguous(),
                job.attributesNotAdded(),
                job.canarySize(),
                job.inCanary(),
                job.canaryUntil(),
                job.updatedAt(),
                job.finishedAt(),
                job.approvalNeeded(),
                job.approvedBy(),
                job.approvedAt(),
                job.approvalReason(),
                ReplayRampProgress.of(job.ramp()),
                ReplayStartProgress.of(job.start()));
    }
}
