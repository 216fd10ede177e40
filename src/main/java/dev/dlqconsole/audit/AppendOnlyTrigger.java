package dev.dlqconsole.audit;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * H2's counterpart of PostgreSQL's {@code audit_event_append_only()} (db/vendor/h2/V15_1): refuses
 * every UPDATE and DELETE of an audit row. H2 creates it by name, hence public.
 */
public final class AppendOnlyTrigger implements Trigger {

    private String operation = "a change";

    @Override
    public void init(
            Connection conn, String schemaName, String triggerName, String tableName, boolean before, int type) {
        operation = (type & Trigger.DELETE) != 0 ? "DELETE" : "UPDATE";
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("audit_event is append-only: " + operation + " is not allowed", "45000");
    }
}
