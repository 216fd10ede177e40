package dev.dlqconsole.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dlqconsole.TestDatabase;
import dev.dlqconsole.notify.WebhookReceiver;
import java.net.ServerSocket;
import java.net.URI;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Two console processes on one PostgreSQL schema, a notification target configured by properties: the
 * instance sending a notification is killed while the receiver holds the request unanswered, and the
 * other instance takes the lease over and sends it again, same event id, marked a possible duplicate.
 */
class NotificationTakeoverIT {

    private static final Duration LEASE = Duration.ofSeconds(3);

    private static SQSRestServer sqsServer;
    private static String schema;
    private static JdbcTemplate db;
    private static WebhookReceiver receiver;
    private static final List<ConsoleProcess> instances = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws Exception {
        Assumptions.assumeTrue(TestDatabase.postgres(), "two processes need PostgreSQL (-Ppostgres)");
        receiver = new WebhookReceiver();
        int sqsPort;
        try (var socket = new ServerSocket(0)) {
            sqsPort = socket.getLocalPort();
        }
        sqsServer = SQSRestServerBuilder.withPort(sqsPort)
                .withInterface("127.0.0.1")
                .withServerAddress(new NodeAddress("http", "127.0.0.1", sqsPort, ""))
                .start();
        sqsServer.waitUntilStarted();
        var endpoint = URI.create("http://127.0.0.1:" + sqsPort);
        schema = "notify_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (var connection = DriverManager.getConnection(TestDatabase.POSTGRES_URL, "postgres", "");
                var statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        db = new JdbcTemplate(
                new DriverManagerDataSource(TestDatabase.POSTGRES_URL + "?currentSchema=" + schema, "postgres", ""));

        var properties = new LinkedHashMap<String, String>();
        properties.put("spring.datasource.url", TestDatabase.POSTGRES_URL + "?currentSchema=" + schema);
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "");
        properties.put("spring.flyway.schemas", schema);
        properties.put("spring.datasource.hikari.maximum-pool-size", "5");
        properties.put("dlq-console.embedded-sqs.enabled", "false");
        properties.put("dlq-console.demo.enabled", "false");
        properties.put("dlq-console.security.demo-password", "correct-horse");
        properties.put("dlq-console.sqs.connections[0].name", "shared");
        properties.put("dlq-console.sqs.connections[0].endpoint", endpoint.toString());
        properties.put("dlq-console.sqs.connections[0].access-key-id", "x");
        properties.put("dlq-console.sqs.connections[0].secret-access-key", "x");
        properties.put("dlq-console.runbooks.folder", "runbooks");
        properties.put("dlq-console.cluster.lease-duration", LEASE.toSeconds() + "s");
        properties.put("dlq-console.notifications.poll", "200ms");
        properties.put("dlq-console.notifications.request-timeout", "60s");
        properties.put("dlq-console.notifications.targets[0].name", "pager");
        properties.put("dlq-console.notifications.targets[0].type", "json");
        properties.put("dlq-console.notifications.targets[0].url", receiver.url("/pager"));
        properties.put("dlq-console.notifications.targets[0].rules[0].events", "job-finished");
        instances.add(ConsoleProcess.start("alpha", properties));
        instances.add(ConsoleProcess.start("bravo", properties));
        for (var instance : instances) {
            instance.awaitReady(Duration.ofMinutes(3));
        }
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (var instance : instances) {
            instance.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        if (sqsServer != null) {
            sqsServer.stopAndWait();
        }
        if (schema != null) {
            try (var connection = DriverManager.getConnection(TestDatabase.POSTGRES_URL, "postgres", "");
                    var statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @Test
    void the_outbox_of_an_instance_killed_mid_send_is_sent_by_the_other_as_a_possible_duplicate() throws Exception {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !db.queryForList("SELECT holder FROM lease WHERE name = 'notifications'", String.class)
                        .isEmpty());
        receiver.holdNext();
        // What a replay executor's commit writes into the outbox: an event and its delivery.
        var now = Timestamp.from(Instant.now());
        var eventId = UUID.randomUUID().toString();
        db.update(
                "INSERT INTO notification_event (event_id, kind, job_id, title, detail, link, created_at)"
                        + " VALUES (?, 'JOB_FINISHED', 7, 'Replay job 7 finished', '3 of 3 sent', 'http://x/replays/7', ?)",
                eventId,
                now);
        var id = db.queryForObject("SELECT id FROM notification_event WHERE event_id = ?", Long.class, eventId);
        db.update(
                "INSERT INTO notification_delivery (event_id, target, status, next_attempt_at, created_at, updated_at)"
                        + " VALUES (?, 'pager', 'PENDING', ?, ?, ?)",
                id,
                now,
                now,
                now);

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.all().size() == 1);
        var holder = db.queryForObject("SELECT holder FROM lease WHERE name = 'notifications'", String.class);
        var victim = instances.stream()
                .filter(i -> holder.startsWith(i.name() + " #"))
                .findFirst()
                .orElseThrow();
        victim.kill();

        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.all().size() == 2);
        var requests = receiver.all();
        assertThat(requests.get(1).header("X-DLQ-Console-Event-Id")).isEqualTo(eventId);
        assertThat(requests.get(0).header("X-DLQ-Console-Event-Id")).isEqualTo(eventId);
        assertThat(requests.get(0).header("X-DLQ-Console-Possible-Duplicate")).isEqualTo("false");
        assertThat(requests.get(1).header("X-DLQ-Console-Possible-Duplicate")).isEqualTo("true");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "SENT"
                        .equals(db.queryForObject(
                                "SELECT status FROM notification_delivery WHERE event_id = ?", String.class, id)));
        assertThat(db.queryForObject(
                        "SELECT possible_duplicate FROM notification_delivery WHERE event_id = ?", Boolean.class, id))
                .isTrue();
        assertThat(db.queryForObject("SELECT holder FROM lease WHERE name = 'notifications'", String.class))
                .doesNotStartWith(victim.name() + " #");
    }
}
