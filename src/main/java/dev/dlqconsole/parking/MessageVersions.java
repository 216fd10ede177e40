package dev.dlqconsole.parking;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The edits of parked messages ({@code message_version}, V22): added, never changed. The latest one
 * of a message is what a replay sends; a message without one is sent as parked.
 */
@Repository
class MessageVersions {

    private static final String LATEST = "SELECT v.parked_message_id, v.version, v.body, v.attributes_json"
            + " FROM message_version v WHERE v.version = (SELECT MAX(l.version) FROM message_version l"
            + " WHERE l.parked_message_id = v.parked_message_id) AND v.parked_message_id IN (";

    private final JdbcTemplate jdbc;

    MessageVersions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A version's content: its body and attributes as stored (real values, not masked). */
    record Content(long messageId, int version, byte[] body, String attributesJson) {}

    /** A version to add. */
    record New(
            long messageId,
            int version,
            byte[] body,
            String attributesJson,
            String bodySha256,
            String editedBy,
            Instant editedAt,
            String reason,
            boolean bulk) {}

    Optional<Content> latest(long messageId) {
        return Optional.ofNullable(latest(List.of(messageId)).get(messageId));
    }

    /** The latest version of each of these messages that has one. */
    Map<Long, Content> latest(Collection<Long> ids) {
        var latest = new HashMap<Long, Content>();
        if (ids.isEmpty()) {
            return latest;
        }
        jdbc.query(LATEST + ParkingLot.literals(ids) + ")", rs -> {
            latest.put(rs.getLong(1), new Content(rs.getLong(1), rs.getInt(2), rs.getBytes(3), rs.getString(4)));
        });
        return latest;
    }

    Optional<Content> version(long messageId, int version) {
        return jdbc
                .query(
                        "SELECT parked_message_id, version, body, attributes_json FROM message_version"
                                + " WHERE parked_message_id = ? AND version = ?",
                        (rs, row) -> new Content(rs.getLong(1), rs.getInt(2), rs.getBytes(3), rs.getString(4)),
                        messageId,
                        version)
                .stream()
                .findFirst();
    }

    /** The versions of a message, oldest first, without their content. */
    List<MessageVersion> history(long messageId) {
        return jdbc.query(
                "SELECT parked_message_id, version, edited_by, edited_at, reason, bulk, OCTET_LENGTH(body)"
                        + " FROM message_version WHERE parked_message_id = ? ORDER BY version",
                (rs, row) -> new MessageVersion(
                        rs.getLong(1),
                        rs.getInt(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        rs.getString(5),
                        rs.getBoolean(6),
                        rs.getInt(7)),
                messageId);
    }

    /** Which of these messages have been edited. */
    Set<Long> edited(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.queryForList(
                "SELECT DISTINCT parked_message_id FROM message_version WHERE parked_message_id IN ("
                        + ParkingLot.literals(ids) + ")",
                Long.class));
    }

    /**
     * Adds the versions in one batch. Two edits of one message at once: the primary key lets one of
     * them in, the other fails and changes nothing.
     */
    void insert(List<New> versions) {
        jdbc.batchUpdate(
                "INSERT INTO message_version (parked_message_id, version, body, attributes_json, body_sha256,"
                        + " edited_by, edited_at, reason, bulk) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                versions,
                Math.max(1, versions.size()),
                (ps, v) -> {
                    ps.setLong(1, v.messageId());
                    ps.setInt(2, v.version());
                    ps.setBytes(3, v.body());
                    ps.setString(4, v.attributesJson());
                    ps.setString(5, v.bodySha256());
                    ps.setString(6, v.editedBy());
                    ps.setTimestamp(7, Timestamp.from(v.editedAt()));
                    ps.setString(8, v.reason());
                    ps.setBoolean(9, v.bulk());
                });
    }
}
