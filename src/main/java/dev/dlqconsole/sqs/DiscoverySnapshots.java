package dev.dlqconsole.sqs;

import java.sql.Timestamp;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What discovery last found on each connection, shared through the database: the instance that ran a
 * refresh writes it, the other instances of a cluster read it instead of asking SQS again.
 */
@Repository
class DiscoverySnapshots {

    private static final Logger log = LoggerFactory.getLogger(DiscoverySnapshots.class);
    private static final JsonMapper json = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;

    DiscoverySnapshots(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Shares an inventory unless a fresher one is already shared (refreshes may overlap). */
    void save(ConnectionInventory inventory) {
        var text = json.writeValueAsString(inventory);
        var at = Timestamp.from(inventory.discoveredAt());
        int updated = jdbc.update(
                "UPDATE discovery_snapshot SET discovered_at = ?, inventory = ? WHERE connection = ?"
                        + " AND discovered_at <= ?",
                at,
                text,
                inventory.connection(),
                at);
        if (updated == 0) {
            jdbc.update(
                    "INSERT INTO discovery_snapshot (connection, discovered_at, inventory) VALUES (?, ?, ?)"
                            + " ON CONFLICT DO NOTHING",
                    inventory.connection(),
                    at,
                    text);
        }
    }

    Optional<ConnectionInventory> load(String connection) {
        return jdbc
                .query(
                        "SELECT inventory FROM discovery_snapshot WHERE connection = ?",
                        (rs, row) -> rs.getString(1),
                        connection)
                .stream()
                .findFirst()
                .flatMap(text -> {
                    try {
                        return Optional.of(json.readValue(text, ConnectionInventory.class));
                    } catch (JacksonException e) {
                        // Written by another version of the console: this instance asks SQS itself.
                        log.info("Ignoring the discovery snapshot of '{}': {}", connection, e.getOriginalMessage());
                        return Optional.empty();
                    }
                });
    }
}
