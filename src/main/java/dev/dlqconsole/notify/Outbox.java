package dev.dlqconsole.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The outbox's SQL ({@code notification_event}, {@code notification_delivery}, V21). Events are written
 * in the caller's transaction, with one PENDING delivery per target that wants them.
 */
@Repository
class Outbox {

    private static final String SELECT = "SELECT d.id AS d_id, d.target, d.status, d.attempts, d.next_attempt_at,"
            + " d.possible_duplicate, d.last_status, d.last_error, d.created_at AS d_created_at, d.sent_at, e.*"
            + " FROM notification_delivery d JOIN notification_event e ON e.id = d.event_id";

    private final JdbcTemplate jdbc;

    Outbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A new event, to be sent to each of {@code targets}; returns its row id. */
    long add(NewEvent event, Collection<String> targets, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.update(
                connection -> {
                    var ps = connection.prepareStatement(
                            "INSERT INTO notification_event (event_id, kind, connection_name, dlq_name, fingerprint,"
                                    + " job_id, title, detail, link, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            new String[] {"id"});
                    ps.setString(1, UUID.randomUUID().toString());
                    ps.setString(2, event.kind().name());
                    ps.setString(3, event.connection());
                    ps.setString(4, event.dlq());
                    ps.setString(5, event.fingerprint());
                    ps.setObject(6, event.jobId());
                    ps.setString(7, clip(event.title(), 300));
                    ps.setString(8, event.detail() == null ? null : clip(event.detail(), 2000));
                    ps.setString(9, clip(event.link(), 2000));
                    ps.setTimestamp(10, Timestamp.from(now));
                    return ps;
                },
                keys);
        var id = keys.getKeyAs(Number.class).longValue();
        for (var target : targets) {
            jdbc.update(
                    "INSERT INTO notification_delivery (event_id, target, status, next_attempt_at, created_at, updated_at)"
                            + " VALUES (?, ?, 'PENDING', ?, ?, ?)",
                    id,
                    target,
                    Timestamp.from(now),
                    Timestamp.from(now),
                    Timestamp.from(now));
        }
        return id;
    }

    /** What an event says before it has an id. */
    record NewEvent(
            EventKind kind,
            @Nullable String connection,
            @Nullable String dlq,
            @Nullable String fingerprint,
            @Nullable Long jobId,
            String title,
            @Nullable String detail,
            String link) {}

    /** Due deliveries, oldest first, but for the targets in {@code except}. */
    List<Delivery> due(Instant now, Collection<String> except, int limit) {
        var args = new java.util.ArrayList<Object>();
        args.add(Timestamp.from(now));
        args.addAll(except);
        args.add(limit);
        return jdbc.query(
                SELECT + " WHERE d.status = 'PENDING' AND d.next_attempt_at <= ?"
                        + (except.isEmpty()
                                ? ""
                                : " AND d.target NOT IN ("
                                        + String.join(", ", java.util.Collections.nCopies(except.size(), "?")) + ")")
                        + " ORDER BY d.status, d.next_attempt_at, d.id LIMIT ?",
                Outbox::delivery,
                args.toArray());
    }

    /**
     * The deliveries a previous lease holder left with a request out: their outcome is unknown, so they
     * go again, flagged as possible duplicates. Returns how many.
     */
    int recoverSending(Instant now) {
        return jdbc.update(
                "UPDATE notification_delivery SET status = 'PENDING', possible_duplicate = TRUE, next_attempt_at = ?,"
                        + " last_error = 'The instance sending it stopped before the answer came: sent again',"
                        + " updated_at = ? WHERE status = 'SENDING'",
                Timestamp.from(now),
                Timestamp.from(now));
    }

    void sending(long id, Instant now) {
        jdbc.update(
                "UPDATE notification_delivery SET status = 'SENDING', attempts = attempts + 1, updated_at = ? WHERE id = ?",
                Timestamp.from(now),
                id);
    }

    void sent(long id, int status, Instant now) {
        jdbc.update(
                "UPDATE notification_delivery SET status = 'SENT', last_status = ?, sent_at = ?, updated_at = ? WHERE id = ?",
                status,
                Timestamp.from(now),
                Timestamp.from(now),
                id);
    }

    /** Not delivered: again at {@code next}, or FAILED when {@code next} is null. */
    void notSent(
            long id,
            @Nullable Integer status,
            String error,
            boolean possibleDuplicate,
            @Nullable Instant next,
            Instant now) {
        jdbc.update(
                "UPDATE notification_delivery SET status = ?, last_status = ?, last_error = ?,"
                        + " possible_duplicate = possible_duplicate OR ?, next_attempt_at = ?, updated_at = ? WHERE id = ?",
                next == null ? "FAILED" : "PENDING",
                status,
                clip(error, 1000),
                possibleDuplicate,
                Timestamp.from(next == null ? now : next),
                Timestamp.from(now),
                id);
    }

    /** A failed delivery goes again, with its attempts counted afresh. */
    boolean retry(long id, Instant now) {
        return jdbc.update(
                        "UPDATE notification_delivery SET status = 'PENDING', attempts = 0, next_attempt_at = ?,"
                                + " updated_at = ? WHERE id = ? AND status = 'FAILED'",
                        Timestamp.from(now),
                        Timestamp.from(now),
                        id)
                > 0;
    }

    List<Delivery> recent(@Nullable DeliveryStatus status, int limit) {
        return status == null
                ? jdbc.query(SELECT + " ORDER BY d.id DESC LIMIT ?", Outbox::delivery, limit)
                : jdbc.query(
                        SELECT + " WHERE d.status = ? ORDER BY d.id DESC LIMIT ?",
                        Outbox::delivery,
                        status.name(),
                        limit);
    }

    long waiting() {
        var n = jdbc.queryForObject(
                "SELECT count(*) FROM notification_delivery WHERE status IN ('PENDING', 'SENDING')", Long.class);
        return n == null ? 0 : n;
    }

    // Conditions raised by the periodic check, so that each crossing is told once.

    boolean raise(String key, Instant now) {
        return jdbc.update(
                        "INSERT INTO notification_condition (condition_key, raised_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                        clip(key, 400),
                        Timestamp.from(now))
                > 0;
    }

    void clear(String key) {
        jdbc.update("DELETE FROM notification_condition WHERE condition_key = ?", clip(key, 400));
    }

    private static Delivery delivery(ResultSet rs, int row) throws SQLException {
        Long jobId = rs.getObject("job_id") == null ? null : rs.getLong("job_id");
        var event = new NotificationEvent(
                rs.getLong("id"),
                rs.getString("event_id"),
                EventKind.valueOf(rs.getString("kind")),
                rs.getString("connection_name"),
                rs.getString("dlq_name"),
                rs.getString("fingerprint"),
                jobId,
                rs.getString("title"),
                rs.getString("detail"),
                rs.getString("link"),
                rs.getTimestamp("created_at").toInstant());
        var lastStatus = rs.getInt("last_status");
        var noStatus = rs.wasNull();
        var sentAt = rs.getTimestamp("sent_at");
        return new Delivery(
                rs.getLong("d_id"),
                event,
                rs.getString("target"),
                DeliveryStatus.valueOf(rs.getString("status")),
                rs.getInt("attempts"),
                rs.getTimestamp("next_attempt_at").toInstant(),
                rs.getBoolean("possible_duplicate"),
                noStatus ? null : lastStatus,
                rs.getString("last_error"),
                rs.getTimestamp("d_created_at").toInstant(),
                sentAt == null ? null : sentAt.toInstant());
    }

    private static String clip(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }
}
