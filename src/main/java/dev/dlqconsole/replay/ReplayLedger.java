package dev.dlqconsole.replay;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The ledger's SQL: one row per (job, parked message), written before anything is sent. */
@Repository
class ReplayLedger {

    private final JdbcTemplate jdbc;

    ReplayLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insertPending(long jobId, List<LedgerEntry> entries, Instant now) {
        jdbc.batchUpdate(
                "INSERT INTO replay_ledger (job_id, parked_message_id, seq, replay_id, status, target_queue, detail,"
                        + " original_trace_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                entries,
                1_000,
                (ps, e) -> {
                    ps.setLong(1, jobId);
                    ps.setLong(2, e.parkedMessageId());
                    ps.setInt(3, e.seq());
                    ps.setString(4, e.replayId());
                    ps.setString(5, e.status().name());
                    ps.setString(6, e.targetQueue());
                    ps.setString(7, e.detail());
                    ps.setString(8, e.originalTraceId());
                    ps.setTimestamp(9, Timestamp.from(now));
                });
    }

    /**
     * The next entries to send after {@code afterSeq} and below {@code seqBelow} (the canary), in send
     * order; SENDING ones are those a crash left unresolved.
     */
    List<LedgerEntry> next(long jobId, int afterSeq, int seqBelow, int limit) {
        return jdbc.query(
                "SELECT * FROM replay_ledger WHERE job_id = ? AND seq > ? AND seq < ?"
                        + " AND status IN ('PENDING', 'SENDING') ORDER BY job_id, seq LIMIT ?",
                ReplayLedger::entry,
                jobId,
                afterSeq,
                seqBelow,
                limit);
    }

    List<String> sentReplayIdsBelow(long jobId, int seqBelow) {
        return jdbc.queryForList(
                "SELECT replay_id FROM replay_ledger WHERE job_id = ? AND seq < ? AND status = 'SENT'",
                String.class,
                jobId,
                seqBelow);
    }

    /** Messages all jobs sent to a queue since a moment: the hourly budget's meter. */
    int sentTo(String targetQueue, Instant since) {
        var n = jdbc.queryForObject(
                "SELECT count(*) FROM replay_ledger WHERE target_queue = ? AND status = 'SENT' AND updated_at >= ?",
                Integer.class,
                targetQueue,
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

    void markAll(long jobId, List<Long> parkedMessageIds, LedgerStatus status, @Nullable String detail, Instant now) {
        jdbc.batchUpdate(
                "UPDATE replay_ledger SET status = ?, detail = ?, updated_at = ? WHERE job_id = ? AND parked_message_id = ?",
                parkedMessageIds,
                1_000,
                (ps, id) -> {
                    ps.setString(1, status.name());
                    ps.setString(2, detail);
                    ps.setTimestamp(3, Timestamp.from(now));
                    ps.setLong(4, jobId);
                    ps.setLong(5, id);
                });
    }

    /** One SENT row per accepted message: {parked message id, SQS message id, replay trace id}. */
    void markSentAll(long jobId, List<String[]> sent, Instant now) {
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
    void markFailedAll(long jobId, List<String[]> failed, Instant now) {
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

    Map<LedgerStatus, Integer> counts(long jobId) {
        var counts = new EnumMap<LedgerStatus, Integer>(LedgerStatus.class);
        jdbc.query(
                "SELECT status, count(*) AS n FROM replay_ledger WHERE job_id = ? GROUP BY status",
                rs -> {
                    counts.put(LedgerStatus.valueOf(rs.getString("status")), rs.getInt("n"));
                },
                jobId);
        return counts;
    }

    private static LedgerEntry entry(ResultSet rs, int row) throws SQLException {
        return new LedgerEntry(
                rs.getLong("job_id"),
                rs.getLong("parked_message_id"),
                rs.getInt("seq"),
                rs.getString("replay_id"),
                LedgerStatus.valueOf(rs.getString("status")),
                rs.getString("target_queue"),
                rs.getString("detail"),
                rs.getString("sqs_message_id"),
                rs.getString("original_trace_id"),
                rs.getString("replay_trace_id"),
                rs.getTimestamp("updated_at").toInstant());
    }
}
