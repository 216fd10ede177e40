package dev.dlqconsole.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
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
 * Two console instances, each a process of its own, on one PostgreSQL schema and one SQS server: the
 * way a cluster runs. Parking from both makes no duplicates, a bulk replay with both executors running
 * delivers each message once, and killing the instance that runs a job lets the other finish it.
 * Needs PostgreSQL (two processes cannot share an in-memory H2): it runs in {@code .ci/run}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ClusterIT.class);
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final String ADMIN = "Basic "
            + java.util.Base64.getEncoder().encodeToString("admin:correct-horse".getBytes(StandardCharsets.UTF_8));
    private static final JsonMapper json = JsonMapper.builder().build();
    private static final HttpClient http = HttpClient.newHttpClient();

    private static SQSRestServer sqsServer;
    private static SqsClient sqs;
    private static String schema;
    private static JdbcTemplate db;
    private static final List<ConsoleProcess> instances = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws Exception {
        Assumptions.assumeTrue(TestDatabase.postgres(), "the cluster test needs PostgreSQL (-Ppostgres)");
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
        sqs = SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .build();

        schema = "cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
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
        properties.put("spring.datasource.hikari.maximum-pool-size", "8");
        properties.put("dlq-console.embedded-sqs.enabled", "false");
        properties.put("dlq-console.demo.enabled", "false");
        // The takeover is about a job that runs: no second person approves it here (FourEyesIT does).
        properties.put("dlq-console.replay.approval-required", "false");
        properties.put("dlq-console.security.demo-password", "correct-horse");
        properties.put("dlq-console.sqs.connections[0].name", "shared");
        properties.put("dlq-console.sqs.connections[0].endpoint", endpoint.toString());
        properties.put("dlq-console.sqs.connections[0].access-key-id", "x");
        properties.put("dlq-console.sqs.connections[0].secret-access-key", "x");
        properties.put("dlq-console.sqs.discovery-interval", "1s");
        properties.put("dlq-console.parking.interval", "1s");
        properties.put("dlq-console.cluster.lease-duration", LEASE.toSeconds() + "s");
        properties.put("dlq-console.audit.verify-initial-delay", "2s");
        properties.put("dlq-console.audit.verify-interval", "3s");
        properties.put("dlq-console.runbooks.folder", "runbooks");
        properties.put("dlq-console.security.users[0].username", "guessed");
        properties.put("dlq-console.security.users[0].password", "{noop}right-password");
        // Both start at once: Flyway's lock on PostgreSQL lets one migrate while the other waits.
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
        if (sqs != null) {
            sqs.close();
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
    @Order(0)
    void failed_logins_on_one_instance_pause_that_users_logins_on_the_other() throws Exception {
        var alpha = instances.get(0);
        var bravo = instances.get(1);
        for (int i = 0; i < 5; i++) {
            var instance = i % 2 == 0 ? alpha : bravo;
            assertThat(login(instance, "guessed", "guess-" + i).statusCode()).isEqualTo(401);
        }

        var refused = login(alpha, "guessed", "right-password");

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(json.readTree(refused.body()).path("detail").asString())
                .as("three guesses on alpha and two on bravo")
                .startsWith("Too many failed logins");
        assertThat(login(bravo, "guessed", "right-password").statusCode()).isEqualTo(401);
    }

    private static HttpResponse<String> login(ConsoleProcess instance, String user, String password) throws Exception {
        var credentials =
                java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return http.send(
                HttpRequest.newBuilder(instance.uri("/api/dlqs"))
                        .header("Authorization", "Basic " + credentials)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(1)
    void both_instances_parking_one_dlq_make_no_duplicate_rows() {
        var dlqUrl = dlqWithSource("orders");
        sendToQueue(dlqUrl, 2_000, "order");

        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> parked("orders-dlq") >= 2_000);

        assertThat(db.queryForObject(
                        "SELECT count(DISTINCT sqs_message_id) FROM parked_message WHERE dlq_name = 'orders-dlq'",
                        Long.class))
                .isEqualTo(2_000);
        assertThat(parked("orders-dlq")).as("rows, after a while longer").isEqualTo(2_000);
        assertThat(depth(dlqUrl)).as("left in the DLQ").isZero();
    }

    @Test
    @Order(2)
    void scheduled_checks_run_once_per_period_across_the_cluster() throws Exception {
        // Both instances' timers fire every period; the lease lets one of them run each check.
        var before = scheduledChecks();
        // Measures a rate (checks per 15 s), so it waits on time, not on a state.
        Thread.sleep(15_000);
        var after = scheduledChecks();

        // Audit verification every 3 s: about 5 runs in 15 s in all (two instances each running it would
        // make about 10). Discovery every 1 s: about 15 (not 30).
        long verifications = after.get("audit verification") - before.get("audit verification");
        long discoveries = after.get("discovery shared") - before.get("discovery shared");
        log.info(
                "In 15 s the cluster ran {} audit verifications and {} discovery refreshes",
                verifications,
                discoveries);
        assertThat(verifications).isBetween(3L, 7L);
        assertThat(discoveries).isBetween(8L, 20L);
        assertThat(db.queryForObject("SELECT verified_at FROM audit_verification", java.sql.Timestamp.class))
                .as("the result, shared through the database")
                .isNotNull();
    }

    /** dlq_console_scheduled_checks_total per check, summed over the instances. */
    private static Map<String, Long> scheduledChecks() throws Exception {
        var totals = new java.util.HashMap<String, Long>(Map.of("audit verification", 0L, "discovery shared", 0L));
        var pattern = java.util.regex.Pattern.compile(
                "^dlq_console_scheduled_checks_total\\{.*check=\"([^\"]+)\".*} ([0-9.E]+)$");
        for (var instance : instances) {
            var scrape = http.send(
                            HttpRequest.newBuilder(instance.uri("/actuator/prometheus"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            scrape.lines()
                    .map(pattern::matcher)
                    .filter(java.util.regex.Matcher::matches)
                    .forEach(m -> totals.merge(m.group(1), (long) Double.parseDouble(m.group(2)), Long::sum));
        }
        return totals;
    }

    @Test
    @Order(3)
    void a_bulk_replay_with_both_executors_running_delivers_each_message_once() throws Exception {
        var dlqUrl = dlqWithSource("payments");
        sendToQueue(dlqUrl, 3_000, "payment");
        await().atMost(Duration.ofMinutes(2)).until(() -> parked("payments-dlq") == 3_000);

        var job = startReplay(instances.getFirst(), "payments-dlq", 10_000);
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> status(job).equals("COMPLETED"));

        var received = drain(sqs.getQueueUrl(b -> b.queueName("payments")).queueUrl());
        assertThat(received).hasSize(3_000);
        assertThat(Set.copyOf(received)).as("distinct replay ids").hasSize(3_000);
        assertThat(db.queryForObject(
                        "SELECT count(*) FROM replay_ledger WHERE job_id = ? AND status = 'SENT'", Long.class, job))
                .isEqualTo(3_000);
    }

    @Test
    @Order(4)
    void killing_the_instance_that_runs_a_job_lets_the_other_finish_it() throws Exception {
        var dlqUrl = dlqWithSource("refunds");
        sendToQueue(dlqUrl, 3_000, "refund");
        await().atMost(Duration.ofMinutes(2)).until(() -> parked("refunds-dlq") == 3_000);

        // 200 a second: about 15 s of work, long enough to kill its instance in the middle.
        var job = startReplay(instances.getLast(), "refunds-dlq", 200);
        var lease = "replay job " + job;
        var holding = new java.util.concurrent.atomic.AtomicReference<String>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var now = db.queryForList("SELECT holder FROM lease WHERE name = ?", String.class, lease);
            holding.set(now.isEmpty() ? null : now.getFirst());
            return sent(job) >= 400 && holding.get() != null;
        });
        var holder = holding.get();
        var victim = instances.stream()
                .filter(i -> holder.startsWith(i.name() + " #"))
                .findFirst()
                .orElseThrow();
        var survivor = instances.stream().filter(i -> i != victim).findFirst().orElseThrow();
        long sentBeforeKill = sent(job);
        victim.kill();

        var holders = new java.util.HashSet<String>();
        var leasesHeld = new java.util.concurrent.atomic.AtomicInteger();
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    holders.addAll(db.queryForList("SELECT holder FROM lease WHERE name = ?", String.class, lease));
                    leasesHeld.accumulateAndGet(leasesHeld(survivor), Math::max);
                    return status(survivor, job).equals("COMPLETED");
                });

        var received = drain(sqs.getQueueUrl(b -> b.queueName("refunds")).queueUrl());
        log.info(
                "Killed {} with {} of 3000 sent; {} finished the job; {} messages arrived, {} distinct",
                victim.name(),
                sentBeforeKill,
                survivor.name(),
                received.size(),
                Set.copyOf(received).size());
        assertThat(sentBeforeKill).as("killed in the middle").isLessThan(3_000);
        assertThat(holders).anySatisfy(h -> assertThat(h).startsWith(survivor.name() + " #"));
        assertThat(leasesHeld)
                .as("the survivor's dlq_console_leases_held while it ran the job")
                .hasValueGreaterThan(0);
        assertThat(db.queryForObject(
                        "SELECT count(*) FROM replay_ledger WHERE job_id = ? AND status = 'SENT'", Long.class, job))
                .isEqualTo(3_000);
        assertThat(Set.copyOf(received)).as("every message arrived").hasSize(3_000);
        // What the killed instance had in flight is sent again by the survivor, with the same replay id:
        // at most one wave (DESIGN.md's in-flight window, batch size × concurrency).
        assertThat(received.size() - 3_000).as("sent twice").isBetween(0, 40);
        // ... and reported: every message that may have gone twice is counted as ambiguous.
        assertThat(db.queryForObject("SELECT ambiguous FROM replay_job WHERE id = ?", Integer.class, job))
                .isBetween(received.size() - 3_000, 40);
    }

    /** Starts a replay of every message parked from the DLQ to its source queue, through the API. */
    private static long startReplay(ConsoleProcess instance, String dlq, int rate) throws Exception {
        var body = json.writeValueAsString(Map.of(
                "filter",
                Map.of("dlq", dlq),
                "reason",
                "cluster test: replay " + dlq,
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

    private static String status(long job) throws Exception {
        return status(instances.getFirst(), job);
    }

    private static String status(ConsoleProcess instance, long job) throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(instance.uri("/api/replays/" + job))
                        .header("Authorization", ADMIN)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).path("status").asString().toUpperCase(java.util.Locale.ROOT);
    }

    /** The instance's {@code dlq_console_leases_held} gauge, read from its Prometheus scrape. */
    private static int leasesHeld(ConsoleProcess instance) throws Exception {
        var scrape = http.send(
                        HttpRequest.newBuilder(instance.uri("/actuator/prometheus"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        return scrape.lines()
                .filter(line -> line.startsWith("dlq_console_leases_held"))
                .mapToInt(line -> (int) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElse(-1);
    }

    private static long sent(long job) {
        return db.queryForObject(
                "SELECT count(*) FROM replay_ledger WHERE job_id = ? AND status = 'SENT'", Long.class, job);
    }

    /** Receives and deletes everything in the queue; returns the dlq-replay-id of each message received. */
    private static List<String> drain(String url) {
        var replayIds = new ArrayList<String>();
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
            for (var message : messages) {
                var id = message.messageAttributes().get("dlq-replay-id");
                replayIds.add(id == null ? "missing" : id.stringValue());
            }
            var entries = new ArrayList<DeleteMessageBatchRequestEntry>();
            for (int i = 0; i < messages.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i))
                        .receiptHandle(messages.get(i).receiptHandle())
                        .build());
            }
            sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(entries));
        }
        return replayIds;
    }

    private String dlqWithSource(String name) {
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

    private void sendToQueue(String url, int count, String prefix) {
        try (var pool = Executors.newFixedThreadPool(4)) {
            var sends = new ArrayList<Callable<Void>>();
            for (int from = 0; from < count; from += 10) {
                int first = from;
                sends.add(() -> {
                    var entries = new ArrayList<SendMessageBatchRequestEntry>();
                    for (int i = first; i < Math.min(count, first + 10); i++) {
                        int n = i;
                        entries.add(SendMessageBatchRequestEntry.builder()
                                .id(Integer.toString(n - first))
                                .messageBody("{\"" + prefix + "\":" + n + "}")
                                .build());
                    }
                    var result = sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entries));
                    assertThat(result.failed()).isEmpty();
                    return null;
                });
            }
            for (var future : pool.invokeAll(sends)) {
                future.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long parked(String dlq) {
        return db.queryForObject("SELECT count(*) FROM parked_message WHERE dlq_name = ?", Long.class, dlq);
    }

    private static long depth(String url) {
        var attributes = sqs.getQueueAttributes(b -> b.queueUrl(url)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
