package dev.dlqconsole.replay;

import dev.dlqconsole.base.DatabaseProduct;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The ledger's SQL: one row per (job, parked message), written before anything is sent. Changes of a
 * wave's entries are set-based statements (one per outcome), written in the executor's fenced
 * transactions.
 */
@Repository
class ReplayLedger {

    /** A FIFO group waits while an entry of it, bound for the same queue, has failed in this job. */
    private static final String FAILED_IN_GROUP = "EXISTS (SELECT 1 FROM replay_ledger b WHERE b.job_id = l.job_id"
            + " AND b.status = 'FAILED' AND b.group_id = l.group_id AND b.target_connection = l.target_connection"
            + " AND b.target_queue = l.target_queue)";

    private static final String NOT_HELD = " AND (l.group_id IS NULL OR NOT " + FAILED_IN_GROUP + ")";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final DatabaseProduct database;

    ReplayLedger(JdbcTemplate jdbc, NamedParameterJdbcTemplate named, DatabaseProduct database) {
        this.jdbc = jdbc;
        this.named = named;
        this.database = database;
    }

    void insert(long jobId, List<LedgerEntry> entries, Instant now) {
        jdbc.batchUpdate(
                "INSERT INTO replay_ledger (job_id, parked_message_id, seq, replay_id, status, target_connection,"
                        + " target_queue, group_id, detail, original_trace_id, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                entries,
                1_000,
                (ps, e) -> {
                    ps.setLong(1, jobId);
                    ps.setLong(2, e.parkedMessageId());
                    ps.setInt(3, e.seq());
                    ps.setString(4, e.replayId());
                    ps.setString(5, e.status().name());
                    ps.setString(6, e.targetConnection());
                    ps.setString(7, e.targetQueue());
                    ps.setString(8, e.groupId());
                    ps.setString(9, e.detail());
                    ps.setString(10, e.originalTraceId());
                    ps.setTimestamp(11, Timestamp.from(now));
                });
    }

    /**
     * The next entries to send after {@code afterSeq}, in send order, leaving out FIFO groups that wait
     * behind a failed entry; SENDING ones are those whose outcome nobody knows yet.
     */
    List<LedgerEntry> next(long jobId, int afterSeq, int limit) {
        return jdbc.query(
                "SELECT * FROM replay_ledger l WHERE l.job_id = ? AND l.seq > ? AND l.status IN ('PENDING', 'SENDING')"
                        + NOT_HELD + " ORDER BY l.job_id, l.seq LIMIT ?",
                ReplayLedger::entry,
                jobId,
                afterSeq,
                limit);
    }

    /** Entries still to send that wait behind a failed entry of their FIFO group. */
    int held(long jobId) {
        var n = jdbc.queryForObject(
                "SELECT count(*) FROM replay_ledger l WHERE l.job_id = ? AND l.status = 'PENDING'"
                        + " AND l.group_id IS NOT NULL AND " + FAILED_IN_GROUP,
                Integer.class,
                jobId);
        return n == null ? 0 : n;
    }

    List<String> sentReplayIds(long jobId) {
        return jdbc.queryForList(
                "SELECT replay_id FROM replay_ledger WHERE job_id = ? AND status = 'SENT'", String.class, jobId);
    }

    /** Marks what the job sent and no step has claimed yet as the step's: its watch looks at those. */
    int stampStep(long jobId, int step) {
        return jdbc.update(
                "UPDATE replay_ledger SET ramp_step = ? WHERE job_id = ? AND status = 'SENT' AND ramp_step IS NULL",
                step,
                jobId);
    }

    /** Whether the job sent something that no step has claimed yet. */
    boolean sentOutsideSteps(long jobId) {
        return !jdbc.queryForList(
                        "SELECT 1 FROM replay_ledger WHERE job_id = ? AND status = 'SENT' AND ramp_step IS NULL"
                                + " FETCH FIRST 1 ROWS ONLY",
                        Integer.class,
                        jobId)
                .isEmpty();
    }

    List<String> sentReplayIds(long jobId, int step) {
        return jdbc.queryForList(
                "SELECT replay_id FROM replay_ledger WHERE job_id = ? AND status = 'SENT' AND ramp_step = ?",
                String.class,
                jobId,
                step);
    }

