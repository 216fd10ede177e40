package dev.dlqconsole.incident;

import dev.dlqconsole.audit.IncidentRef;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The incidents' SQL. */
@Repository
class Incidents {

    private final JdbcTemplate jdbc;

    Incidents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Incidents scoped to an old failure group id move to its new one; returns how many moved. Read
     * first, written by id: an id that is old for one group and new for another is not moved twice.
     */
    int renameScopeFingerprints(java.util.Map<String, String> newByOld) {
        var moves = new java.util.ArrayList<Object[]>();
        jdbc.query("SELECT id, scope_fingerprint FROM incident WHERE scope_fingerprint IS NOT NULL", rs -> {
            var renamed = newByOld.get(rs.getString(2));
            if (renamed != null) {
                moves.add(new Object[] {renamed, rs.getLong(1)});
            }
        });
        jdbc.batchUpdate("UPDATE incident SET scope_fingerprint = ? WHERE id = ?", moves);
        return moves.size();
    }

    long insert(
            String title,
            String runbookId,
            String runbookTitle,
            @Nullable String scopeDlq,
            @Nullable String scopeFingerprint,
            String by,
            Instant at) {
        var keys = new GeneratedKeyHolder();
        jdbc.update(
                connection -> {
                    var ps = connection.prepareStatement(
                            "INSERT INTO incident (title, runbook_id, runbook_title, scope_dlq, scope_fingerprint,"
                                    + " status, opened_by, opened_at) VALUES (?, ?, ?, ?, ?, 'OPEN', ?, ?)",
                            new String[] {"id"});
                    ps.setString(1, title);
                    ps.setString(2, runbookId);
                    ps.setString(3, runbookTitle);
                    ps.setString(4, scopeDlq);
                    ps.setString(5, scopeFingerprint);
                    ps.setString(6, by);
                    ps.setTimestamp(7, Timestamp.from(at));
                    return ps;
                },
                keys);
        return keys.getKeyAs(Number.class).longValue();
    }

    void insertStep(long incidentId, int number, String title, String by, Instant at) {
        jdbc.update(
                "INSERT INTO incident_step (incident_id, step, title, state, by_user, at) VALUES (?, ?, ?, 'OPEN', ?, ?)",
                incidentId,
                number,
                title,
                by,
                Timestamp.from(at));
    }

    int completeStep(
            long incidentId, int number, IncidentStep.State state, @Nullable String note, String by, Instant at) {
        return jdbc.update(
                "UPDATE incident_step SET state = ?, note = ?, by_user = ?, at = ? WHERE incident_id = ? AND step = ?"
                        + " AND state = 'OPEN'",
                state.name(),
                note,
                by,
                Timestamp.from(at),
                incidentId,
                number);
    }

    int close(long incidentId, String summary, String by, Instant at) {
        jdbc.update("DELETE FROM active_incident WHERE incident_id = ?", incidentId);
        return jdbc.update(
                "UPDATE incident SET status = 'CLOSED', summary = ?, closed_by = ?, closed_at = ? WHERE id = ?"
                        + " AND status = 'OPEN'",
                summary,
                by,
                Timestamp.from(at),
                incidentId);
    }

    void workOn(String username, long incidentId) {
        jdbc.update("DELETE FROM active_incident WHERE username = ?", username);
        jdbc.update("INSERT INTO active_incident (username, incident_id) VALUES (?, ?)", username, incidentId);
    }

    void stopWorking(String username) {
        jdbc.update("DELETE FROM active_incident WHERE username = ?", username);
    }

    Optional<Incident> find(long id) {
        return jdbc.query("SELECT * FROM incident WHERE id = ?", Incidents::incident, id).stream()
                .findFirst();
    }

    List<Incident> recent(int limit) {
        return jdbc.query(
                "SELECT * FROM incident ORDER BY CASE WHEN status = 'OPEN' THEN 0 ELSE 1 END, id DESC LIMIT ?",
                Incidents::incident,
                limit);
    }

    List<IncidentStep> steps(long incidentId) {
        return jdbc.query(
                "SELECT * FROM incident_step WHERE incident_id = ? ORDER BY step",
                (rs, row) -> {
                    var state = IncidentStep.State.valueOf(rs.getString("state"));
                    return new IncidentStep(
                            rs.getInt("step"),
                            rs.getString("title"),
                            state,
                            rs.getString("note"),
                            state == IncidentStep.State.OPEN ? null : rs.getString("by_user"),
                            state == IncidentStep.State.OPEN
                                    ? null
                                    : rs.getTimestamp("at").toInstant());
                },
                incidentId);
    }

    /** The open incident a user works on, and its first step still open. */
    Optional<IncidentRef> activeFor(String username) {
        return jdbc
                .query(
                        "SELECT i.id, i.title, s.step, s.title AS step_title FROM active_incident a"
                                + " JOIN incident i ON i.id = a.incident_id AND i.status = 'OPEN'"
                                + " LEFT JOIN incident_step s ON s.incident_id = i.id AND s.state = 'OPEN'"
                                + " AND s.step = (SELECT MIN(o.step) FROM incident_step o WHERE o.incident_id = i.id"
                                + " AND o.state = 'OPEN')"
                                + " WHERE a.username = ?",
                        (rs, row) -> {
                            var step = rs.getInt("step");
                            return new IncidentRef(
                                    rs.getLong("id"),
                                    rs.getString("title"),
                                    rs.wasNull() ? null : step,
                                    rs.getString("step_title"));
                        },
                        username)
                .stream()
                .findFirst();
    }

    private static Incident incident(ResultSet rs, int row) throws SQLException {
        var closedAt = rs.getTimestamp("closed_at");
        return new Incident(
                rs.getLong("id"),
                rs.getString("title"),
                rs.getString("runbook_id"),
                rs.getString("runbook_title"),
                rs.getString("scope_dlq"),
                rs.getString("scope_fingerprint"),
                "OPEN".equals(rs.getString("status")),
                rs.getString("opened_by"),
                rs.getTimestamp("opened_at").toInstant(),
                rs.getString("closed_by"),
                closedAt == null ? null : closedAt.toInstant(),
                rs.getString("summary"));
    }
}
