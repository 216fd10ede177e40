package dev.dlqconsole;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** The parking lot's rows as tests read them straight from the database, in one place. */
public final class ParkedRows {

    private ParkedRows() {}

    /** The status of one parked message (PARKED, REPLAYING, REPLAYED, DISCARDED). */
    public static String status(JdbcTemplate jdbc, long id) {
        return jdbc.queryForObject("SELECT status FROM message_state WHERE message_id = ?", String.class, id);
    }

    /** How many messages of the DLQ (on any connection) have the status. */
    public static int count(JdbcTemplate jdbc, String dlq, String status) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM message_state WHERE dlq_name = ? AND status = ?", Integer.class, dlq, status);
    }

    /**
     * As if the console had restarted with a connection renamed: the job's messages (and what the job
     * recorded of them) name a connection no longer configured.
     */
    public static void renameConnection(JdbcTemplate jdbc, long jobId, List<Long> ids, String name) {
        jdbc.update("UPDATE replay_ledger SET target_connection = ? WHERE job_id = ?", name, jobId);
    }

    /** The ids of a DLQ's messages on one connection, oldest first. */
    public static List<Long> ids(JdbcTemplate jdbc, String connection, String dlq) {
        return jdbc.queryForList(
                "SELECT id FROM parked_message WHERE connection_name = ? AND dlq_name = ? ORDER BY id",
                Long.class,
                connection,
                dlq);
    }
}
