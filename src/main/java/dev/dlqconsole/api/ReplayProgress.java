package dev.dlqconsole.api;

import dev.dlqconsole.replay.ReplayJob;
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
record ReplayProgress(
        long id,
        String status,
        @Nullable String statusDetail,
        Instant createdAt,
        String createdBy,
        String reason,
        String selection,
        @Nullable String targetConnection,
        @Nullable String targetQueue,
        int ratePerSecond,
        boolean forced,
        @Nullable String runbookStep,
        int total,
        int sent,
        int skipped,
        int failed,
        int remaining,
        int ambiguous,
        int attributesNotAdded,
        int canarySize,
        boolean inCanary,
        @Nullable Instant canaryUntil,
        Instant updatedAt,
        @Nullable Instant finishedAt) {

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
                job.finishedAt());
    }
}
