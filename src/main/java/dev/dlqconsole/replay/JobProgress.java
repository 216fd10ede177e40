package dev.dlqconsole.replay;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The executor's writes to a job, each a narrow conditional UPDATE: an operator's pause or cancel,
 * written meanwhile through the service, is never overwritten by the executor's bookkeeping.
 */
@Repository
class JobProgress {

    private final JdbcTemplate jdbc;

    JobProgress(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void counts(long jobId, int sent, int skipped, int failed, int ambiguous, Instant now) {
        jdbc.update(
                "UPDATE replay_job SET sent = ?, skipped = ?, failed = ?, ambiguous = GREATEST(ambiguous, ?),"
                        + " updated_at = ? WHERE id = ?",
                sent,
                skipped,
                failed,
                ambiguous,
                Timestamp.from(now),
                jobId);
    }

    /** The job's status as an operator may just have changed it. */
    ReplayStatus status(long jobId) {
        return ReplayStatus.valueOf(
                jdbc.queryForObject("SELECT status FROM replay_job WHERE id = ?", String.class, jobId));
    }

    void attributesNotAdded(long jobId, int more) {
        jdbc.update("UPDATE replay_job SET attributes_not_added = attributes_not_added + ? WHERE id = ?", more, jobId);
    }

    void completeIfRunning(long jobId, Instant now) {
        jdbc.update(
                "UPDATE replay_job SET status = 'COMPLETED', finished_at = ?, updated_at = ? WHERE id = ?"
                        + " AND status = 'RUNNING'",
                Timestamp.from(now),
                Timestamp.from(now),
                jobId);
    }

    void pauseIfRunning(long jobId, String detail, Instant now) {
        jdbc.update(
                "UPDATE replay_job SET status = 'PAUSED', status_detail = ?, updated_at = ? WHERE id = ?"
                        + " AND status = 'RUNNING'",
                detail,
                Timestamp.from(now),
                jobId);
    }

    void watchCanaryUntil(long jobId, Instant until) {
        jdbc.update("UPDATE replay_job SET canary_until = ? WHERE id = ?", Timestamp.from(until), jobId);
    }

    void canaryPassed(long jobId, Instant now) {
        jdbc.update(
                "UPDATE replay_job SET canary_passed = TRUE, updated_at = ? WHERE id = ?", Timestamp.from(now), jobId);
    }
}
