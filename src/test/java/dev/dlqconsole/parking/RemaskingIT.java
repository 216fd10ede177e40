package dev.dlqconsole.parking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dlqconsole.ConsoleIntegrationTest;
import dev.dlqconsole.TestDatabase;
import dev.dlqconsole.security.SensitiveValues;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Messages parked by a console that masked only on the way out (schema V12: raw preview, search
 * text, reason, type and a fingerprint of the raw reason) are masked when the console starts: a
 * viewer then sees and searches them as if they had been parked today.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "dlq-console.embedded-sqs.port=0",
            "dlq-console.demo.enabled=false",
            "dlq-console.parking.enabled=false",
            "dlq-console.security.demo-password=" + ConsoleIntegrationTest.PASSWORD,
        })
@WithMockUser(username = "vera", roles = "VIEWER")
class RemaskingIT {

    static final String SECRET = "hunter2-legacy";
    static final String TOKEN = "tok-legacy-5150";
    private static final String REASON = "POST /charge?access_token=" + TOKEN + " failed";
    private static final String BODY = "{\"user\":\"lin\",\"password\":\"" + SECRET + "\"}";
    private static long parkedId;

    @Autowired
    ParkingService parking;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationContext context;

    /** A database as the previous release left it: migrated to V12, with one message parked the old way. */
    @DynamicPropertySource
    static void legacyDatabase(DynamicPropertyRegistry registry) throws SQLException {
        var name = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url;
        String user;
        if (TestDatabase.postgres()) {
            try (var connection = DriverManager.getConnection(TestDatabase.POSTGRES_URL, "postgres", "");
                    var statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA " + name);
            }
            url = TestDatabase.POSTGRES_URL + "?currentSchema=" + name;
            user = "postgres";
            registry.add("spring.flyway.schemas", () -> name);
            registry.add("spring.datasource.hikari.maximum-pool-size", () -> "4");
        } else {
            url = "jdbc:h2:mem:" + name
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
            user = "sa";
        }
        var flyway = Flyway.configure()
                .dataSource(url, user, "")
                .locations(
                        "classpath:db/migration",
                        "classpath:db/vendor/" + (TestDatabase.postgres() ? "postgresql" : "h2"))
                .target("12");
        if (TestDatabase.postgres()) {
            flyway.schemas(name);
        }
        flyway.load().migrate();
        var old = new JdbcTemplate(new DriverManagerDataSource(url, user, ""));
        parkedId = parkTheOldWay(old);
        old.update(
                "INSERT INTO incident (title, runbook_id, runbook_title, scope_dlq, scope_fingerprint, status,"
                        + " opened_by, opened_at) VALUES ('cards failing', 'rb', 'Runbook', 'legacy-dlq', ?, 'OPEN',"
                        + " 'olivia', ?)",
                FailureFingerprint.of(REASON),
                Timestamp.from(Instant.parse("2026-11-30T10:05:00Z")));
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> user);
        registry.add("spring.datasource.password", () -> "");
    }

    /** One message as the previous release parked it: reason, type, preview and search text raw. */
    static long parkTheOldWay(JdbcTemplate old) {
        old.update(
                "INSERT INTO parked_message (connection_name, dlq_name, sqs_message_id, parked_at, receive_count,"
                        + " failure_reason, failure_type, fingerprint, body_sha256, body_size, body_preview)"
                        + " VALUES ('embedded', 'legacy-dlq', 'm-1', ?, 3, ?, ?, ?, ?, ?, ?)",
                Timestamp.from(Instant.parse("2026-11-30T10:00:00Z")),
                REASON,
                "Unauthorized secret=" + SECRET,
                FailureFingerprint.of(REASON),
                FailureFingerprint.sha256(BODY),
                BODY.length(),
                BODY);
        var id = old.queryForObject("SELECT id FROM parked_message WHERE sqs_message_id = 'm-1'", Long.class);
        old.update(
                "INSERT INTO parked_payload (message_id, body, attributes_json, system_json, search_text)"
                        + " VALUES (?, ?, ?, '{}', ?)",
                id,
                BODY.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "{\"error-message\":{\"type\":\"String\",\"value\":\"" + REASON + "\"},"
                        + "\"error-type\":{\"type\":\"String\",\"value\":\"Unauthorized secret=" + SECRET + "\"}}",
                ("error-message=" + REASON + "\nerror-type=Unauthorized secret=" + SECRET + "\n" + BODY)
                        .toLowerCase(java.util.Locale.ROOT));
        old.update(
                "INSERT INTO message_state (message_id, connection_name, dlq_name, status)"
                        + " VALUES (?, 'embedded', 'legacy-dlq', 'PARKED')",
                id);
        return id;
    }

    /** The search text the previous release wrote for that message. */
    static String oldSearchText() {
        return ("error-message=" + REASON + "\nerror-type=Unauthorized secret=" + SECRET + "\n" + BODY)
                .toLowerCase(java.util.Locale.ROOT);
    }

    @BeforeEach
    void useThisContextsSecurityStrategy() {
        context.getBeanProvider(SecurityContextHolderStrategy.class)
                .ifAvailable(SecurityContextHolder::setContextHolderStrategy);
    }

    @Test
    void a_message_parked_before_masking_at_park_time_is_masked_at_start_up() {
        var details = parking.details(parkedId);

        assertThat(details.attributes())
                .filteredOn(a -> a.name().equals("error-message"))
                .singleElement()
                .satisfies(a -> assertThat(a.value())
                        .isEqualTo("POST /charge?access_token=" + SensitiveValues.MARKER + " failed"));
        assertThat(details.message().failureType()).isEqualTo("Unauthorized secret=" + SensitiveValues.MARKER);
        assertThat(details.message().fingerprint())
                .as("the group id of the raw reason is gone")
                .isNotEqualTo(FailureFingerprint.of(REASON));
        assertThat(jdbc.queryForObject(
                        "SELECT m.failure_reason || m.failure_type || m.body_preview || p.search_text"
                                + " FROM parked_message m JOIN parked_payload p ON p.message_id = m.id WHERE m.id = ?",
                        String.class,
                        parkedId))
                .doesNotContain(SECRET, TOKEN);
        assertThat(new String(
                        jdbc.queryForObject(
                                "SELECT body FROM parked_payload WHERE message_id = ?", byte[].class, parkedId),
                        java.nio.charset.StandardCharsets.UTF_8))
                .as("the raw body stays for a replay")
                .isEqualTo(BODY);
    }

    @Test
    void an_incident_scoped_to_the_old_group_id_follows_its_group_to_the_new_one() {
        var group = parking.details(parkedId).message().fingerprint();

        assertThat(jdbc.queryForObject(
                        "SELECT scope_fingerprint FROM incident WHERE title = 'cards failing'", String.class))
                .isEqualTo(group);
    }

    @Test
    void a_message_parked_before_cannot_be_found_by_a_masked_value() {
        var all = new MessageFilter("legacy-dlq", null, null, null, null, null, null, null);

        assertThat(parking.page(all.withText("lin"), null, 10)).hasSize(1);
        assertThat(parking.page(all.withText(SECRET), null, 10)).isEmpty();
        assertThat(parking.page(all.withText("tok-legacy"), null, 10)).isEmpty();
    }
}