    /** Messages sent in each step so far, by step. */
    Map<Integer, Integer> sentPerStep(long jobId) {
        var counts = new LinkedHashMap<Integer, Integer>();
        jdbc.query(
                "SELECT ramp_step, count(*) FROM replay_ledger WHERE job_id = ? AND status = 'SENT'"
                        + " AND ramp_step IS NOT NULL GROUP BY ramp_step ORDER BY ramp_step",
                rs -> {
                    counts.put(rs.getInt(1), rs.getInt(2));
                },
                jobId);
        return counts;
    }

    /** Messages all jobs sent to a (connection, queue) since a moment: the hourly budget's meter. */
    int sentTo(ReplayTarget target, Instant since) {
        var n = jdbc.queryForObject(
                "SELECT count(*) FROM replay_ledger WHERE target_connection = ? AND target_queue = ?"
                        + " AND status = 'SENT' AND updated_at >= ?",
                Integer.class,
                target.connection(),
                target.queue(),
                Timestamp.from(since));
        return n == null ? 0 : n;
    }

    List<LedgerEntry> page(long jobId, int offset, int limit) {
        return jdbc.query(
                "SELECT * FROM replay_ledger WHERE job_id = ? ORDER BY seq LIMIT ? OFFSET ?",
                ReplayLedger::entry,
                jobId,
                limit,
                offset);
    }

    List<LedgerEntry> forMessage(long parkedMessageId) {
        return jdbc.query(
                "SELECT * FROM replay_ledger WHERE parked_message_id = ? ORDER BY job_id",
                ReplayLedger::entry,
                parkedMessageId);
    }

    /** Sets the status of the job's entries for these messages (whatever theirs was). */
    void mark(long jobId, Collection<Long> ids, LedgerStatus status, @Nullable String detail, Instant now) {
        var params = new LinkedHashMap<String, Object>();
        params.put("status", status.name());
        params.put("detail", detail);
        params.put("at", Timestamp.from(now));
        byKeys(
                jobId,
                ids,
                "UPDATE replay_ledger SET status = :status, detail = :detail, updated_at = :at"
                        + " WHERE (job_id, parked_message_id) IN (:keys)",
                params);
    }

    /**
     * The claimed entries of a wave, about to leave: SENDING. One already SENDING was sent before by
     * someone who never heard back (a crash, a takeover, a lost answer): it becomes ambiguous.
     */
    void sending(long jobId, Collection<Long> ids, Instant now) {
        // One statement; the right-hand sides read the row as it was (a SENDING one becomes ambiguous).
        byKeys(
                jobId,
                ids,
                "UPDATE replay_ledger SET ambiguous = CASE WHEN status = 'SENDING' THEN TRUE ELSE ambiguous END,"
                        + " status = 'SENDING', detail = NULL, updated_at = :at"
                        + " WHERE (job_id, parked_message_id) IN (:keys)",
                Map.of("at", Timestamp.from(now)));
    }

    /** Sent again after an answer that never came: these may have arrived twice. */
    void ambiguous(long jobId, Collection<Long> ids) {
        byKeys(
                jobId,
                ids,
                "UPDATE replay_ledger SET ambiguous = TRUE WHERE (job_id, parked_message_id) IN (:keys)",
                Map.of());
    }

    /**
     * One statement per thousand entries, naming each by its whole key, (job, message), so that each row
     * is found by the primary key whatever the statistics say. H2 gets {@code (job_id,
     * parked_message_id) IN ((…), …)} (it would otherwise read every entry of the job). PostgreSQL gets
     * a join with the keys as {@code VALUES}: given the row list, a planner that believes the job has
     * few entries (a job's rows are new, its statistics older) read all of them for every wave through
     * the job's index and filtered, 8 ms for 20 keys in a job of 20,000 and growing with the job, where
     * the join looks each key up (0.6 ms; ReplayBenchmark's profile on PostgreSQL).
     */
    private void byKeys(long jobId, Collection<Long> ids, String sql, Map<String, Object> params) {
        var all = List.copyOf(ids);
        var values = database.postgres();
        for (int from = 0; from < all.size(); from += 1_000) {
            // Written as numbers (H2 checks bound lists value by value for each row).
            var keys = new StringBuilder();
            for (var id : all.subList(from, Math.min(all.size(), from + 1_000))) {
                keys.append(keys.isEmpty() ? "(" : ",(")
                        .append(jobId)
                        .append(',')
                        .append(id.longValue())
                        .append(')');
            }
            named.update(
                    values
                            ? sql.replace("UPDATE replay_ledger SET", "UPDATE replay_ledger l SET")
                                    .replace(
                                            "WHERE (job_id, parked_message_id) IN (:keys)",
                                            "FROM (VALUES " + keys + ") v (j, p)"
                                                    + " WHERE l.job_id = v.j AND l.parked_message_id = v.p")
                            : sql.replace(":keys", keys),
                    params);
        }
    }

