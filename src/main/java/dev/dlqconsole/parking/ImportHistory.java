package dev.dlqconsole.parking;

import dev.dlqconsole.parking.MessageDetails.HistoryEntry;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** An imported message's page says so first: who imported it, from which file, and from where. */
@Component
class ImportHistory implements MessageHistory {

    private final JdbcTemplate jdbc;

    ImportHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<HistoryEntry> historyOf(long parkedMessageId) {
        return jdbc.query(
                "SELECT * FROM message_import WHERE message_id = ?",
                (rs, row) -> {
                    var from = new StringBuilder("From ")
                            .append(
                                    rs.getString("file_name") == null
                                            ? "a JSON Lines export"
                                            : rs.getString("file_name"));
                    if (rs.getString("original_dlq") != null) {
                        from.append("; exported from ")
                                .append(rs.getString("original_connection"))
                                .append('/')
                                .append(rs.getString("original_dlq"));
                        long original = rs.getLong("original_id");
                        if (!rs.wasNull()) {
                            from.append(" as message ").append(original);
                        }
                    }
                    int masked = rs.getInt("masked_values");
                    if (masked > 0) {
                        from.append(String.format(
                                "; %d value%s masked by the export (the body holds the mask, not the value)",
                                masked, masked == 1 ? " was" : "s were"));
                    }
                    return new HistoryEntry(
                            rs.getTimestamp("imported_at").toInstant(),
                            "Imported",
                            rs.getString("imported_by"),
                            from.toString());
                },
                parkedMessageId);
    }
}
