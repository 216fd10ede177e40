package dev.dlqconsole.parking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code failure_group_work} rows: one per failure group someone has worked (V17). */
@Repository
class FailureGroupWork {

    private static final String COLUMNS =
            "fingerprint, status, owner, ticket_url, notes, changed_at, changed_by, reopened_at, version";

    private final JdbcTemplate jdbc;

    FailureGroupWork(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A closed group that new messages joined: how many, and when the first of them was parked. */
    record Reopening(GroupWork work, long newMessages, Instant firstNewAt) {}

    Map<String, GroupWork> all() {
        var all = new HashMap<String, GroupWork>();
        jdbc.query("SELECT " + COLUMNS + " FROM failure_group_work", rs -> {
            var work = work(rs);
            all.put(work.fingerprint(), work);
        });
        return all;
    }

    Optional<GroupWork> find(String fingerprint) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM failure_group_work WHERE fingerprint = ?",
                        (rs, row) -> work(rs),
                        fingerprint)
                .stream()
                .findFirst();
    }

    /** The newest message of the group (0 when it has none): a later one reopens it once it is closed. */
    long newestMessage(String fingerprint) {
        var newest = jdbc.queryForObject(
                "SELECT max(id) FROM parked_message WHERE fingerprint = ?", Long.class, fingerprint);
        return newest == null ? 0 : newest;
    }

    /**
     * Saves a change over the version the person saw: false when someone else saved in between (or
     * created the row first), so nothing they did not see is overwritten.
     */
    boolean save(GroupWork seen, GroupWork.Change change, String by, Instant at, @Nullable Long closedThrough) {
        if (seen.version() < 0) {
            try {
                return jdbc.update(
                                "INSERT INTO failure_group_work (fingerprint, status, owner, ticket_url, notes,"
                                        + " changed_at, changed_by, closed_through_id, version)"
                                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)",
                                seen.fingerprint(),
                                change.status().name(),
                                change.owner(),
                                change.ticketUrl(),
                                change.notes(),
                                Timestamp.from(at),
                                by,
                                closedThrough)
                        == 1;
            } catch (DuplicateKeyException someoneElseFirst) {
                return false;
            }
        }
        return jdbc.update(
                        "UPDATE failure_group_work SET status = ?, owner = ?, ticket_url = ?, notes = ?,"
                                + " changed_at = ?, changed_by = ?, closed_through_id = ?, version = version + 1"
                                + " WHERE fingerprint = ? AND version = ?",
                        change.status().name(),
                        change.owner(),
                        change.ticketUrl(),
                        change.notes(),
                        Timestamp.from(at),
                        by,
                        closedThrough,
                        seen.fingerprint(),
                        seen.version())
                == 1;
    }

    /**
     * Closed groups a message joined after they were closed. Each group's newest message is one step
     * down {@code ix_parked_fingerprint}, so this stays cheap with a million messages parked.
     */
    List<Reopening> reopenings() {
        return jdbc.query(
                "SELECT " + COLUMNS + ", closed_through_id FROM failure_group_work w"
                        + " WHERE w.status IN ('REPLAYED', 'IGNORED') AND w.closed_through_id IS NOT NULL"
                        + " AND EXISTS (SELECT 1 FROM parked_message m WHERE m.fingerprint = w.fingerprint"
                        + " AND m.id > w.closed_through_id)",
                (rs, row) -> {
                    var work = work(rs);
                    var through = rs.getLong("closed_through_id");
                    var first = jdbc.queryForObject(
                            "SELECT parked_at FROM parked_message WHERE fingerprint = ? AND id > ?"
                                    + " ORDER BY id FETCH FIRST 1 ROWS ONLY",
                            Timestamp.class,
                            work.fingerprint(),
                            through);
                    var count = jdbc.queryForObject(
                            "SELECT count(*) FROM parked_message WHERE fingerprint = ? AND id > ?",
                            Long.class,
                            work.fingerprint(),
                            through);
                    return new Reopening(work, count, first.toInstant());
                });
    }

    /** Reopens a closed group as new, over the version read; false when it changed meanwhile. */
    boolean reopen(GroupWork closed, Instant at) {
        return jdbc.update(
                        "UPDATE failure_group_work SET status = 'NEW', reopened_at = ?, closed_through_id = NULL,"
                                + " version = version + 1 WHERE fingerprint = ? AND version = ?",
                        Timestamp.from(at),
                        closed.fingerprint(),
                        closed.version())
                == 1;
    }

    /** A group whose id changed (its reasons were masked again) keeps its work. */
    int rename(Map<String, String> newByOld) {
        int moved = 0;
        for (var e : newByOld.entrySet()) {
            if (find(e.getValue()).isPresent()) {
                continue; // the new id has its own work already: the old row stays, orphaned but kept
            }
            moved += jdbc.update(
                    "UPDATE failure_group_work SET fingerprint = ? WHERE fingerprint = ?", e.getValue(), e.getKey());
        }
        return moved;
    }

    private static GroupWork work(ResultSet rs) throws SQLException {
        return new GroupWork(
                rs.getString("fingerprint"),
                GroupStatus.valueOf(rs.getString("status")),
                rs.getString("owner"),
                rs.getString("ticket_url"),
                rs.getString("notes"),
                instant(rs.getTimestamp("changed_at")),
                rs.getString("changed_by"),
                instant(rs.getTimestamp("reopened_at")),
                rs.getInt("version"));
    }

    private static @Nullable Instant instant(@Nullable Timestamp at) {
        return at == null ? null : at.toInstant();
    }
}
