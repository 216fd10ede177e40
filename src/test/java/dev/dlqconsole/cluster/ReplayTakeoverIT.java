package dev.dlqconsole.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dlqconsole.SqsFaultProxy;
import dev.dlqconsole.TestDatabase;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import tools.jackson.databind.json.JsonMapper;

/**
 * One replay job across three console processes on one PostgreSQL schema and two SQS accounts that
 * both hold {@code orders} and {@code orders-dlq}. The instance running the job is stopped ({@code
 * SIGSTOP}) with a wave in flight and wakes up after another took the job over, its send then
 * failing: being fenced, it changes nothing. The instance that took over is killed ({@code SIGKILL})
 * mid-job and a third finishes. Every message arrives in its own account's queue; what arrived twice
 * is at most one in-flight window per takeover, each copy with its replay id, each reported ambiguous.
 */
class ReplayTakeoverIT {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ReplayTakeoverIT.class);
    private static final int PER_ACCOUNT = 600;
    private static final int WINDOW = 40;
    private static final String ADMIN = "Basic "
            + java.util.Base64.getEncoder().encodeToString("admin:correct-horse".getBytes(StandardCharsets.UTF_8));
    private static final JsonMapper json = JsonMapper.builder().build();
    private static final HttpClient http = HttpClient.newHttpClient();

    private static final Map<String, SQSRestServer> servers = new LinkedHashMap<>();
    private static final Map<String, Integer> ports = new LinkedHashMap<>();
    private static final Map<String, SqsClient> accounts = new LinkedHashMap<>();
    /** Each instance reaches the east account through a proxy of its own, so faults hit one instance. */
    private static final Map<String, SqsFaultProxy> eastProxies = new LinkedHashMap<>();

    private static final List<ConsoleProcess> instances = new ArrayList<>();
    private static String schema;
    private static JdbcTemplate db;

    @BeforeAll
    static void startCluster() throws Exception {
        Assumptions.assumeTrue(TestDatabase.postgres(), "the takeover test needs PostgreSQL (-Ppostgres)");
        for (var account : List.of("east", "west")) {
            int port;
            try (var socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            var server = SQSRestServerBuilder.withPort(port)
                    .withInterface("127.0.0.1")
                    .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
                    .start();
            server.waitUntilStarted();
            servers.put(account, server);
            ports.put(account, port);
            accounts.put(
                    account,
                    SqsClient.builder()
                            .endpointOverride(URI.create("http://127.0.0.1:" + port))
                            .region(Region.US_EAST_1)
                            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                            .build());
        }
        schema = "takeover_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (var connection = DriverManager.getConnection(TestDatabase.POSTGRES_URL, "postgres", "");
                var statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        db = new JdbcTemplate(
                new DriverManagerDataSource(TestDatabase.POSTGRES_URL + "?currentSchema=" + schema, "postgres", ""));

        var eastPort = ports.get("east");
        var westPort = ports.get("west");
        for (var name : List.of("alpha", "bravo", "charlie")) {
            var proxy = SqsFaultProxy.start(eastPort);
            eastProxies.put(name, proxy);
            var properties = new LinkedHashMap<String, String>();
            properties.put("spring.datasource.url", TestDatabase.POSTGRES_URL + "?currentSchema=" + schema);
            properties.put("spring.datasource.username", "postgres");
            properties.put("spring.datasource.password", "");
            properties.put("spring.flyway.schemas", schema);
            properties.put("spring.datasource.hikari.maximum-pool-size", "6");
            properties.put("dlq-console.embedded-sqs.enabled", "false");
            properties.put("dlq-console.demo.enabled", "false");
            // The takeover is about a job that runs: no second person approves it here (FourEyesIT does).
            properties.put("dlq-console.replay.approval-required", "false");
            properties.put("dlq-console.security.demo-password", "correct-horse");
            properties.put("dlq-console.sqs.connections[0].name", "east");
            properties.put(
                    "dlq-console.sqs.connections[0].endpoint", proxy.endpoint().toString());
            properties.put("dlq-console.sqs.connections[1].name", "west");
            properties.put("dlq-console.sqs.connections[1].endpoint", "http://127.0.0.1:" + westPort);
            for (int i = 0; i < 2; i++) {
                properties.put("dlq-console.sqs.connections[" + i + "].access-key-id", "x");
                properties.put("dlq-console.sqs.connections[" + i + "].secret-access-key", "x");
            }
            properties.put("dlq-console.sqs.discovery-interval", "1s");
            properties.put("dlq-console.parking.interval", "1s");
            properties.put("dlq-console.cluster.lease-duration", "3s");
            properties.put("dlq-console.runbooks.folder", "runbooks");
            instances.add(ConsoleProcess.start(name, properties));
        }
        for (var instance : instances) {
            instance.awaitReady(Duration.ofMinutes(3));
        }
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (var instance : instances) {
            instance.close();
        }
        eastProxies.values().forEach(SqsFaultProxy::close);
        accounts.values().forEach(SqsClient::close);
        servers.values().forEach(SQSRestServer::stopAndWait);
        if (schema != null) {
            try (var connection = DriverManager.getConnection(TestDatabase.POSTGRES_URL, "postgres", "");
                    var statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @Test
    void a_stalled_instance_changes_nothing_and_a_killed_one_loses_at_most_a_window() throws Exception {
        for (var account : accounts.keySet()) {
            var dlqUrl = dlqWithSource(account, "orders");
            sendToQueue(account, dlqUrl, PER_ACCOUNT);
        }
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> parked("orders-dlq") == 2L * PER_ACCOUNT);

        // 100 a second: about twelve seconds of sends, long enough to stop one instance and kill another.
        var job = startReplay(instances.getFirst(), 100);
        var lease = "replay job " + job;
        await().atMost(Duration.ofSeconds(60)).until(() -> holder(lease) != null && sent(job) >= 50);
        var stalled = instanceHolding(lease);
        var stalledProxy = eastProxies.get(stalled.name());
        // Its next wave reaches SQS and the answer is held back: the wave is in flight when it stops.
        var callsBefore = stalledProxy.calls("SendMessageBatch");
        stalledProxy.hold("SendMessageBatch");
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> stalledProxy.calls("SendMessageBatch") > callsBefore && sendingTo(job, "east") > 0);
        stalled.suspend();
        log.info("Stopped {} with {} sent and a wave in flight", stalled.name(), sent(job));

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            var now = holder(lease);
            return now != null && !now.startsWith(stalled.name() + " #") && sent(job) >= PER_ACCOUNT / 2;
        });
        var successor = instanceHolding(lease);
        // The stalled instance's answer comes at last, and it says the send failed.
        stalledProxy.refuse("SendMessageBatch");
        stalledProxy.releaseHeld();
        stalled.wake();
        log.info("Woke {}; {} runs the job with {} sent", stalled.name(), successor.name(), sent(job));

        await().atMost(Duration.ofSeconds(60)).until(() -> sent(job) >= PER_ACCOUNT + 100 || done(job));
        if (!done(job)) {
            successor.kill();
            log.info("Killed {} with {} sent", successor.name(), sent(job));
        }
        stalledProxy.reset(); // the woken instance may be the one that finishes

        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> done(job));

        assertThat(db.queryForObject("SELECT status FROM replay_job WHERE id = ?", String.class, job))
                .isEqualTo("COMPLETED");
        assertThat(ledger(job, "SENT")).as("sent, by the ledger").isEqualTo(2L * PER_ACCOUNT);
        assertThat(ledger(job, "FAILED") + ledger(job, "UNKNOWN")).isZero();
        var copiesByReplayId = new HashMap<String, Integer>();
        for (var account : accounts.keySet()) {
            var received = drain(account, "orders");
            assertThat(received.values())
                    .as("every message in %s's own queue came from %s", account, account)
                    .allSatisfy(body -> assertThat(body).startsWith(account + "-"));
            var distinct = new HashSet<>(received.values());
            assertThat(distinct).as("every message of %s arrived", account).hasSize(PER_ACCOUNT);
            received.keySet().forEach(copy -> copiesByReplayId.merge(copy.replayId(), 1, Integer::sum));
        }
        var twice = copiesByReplayId.entrySet().stream()
                .filter(e -> e.getValue() > 1)
                .map(Map.Entry::getKey)
                .toList();
        var duplicates = copiesByReplayId.values().stream().mapToInt(n -> n - 1).sum();
        log.info("{} copies arrived twice or more, {} extra copies in all", twice.size(), duplicates);
        assertThat(duplicates)
                .as("extra copies: at most one in-flight window per takeover")
                .isLessThanOrEqualTo(2 * WINDOW);
        var ambiguous = new HashSet<>(db.queryForList(
                "SELECT replay_id FROM replay_ledger WHERE job_id = ? AND ambiguous", String.class, job));
        assertThat(ambiguous)
                .as("every message that arrived twice is reported ambiguous")
                .containsAll(twice);
        assertThat(db.queryForObject("SELECT ambiguous FROM replay_job WHERE id = ?", Integer.class, job))
                .isEqualTo(ambiguous.size());
    }

    /** A message as it arrived: its replay id and which copy of it this is. */
    private record Copy(String replayId, String receipt) {}

    private static long startReplay(ConsoleProcess instance, int rate) throws Exception {
        var body = json.writeValueAsString(Map.of(
                "filter",
                Map.of("dlq", "orders-dlq"),
                "reason",
                "takeover test",
                "ratePerSecond",
                rate,
                "skipCanary",
                true));
        var response = http.send(
                HttpRequest.newBuilder(instance.uri("/api/replays"))
                        .header("Authorization", ADMIN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body()).path("id").asLong();
    }

    private static String holder(String lease) {
        var now = db.queryForList(
                "SELECT holder FROM lease WHERE name = ? AND expires_at > CURRENT_TIMESTAMP", String.class, lease);
        return now.isEmpty() ? null : now.getFirst();
    }

    private static ConsoleProcess instanceHolding(String lease) {
        var holder = holder(lease);
        return instances.stream()
                .filter(i -> holder != null && holder.startsWith(i.name() + " #"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no instance holds " + lease));
    }

    private static long sent(long job) {
        return ledger(job, "SENT");
    }

    private static long sendingTo(long job, String connection) {
        return db.queryForObject(
                "SELECT count(*) FROM replay_ledger WHERE job_id = ? AND status = 'SENDING' AND target_connection = ?",
                Long.class,
                job,
                connection);
    }

    private static long ledger(long job, String status) {
        return db.queryForObject(
                "SELECT count(*) FROM replay_ledger WHERE job_id = ? AND status = ?", Long.class, job, status);
    }

    private static boolean done(long job) {
        return "COMPLETED".equals(db.queryForObject("SELECT status FROM replay_job WHERE id = ?", String.class, job));
    }

    private static long parked(String dlq) {
        return db.queryForObject("SELECT count(*) FROM parked_message WHERE dlq_name = ?", Long.class, dlq);
    }

    /** Everything in the account's queue, each copy with its body. */
    private static Map<Copy, String> drain(String account, String queue) {
        var sqs = accounts.get(account);
        var url = sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl();
        var received = new LinkedHashMap<Copy, String>();
        int empty = 0;
        while (empty < 3) {
            var messages = sqs.receiveMessage(b -> b.queueUrl(url)
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds(1)
                            .messageAttributeNames("All"))
                    .messages();
            if (messages.isEmpty()) {
                empty++;
                continue;
            }
            empty = 0;
            var entries = new ArrayList<DeleteMessageBatchRequestEntry>();
            for (int i = 0; i < messages.size(); i++) {
                var m = messages.get(i);
                var replayId = m.messageAttributes().get("dlq-replay-id");
                received.put(new Copy(replayId == null ? "missing" : replayId.stringValue(), m.messageId()), m.body());
                entries.add(DeleteMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i))
                        .receiptHandle(m.receiptHandle())
                        .build());
            }
            sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(entries));
        }
        return received;
    }

    private static String dlqWithSource(String account, String name) {
        var sqs = accounts.get(account);
        var dlqUrl = sqs.createQueue(b -> b.queueName(name + "-dlq")).queueUrl();
        var arn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        sqs.createQueue(b -> b.queueName(name)
                .attributes(Map.of(
                        QueueAttributeName.REDRIVE_POLICY,
                        "{\"deadLetterTargetArn\":\"" + arn + "\",\"maxReceiveCount\":\"3\"}")));
        return dlqUrl;
    }

    private static void sendToQueue(String account, String url, int count) {
        var sqs = accounts.get(account);
        for (int from = 0; from < count; from += 10) {
            var entries = new ArrayList<SendMessageBatchRequestEntry>();
            for (int i = from; i < Math.min(count, from + 10); i++) {
                entries.add(SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i - from))
                        .messageBody(account + "-" + i)
                        .build());
            }
            var result = sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entries));
            assertThat(result.failed()).isEmpty();
        }
    }
}