    /** One SENT row per accepted message: {parked message id, SQS message id, replay trace id}. */
    void sent(long jobId, List<String[]> sent, Instant now) {
        jdbc.batchUpdate(
                "UPDATE replay_ledger SET status = 'SENT', sqs_message_id = ?, replay_trace_id = ?, detail = NULL,"
                        + " updated_at = ? WHERE job_id = ? AND parked_message_id = ?",
                sent,
                1_000,
                (ps, row) -> {
                    ps.setString(1, row[1]);
                    ps.setString(2, row[2]);
                    ps.setTimestamp(3, Timestamp.from(now));
                    ps.setLong(4, jobId);
                    ps.setLong(5, Long.parseLong(row[0]));
                });
    }

    /** One FAILED row per refused message: {parked message id, error}. */
    void failed(long jobId, List<String[]> failed, Instant now) {
        jdbc.batchUpdate(
                "UPDATE replay_ledger SET status = 'FAILED', detail = ?, updated_at = ? WHERE job_id = ?"
                        + " AND parked_message_id = ?",
                failed,
                1_000,
                (ps, row) -> {
                    ps.setString(1, row[1]);
                    ps.setTimestamp(2, Timestamp.from(now));
                    ps.setLong(3, jobId);
                    ps.setLong(4, Long.parseLong(row[0]));
                });
    }

    /** The job's entries whose send has an unknown outcome, with their replay ids, by parked message id. */
    Map<Long, String> sendingReplayIds(long jobId) {
        var ids = new LinkedHashMap<Long, String>();
        jdbc.query(
                "SELECT parked_message_id, replay_id FROM replay_ledger WHERE job_id = ? AND status = 'SENDING'",
                rs -> {
                    ids.put(rs.getLong(1), rs.getString(2));
                },
                jobId);
        return ids;
    }

    /** The job's FAILED entries, by parked message id (FIFO ones hold their group). */
    List<LedgerEntry> failedEntries(long jobId) {
        return jdbc.query(
                "SELECT * FROM replay_ledger WHERE job_id = ? AND status = 'FAILED' ORDER BY seq",
                ReplayLedger::entry,
                jobId);
    }

    /** Counts by status, and how many entries are ambiguous. */
    Counts counts(long jobId) {
        var counts = new EnumMap<LedgerStatus, Integer>(LedgerStatus.class);
        var ambiguous = new int[1];
        jdbc.query(
                "SELECT status, count(*) AS n, sum(CASE WHEN ambiguous THEN 1 ELSE 0 END) AS a FROM replay_ledger"
                        + " WHERE job_id = ? GROUP BY status",
                rs -> {
                    counts.put(LedgerStatus.valueOf(rs.getString("status")), rs.getInt("n"));
                    ambiguous[0] += rs.getInt("a");
                },
                jobId);
        return new Counts(counts, ambiguous[0]);
    }

    record Counts(Map<LedgerStatus, Integer> byStatus, int ambiguous) {
        int of(LedgerStatus status) {
            return byStatus.getOrDefault(status, 0);
        }
    }

    private static LedgerEntry entry(ResultSet rs, int row) throws SQLException {
        return new LedgerEntry(
                rs.getLong("job_id"),
                rs.getLong("parked_message_id"),
                rs.getInt("seq"),
                rs.getString("replay_id"),
                LedgerStatus.valueOf(rs.getString("status")),
                rs.getString("target_connection"),
                rs.getString("target_queue"),
                rs.getString("group_id"),
                rs.getString("detail"),
                rs.getString("sqs_message_id"),
                rs.getString("original_trace_id"),
                rs.getString("replay_trace_id"),
                rs.getBoolean("ambiguous"),
                rs.getTimestamp("updated_at").toInstant());
    }
}
