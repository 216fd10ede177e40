package dev.dlqconsole.replay;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The one way a {@code replay_job} row is written: each change is a narrow conditional UPDATE of the
 * columns it owns, so an operator's pause never undoes what the executor wrote meanwhile (the canary's
 * watch, a count), and a job that just completed never turns paused. The executor's writes run in its
 * fenced transactions (docs/decisions/007); the operator's transitions answer whether they applied.
 */
@Repository
class ReplayJobs {

    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;

    ReplayJobs(JdbcTemplate jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** What a new job is asked to do. */
    record NewJob(
            String createdBy,
            String reason,
            @Nullable ReplayTarget target,
            int ratePerSecond,
            boolean forced,
            String selection,
            @Nullable String runbookStep,
            int total,
            int skipped,
            int canarySize,
            @Nullable String approvalNeeded,
            List<Ramp.Step> rampSteps,
            int rampThreshold,
            ReplayStart start) {

        /** Where a new job starts: waiting for a second person, its time or its health URL, or running. */
        ReplayStatus status(Instant now) {
            if (approvalNeeded != null) {
                return ReplayStatus.AWAITING_APPROVAL;
            }
            if (start.at() != null && start.at().isAfter(now)) {
                return ReplayStatus.SCHEDULED;
            }
            return start.conditional() ? ReplayStatus.WAITING : ReplayStatus.RUNNING;
        }
    }

    long insert(NewJob job, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.update(
                connection -> {
                    var ps = connection.prepareStatement(
                            "INSERT INTO replay_job (created_at, created_by, reason, status, target_connection,"
                                    + " target_queue, rate_per_second, forced, selection, runbook_step, total,"
                                    + " skipped, canary_size, updated_at, approval_needed, ramp_steps, ramp_threshold,"
                                    + " start_at, health_url, healthy_times, start_deadline)"
                                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            new String[] {"id"});
                    int i = 1;
                    ps.setTimestamp(i++, Timestamp.from(now));
                    ps.setString(i++, job.createdBy());
                    ps.setString(i++, job.reason());
                    ps.setString(i++, job.status(now).name());
                    ps.setString(i++, job.target() == null ? null : job.target().connection());
                    ps.setString(i++, job.target() == null ? null : job.target().queue());
                    ps.setInt(i++, job.ratePerSecond());
                    ps.setBoolean(i++, job.forced());
                    ps.setString(i++, job.selection());
                    if (job.runbookStep() == null) {
                        ps.setNull(i++, Types.VARCHAR);
                    } else {
                        ps.setString(i++, job.runbookStep());
                    }
                    ps.setInt(i++, job.total());
                    ps.setInt(i++, job.skipped());
                    ps.setInt(i++, job.canarySize());
                    ps.setTimestamp(i++, Timestamp.from(now));
                    if (job.approvalNeeded() == null) {
                        ps.setNull(i++, Types.VARCHAR);
                    } else {
                        ps.setString(i++, job.approvalNeeded());
                    }
                    ps.setString(i++, Ramp.encode(job.rampSteps()));
                    ps.setInt(i++, job.rampThreshold());
                    var start = job.start();
                    ps.setTimestamp(i++, start.at() == null ? null : Timestamp.from(start.at()));
                    ps.setString(i++, start.healthUrl());
                    ps.setInt(i++, start.healthyTimes());
                    ps.setTimestamp(i, start.deadline() == null ? null : Timestamp.from(start.deadline()));
                    return ps;
                },
                keys);
        var id = keys.getKeyAs(Number.class).longValue();
        told(id, job.approvalNeeded() != null, ReplayJobChanged.Change.AWAITING_APPROVAL);
        return id;
    }

    Optional<ReplayJob> find(long id) {
        return jdbc.query("SELECT * FROM replay_job WHERE id = ?", ReplayJobs::job, id).stream()
                .findFirst();
    }

    List<ReplayJob> recent(int limit) {
        return jdbc.query("SELECT * FROM replay_job ORDER BY id DESC LIMIT ?", ReplayJobs::job, limit);
    }

    List<Long> runningIds() {
        return jdbc.queryForList("SELECT id FROM replay_job WHERE status = 'RUNNING' ORDER BY id", Long.class);
    }

    List<Long> cancelledSince(Instant since) {
        return jdbc.queryForList(
                "SELECT id FROM replay_job WHERE status = 'CANCELLED' AND finished_at > ?",
                Long.class,
                Timestamp.from(since));
    }

    ReplayStatus status(long id) {
        return ReplayStatus.valueOf(
                jdbc.queryForObject("SELECT status FROM replay_job WHERE id = ?", String.class, id));
    }

    // The operator's transitions: each applies only from the status it starts from.

    boolean pause(long id, String detail, Instant now) {
        return transition(id, "status = 'PAUSED', status_detail = ?", "status = 'RUNNING'", now, clip(detail));
    }

    /**
     * Resuming a job paused after its canary's watch is the operator's call to send the rest anyway;
     * paused in a step's watch, it is the call to take that step as passed: the ramp goes on with the
     * next step, watched as before.
     */
    boolean resume(long id, String detail, Instant now) {
        return transition(
                id,
                "status = 'RUNNING', status_detail = ?, canary_passed = CASE WHEN canary_until IS NOT NULL"
                        + " THEN TRUE ELSE canary_passed END, ramp_step = CASE WHEN ramp_step_until IS NOT NULL"
                        + " THEN ramp_step + 1 ELSE ramp_step END, ramp_step_back = CASE WHEN ramp_step_until IS"
                        + " NOT NULL THEN 0 ELSE ramp_step_back END, ramp_step_until = NULL",
                "status = 'PAUSED'",
                now,
                clip(detail));
    }

    /** A second person approves: the job runs, or waits for its time or its health URL. */
    boolean approve(long id, String by, String reason, Instant now) {
        return transition(
                id,
                "status = CASE WHEN start_at IS NOT NULL AND start_at > ? THEN 'SCHEDULED'"
                        + " WHEN health_url IS NOT NULL THEN 'WAITING' ELSE 'RUNNING' END,"
                        + " status_detail = ?, approved_by = ?, approved_at = ?, approval_reason = ?",
                "status = 'AWAITING_APPROVAL'",
                now,
                Timestamp.from(now),
                clip("approved by " + by),
                by,
                Timestamp.from(now),
                clip(reason));
    }

    /** A second person rejects: the job ends, nothing sent (it never claimed a message). */
    boolean reject(long id, String by, String reason, Instant now) {
        return transition(
                id,
                "status = 'REJECTED', status_detail = ?, approved_by = ?, approved_at = ?, approval_reason = ?,"
                        + " finished_at = ?",
                "status = 'AWAITING_APPROVAL'",
                now,
                clip("rejected by " + by + ": " + reason),
                by,
                Timestamp.from(now),
                clip(reason),
                Timestamp.from(now));
    }

    /** Jobs waiting for their time or their health URL, oldest first. */
    List<ReplayJob> waitingToStart() {
        return jdbc.query(
                "SELECT * FROM replay_job WHERE status IN ('SCHEDULED', 'WAITING') ORDER BY id", ReplayJobs::job);
    }

    /** Its time came, or its health URL answered often enough: the job runs. */
    boolean startIfWaiting(long id, String detail, Instant now) {
        return transition(
                id, "status = 'RUNNING', status_detail = ?", "status IN ('SCHEDULED', 'WAITING')", now, clip(detail));
    }

    /** Its deadline passed: the job ends, nothing sent (it never claimed a message). */
    boolean giveUp(long id, String detail, Instant now) {
        return transition(
                id,
                "status = 'GAVE_UP', status_detail = ?, finished_at = ?",
                "status = 'WAITING'",
                now,
                clip(detail),
                Timestamp.from(now));
    }

    /** What the last check of the health URL saw, and how many 2xx answers came in a row. */
    void healthChecked(long id, int streak, String last) {
        jdbc.update(
                "UPDATE replay_job SET healthy_streak = ?, health_last = ? WHERE id = ? AND status = 'WAITING'",
                streak,
                last.length() > 300 ? last.substring(0, 299) + "…" : last,
                id);
    }

    List<ReplayJob> awaitingApproval() {
        return jdbc.query("SELECT * FROM replay_job WHERE status = 'AWAITING_APPROVAL' ORDER BY id", ReplayJobs::job);
    }

    boolean cancel(long id, String detail, Instant now) {
        return transition(
                id,
                "status = 'CANCELLED', status_detail = ?, finished_at = ?",
                "status IN ('RUNNING', 'PAUSED', 'AWAITING_APPROVAL', 'SCHEDULED', 'WAITING')",
                now,
                clip(detail),
                Timestamp.from(now));
    }

    /** Back to work on what failed: from paused, or from completed with failures. */
    boolean reopen(long id, String detail, Instant now) {
        return transition(
                id,
                "status = 'RUNNING', status_detail = ?, finished_at = NULL",
                "status IN ('PAUSED', 'COMPLETED')",
                now,
                clip(detail));
    }

    private boolean transition(long id, String set, String from, Instant now, Object... setArgs) {
        var args = new java.util.ArrayList<Object>(List.of(setArgs));
        args.add(Timestamp.from(now));
        args.add(id);
        return jdbc.update("UPDATE replay_job SET " + set + ", updated_at = ? WHERE id = ? AND " + from, args.toArray())
                > 0;
    }

    // The executor's writes, each in its fenced transaction.

    void counts(long id, int sent, int skipped, int failed, int ambiguous, Instant now) {
        jdbc.update(
                "UPDATE replay_job SET sent = ?, skipped = ?, failed = ?, ambiguous = ?, updated_at = ? WHERE id = ?",
                sent,
                skipped,
                failed,
                ambiguous,
                Timestamp.from(now),
                id);
    }

    void attributesNotAdded(long id, int more) {
        jdbc.update("UPDATE replay_job SET attributes_not_added = attributes_not_added + ? WHERE id = ?", more, id);
    }

    boolean completeIfRunning(long id, Instant now) {
        return told(
                id,
                jdbc.update(
                                "UPDATE replay_job SET status = 'COMPLETED', status_detail = NULL, finished_at = ?,"
                                        + " updated_at = ? WHERE id = ? AND status = 'RUNNING'",
                                Timestamp.from(now),
                                Timestamp.from(now),
                                id)
                        > 0,
                ReplayJobChanged.Change.COMPLETED);
    }

    boolean pauseIfRunning(long id, String detail, Instant now) {
        return told(
                id,
                jdbc.update(
                                "UPDATE replay_job SET status = 'PAUSED', status_detail = ?, updated_at = ? WHERE id = ?"
                                        + " AND status = 'RUNNING'",
                                clip(detail),
                                Timestamp.from(now),
                                id)
                        > 0,
                ReplayJobChanged.Change.PAUSED);
    }

    /** Tells listeners (the notification outbox) about a change that applied, in its transaction. */
    private boolean told(long id, boolean applied, ReplayJobChanged.Change change) {
        if (applied) {
            find(id).ifPresent(job -> events.publishEvent(new ReplayJobChanged(job, change)));
        }
        return applied;
    }

    void watchCanaryUntil(long id, Instant until) {
        jdbc.update("UPDATE replay_job SET canary_until = ? WHERE id = ?", Timestamp.from(until), id);
    }

    void canaryPassed(long id, Instant now) {
        jdbc.update("UPDATE replay_job SET canary_passed = TRUE, updated_at = ? WHERE id = ?", Timestamp.from(now), id);
    }

    /** The step's messages are out: watch them until then. */
    void watchStepUntil(long id, int step, Instant until) {
        jdbc.update(
                "UPDATE replay_job SET ramp_step_until = ?, ramp_step_back = 0 WHERE id = ? AND ramp_step = ?",
                Timestamp.from(until),
                id,
                step);
    }

    /** The step passed its watch (or had nothing to watch): on to the next. */
    void nextStep(long id, int step, Instant now) {
        jdbc.update(
                "UPDATE replay_job SET ramp_step = ? + 1, ramp_step_until = NULL, ramp_step_back = 0, updated_at = ?"
                        + " WHERE id = ? AND ramp_step = ?",
                step,
                Timestamp.from(now),
                id,
                step);
    }

    void stepBack(long id, int step, int back) {
        jdbc.update(
                "UPDATE replay_job SET ramp_step_back = ? WHERE id = ? AND ramp_step = ? AND ramp_step_back <> ?",
                back,
                id,
                step,
                back);
    }

    static String clip(String detail) {
        return detail.length() > 1000 ? detail.substring(0, 999) + "…" : detail;
    }

    private static ReplayJob job(ResultSet rs, int row) throws SQLException {
        return new ReplayJob(
                rs.getLong("id"),
                instant(rs, "created_at"),
                rs.getString("created_by"),
                rs.getString("reason"),
                ReplayStatus.valueOf(rs.getString("status")),
                rs.getString("status_detail"),
                rs.getString("target_connection"),
                rs.getString("target_queue"),
                rs.getInt("rate_per_second"),
                rs.getBoolean("forced"),
                rs.getString("selection"),
                rs.getString("runbook_step"),
                rs.getInt("total"),
                rs.getInt("sent"),
                rs.getInt("skipped"),
                rs.getInt("failed"),
                rs.getInt("ambiguous"),
                rs.getInt("attributes_not_added"),
                instant(rs, "updated_at"),
                instant(rs, "finished_at"),
                rs.getInt("canary_size"),
                instant(rs, "canary_until"),
                rs.getBoolean("canary_passed"),
                rs.getString("approval_needed"),
                rs.getString("approved_by"),
                instant(rs, "approved_at"),
                rs.getString("approval_reason"),
                new Ramp(
                        Ramp.decode(rs.getString("ramp_steps"), rs.getInt("canary_size"), rs.getInt("total")),
                        rs.getInt("ramp_threshold"),
                        rs.getInt("ramp_step"),
                        instant(rs, "ramp_step_until"),
                        rs.getInt("ramp_step_back")),
                new ReplayStart(
                        instant(rs, "start_at"),
                        rs.getString("health_url"),
                        rs.getInt("healthy_times"),
                        instant(rs, "start_deadline"),
                        rs.getInt("healthy_streak"),
                        rs.getString("health_last")));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        var at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
