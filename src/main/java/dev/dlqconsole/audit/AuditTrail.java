package dev.dlqconsole.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The audit trail's SQL. There is no UPDATE or DELETE of audit_event here, and there must never be. */
@Repository
class AuditTrail {

    private final JdbcTemplate jdbc;

    AuditTrail(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks the chain's head until the transaction ends and returns it. */
    Head lockHead() {
        return jdbc.queryForObject(
                "SELECT last_id, last_hash, keyed_from, mac FROM audit_head WHERE id = 1 FOR UPDATE", AuditTrail::head);
    }

    /**
     * Inserts the event with its keyed hash (null while the chain is not keyed), and moves the head to
     * it: {@code headMac} computes the head's keyed hash from the new event's id.
     */
    long append(AuditEvent e, @Nullable String mac, @Nullable Long keyedFrom, LongFunction<@Nullable String> headMac) {
        var keys = new GeneratedKeyHolder();
        jdbc.update(
                connection -> {
                    var ps = connection.prepareStatement(
                            "INSERT INTO audit_event (at, actor, action, targets, reason, incident_id, step, outcome,"
                                    + " detail, prev_hash, hash, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            new String[] {"id"});
                    ps.setTimestamp(1, Timestamp.from(e.at()));
                    ps.setString(2, e.actor());
                    ps.setString(3, e.action());
                    ps.setString(4, e.targets());
                    ps.setString(5, e.reason());
                    if (e.incidentId() == null) {
                        ps.setNull(6, Types.BIGINT);
                    } else {
                        ps.setLong(6, e.incidentId());
                    }
                    if (e.step() == null) {
                        ps.setNull(7, Types.INTEGER);
                    } else {
                        ps.setInt(7, e.step());
                    }
                    ps.setString(8, e.outcome().name());
                    ps.setString(9, e.detail());
                    ps.setString(10, e.prevHash());
                    ps.setString(11, e.hash());
                    ps.setString(12, mac);
                    return ps;
                },
                keys);
        var id = keys.getKeyAs(Number.class).longValue();
        var from = keyedFrom == null && mac != null ? Long.valueOf(id) : keyedFrom;
        jdbc.update(
                "UPDATE audit_head SET last_id = ?, last_hash = ?, keyed_from = ?, mac = ? WHERE id = 1",
                id,
                e.hash(),
                from,
                headMac.apply(id));
        return id;
    }

    /** Every event up to {@code lastId} in chain order, a page at a time. */
    void eachUpTo(long lastId, Consumer<AuditEvent> consumer) {
        eachLinkUpTo(lastId, (e, mac) -> consumer.accept(e));
    }

    /** As {@link #eachUpTo}, with each event's keyed hash (null for events from before the key). */
    void eachLinkUpTo(long lastId, BiConsumer<AuditEvent, @Nullable String> consumer) {
        long after = 0;
        while (true) {
            var page = jdbc.query(
                    "SELECT * FROM audit_event WHERE id > ? AND id <= ? ORDER BY id LIMIT 1000",
                    (rs, row) ->
                            java.util.Map.entry(event(rs, row), java.util.Optional.ofNullable(rs.getString("mac"))),
                    after,
                    lastId);
            page.forEach(link -> consumer.accept(link.getKey(), link.getValue().orElse(null)));
            if (page.size() < 1000) {
                return;
            }
            after = page.getLast().getKey().id();
        }
    }

    /** The hash of one event, if it is there. */
    java.util.Optional<String> hashOf(long id) {
        return jdbc.queryForList("SELECT hash FROM audit_event WHERE id = ?", String.class, id).stream()
                .findFirst();
    }

    /** The chain's head as committed now: the last event's id and hash, and its keyed part. */
    Head head() {
        return jdbc.queryForObject(
                "SELECT last_id, last_hash, keyed_from, mac FROM audit_head WHERE id = 1", AuditTrail::head);
    }

    private static Head head(ResultSet rs, int row) throws SQLException {
        return new Head(
                rs.getLong("last_id"),
                rs.getString("last_hash"),
                rs.getObject("keyed_from", Long.class),
                rs.getString("mac"));
    }

    /** Where the chain ends; the first event of its keyed part (null before the key) and the head's keyed hash. */
    record Head(
            long lastId,
            String lastHash,
            @Nullable Long keyedFrom,
            @Nullable String mac) {}

    /** Keeps the newest verification where every instance of a cluster reads it. */
    void saveVerification(Verification v) {
        jdbc.update(
                "UPDATE audit_verification SET verified_at = ?, checked = ?, broken_id = ?, problem = ?"
                        // An older walk finishing late must not replace a newer result.
                        + " WHERE id = 1 AND (verified_at IS NULL OR verified_at <= ?)",
                java.sql.Timestamp.from(v.at()),
                v.checked(),
                v.brokenEventId(),
                v.problem(),
                java.sql.Timestamp.from(v.at()));
    }

    java.util.Optional<Verification> lastVerification() {
        return jdbc
                .query(
                        "SELECT verified_at, checked, broken_id, problem FROM audit_verification"
                                + " WHERE id = 1 AND verified_at IS NOT NULL",
                        (rs, row) -> new Verification(
                                rs.getTimestamp(1).toInstant(),
                                rs.getLong(2),
                                rs.getObject(3, Long.class),
                                rs.getString(4)))
                .stream()
                .findFirst();
    }

    List<AuditEvent> search(AuditQuery q, int offset, int limit) {
        var sql = new StringBuilder("SELECT * FROM audit_event WHERE 1 = 1");
        var args = new ArrayList<Object>();
        if (q.actor() != null) {
            sql.append(" AND actor = ?");
            args.add(q.actor());
        }
        if (q.action() != null) {
            sql.append(" AND action = ?");
            args.add(q.action());
        }
        if (q.from() != null) {
            sql.append(" AND at >= ?");
            args.add(Timestamp.from(q.from()));
        }
        if (q.to() != null) {
            sql.append(" AND at < ?");
            args.add(Timestamp.from(q.to()));
        }
        if (q.incidentId() != null) {
            sql.append(" AND incident_id = ?");
            args.add(q.incidentId());
        }
        if (q.target() != null) {
            sql.append(" AND LOWER(targets) LIKE ? ESCAPE '\\'");
            args.add("%"
                    + q.target()
                            .toLowerCase()
                            .replace("\\", "\\\\")
                            .replace("%", "\\%")
                            .replace("_", "\\_") + "%");
        }
        sql.append(" ORDER BY id DESC LIMIT ? OFFSET ?");
        args.add(limit);
        args.add(offset);
        return jdbc.query(sql.toString(), AuditTrail::event, args.toArray());
    }

    List<AuditEvent> ofIncident(long incidentId) {
        return jdbc.query("SELECT * FROM audit_event WHERE incident_id = ? ORDER BY id", AuditTrail::event, incidentId);
    }

    List<String> actions() {
        return jdbc.queryForList("SELECT DISTINCT action FROM audit_event ORDER BY action", String.class);
    }

    private static AuditEvent event(ResultSet rs, int row) throws SQLException {
        var incident = rs.getLong("incident_id");
        var incidentId = rs.wasNull() ? null : incident;
        var step = rs.getInt("step");
        var stepNumber = rs.wasNull() ? null : step;
        return new AuditEvent(
                rs.getLong("id"),
                rs.getTimestamp("at").toInstant(),
                rs.getString("actor"),
                rs.getString("action"),
                rs.getString("targets"),
                rs.getString("reason"),
                incidentId,
                stepNumber,
                AuditEvent.Outcome.valueOf(rs.getString("outcome")),
                rs.getString("detail"),
                rs.getString("prev_hash"),
                rs.getString("hash"));
    }
}
