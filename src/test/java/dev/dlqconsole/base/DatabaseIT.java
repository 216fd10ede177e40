package dev.dlqconsole.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dlqconsole.ConsoleIntegrationTest;
import dev.dlqconsole.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class DatabaseIT extends ConsoleIntegrationTest {

    @Autowired
    Flyway flyway;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void flyway_applies_every_migration() {
        var info = flyway.info();
        assertThat(info.pending()).isEmpty();
        assertThat(info.applied())
                .isNotEmpty()
                .allSatisfy(m -> assertThat(m.getState().isApplied()).isTrue());
        for (var table : java.util.List.of(
                "parked_message", "replay_job", "replay_ledger", "audit_event", "incident", "incident_step")) {
            assertThatNoException()
                    .as(table + " exists")
                    .isThrownBy(() -> jdbc.queryForObject("select count(*) from " + table, Long.class));
        }
    }

    @Test
    void runs_on_the_database_the_build_asked_for() {
        var product = jdbc.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName());
        assertThat(product).isEqualTo(TestDatabase.postgres() ? "PostgreSQL" : "H2");
    }

    @Test
    void postgres_commits_synchronously() {
        assumeTrue(TestDatabase.postgres(), "PostgreSQL is not switched on for this build");
        assertThat(jdbc.queryForObject("show synchronous_commit", String.class)).isEqualTo("on");
    }
}
