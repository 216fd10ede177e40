package dev.dlqconsole.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.dlqconsole.ConsoleIntegrationTest;
import dev.dlqconsole.TestQueues;
import dev.dlqconsole.cluster.Leases;
import dev.dlqconsole.cluster.TestLeases;
import dev.dlqconsole.parking.MessageFilter;
import dev.dlqconsole.parking.ParkingService;
import dev.dlqconsole.replay.ReplayJob;
import dev.dlqconsole.replay.ReplayJobChanged;
import dev.dlqconsole.replay.ReplayRequest;
import dev.dlqconsole.replay.ReplayService;
import dev.dlqconsole.replay.ReplayStatus;
import dev.dlqconsole.sqs.DlqDiscovery;
import dev.dlqconsole.sqs.MessageAttribute;
import dev.dlqconsole.sqs.OutgoingMessage;
import dev.dlqconsole.sqs.SqsGateway;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Notifications against a real HTTP receiver: the right events arrive once, a receiver that fails and
 * recovers gets them after retries, signatures verify, a delivery that keeps failing says why without
 * its secret, and the outbox of an instance that died mid-send is sent by the next holder of the lease.
 */
@WithMockUser(
        username = "ada",
        roles = {"ADMIN", "OPERATOR", "VIEWER"})
class NotificationsIT extends ConsoleIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    NotificationService notifications;

    @Autowired
    SqsGateway sqs;

    @Autowired
    DlqDiscovery discovery;

    @Autowired
    ParkingService parking;

    @Autowired
    ReplayService replays;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    Outbox outbox;

    @Autowired
    NotificationTargets targets;

    @Autowired
    NotificationProperties properties;

    @Autowired
    Deliverer deliverer;

    @Autowired
    DlqConditions conditions;

    private WebhookReceiver receiver;
    private final List<String> added = new ArrayList<>();
    private final List<Leases> instances = new ArrayList<>();

    @BeforeEach
    void receiver() throws IOException {
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void cleanUp() {
        added.forEach(name -> {
            try {
                notifications.remove(name);
            } catch (IllegalArgumentException gone) {
                // removed by the test
            }
        });
        instances.forEach(TestLeases::stop);
        deliverer.resume();
        receiver.close();
    }

    @Test
    void a_message_with_a_novel_failure_tells_a_slack_target_once_with_a_link_to_its_group() {
        var queues = TestQueues.create(sqs, "notify", false);
        var reason = "Ledger " + letters() + " rejected the entry";
        var target = add(TargetKind.SLACK, null, 30, rule(Set.of(EventKind.NEW_FAILURE_GROUP), queues.dlqName()));

        park(queues, 3, reason);
        var fingerprint = jdbc.queryForObject(
                "select distinct fingerprint from parked_message where dlq_name = ?", String.class, queues.dlqName());
        await().pollInSameThread()
                .atMost(Duration.ofSeconds(10))
                .until(() -> forTarget(target).size() == 1);
        // More of the same failure, and a second look: still one event for the group.
        park(queues, 2, reason);
        deliverer.deliverDue();
        assertThat(forTarget(target)).hasSize(1);

        var request = forTarget(target).getFirst();
        var body = JSON.readTree(request.body());
        assertThat(body.get("text").asString()).contains("New failure group in " + queues.dlqName());
        assertThat(body.get("blocks").get(0).get("text").get("text").asString()).contains("rejected the entry");
        var button = body.get("blocks").get(2).get("elements").get(0);
        assertThat(button.get("url").asString()).isEqualTo("https://dlq.example.test/groups/" + fingerprint);
        assertThat(request.header("X-DLQ-Console-Event")).isEqualTo("failure-group.new");
        assertThat(request.header("X-DLQ-Console-Event-Id")).isNotBlank();
        assertThat(request.header("X-DLQ-Console-Possible-Duplicate")).isEqualTo("false");
        assertThat(request.header("X-DLQ-Console-Signature"))
                .as("no key, no signature")
                .isNull();
    }

    @Test
    void a_replay_job_that_finished_tells_a_json_target_once_signed_with_its_key() {
        var queues = TestQueues.create(sqs, "notify", false);
        var key = "k-" + UUID.randomUUID();
        var target = add(TargetKind.JSON, key, 30, rule(Set.of(EventKind.JOB_FINISHED, EventKind.JOB_FAILED), null));
        var ids = park(queues, 4, "Stock " + letters() + " was locked");

        var job = replays.create(new ReplayRequest(ids, null, "stock unlocked", null, 100, false, null));
        await().pollInSameThread()
                .atMost(Duration.ofSeconds(30))
                .until(() -> replays.job(job.id()).status() == ReplayStatus.COMPLETED);
        await().pollInSameThread()
                .atMost(Duration.ofSeconds(10))
                .until(() -> !forJob(target, job.id()).isEmpty());
        deliverer.deliverDue();
        assertThat(forJob(target, job.id())).hasSize(1);

        var request = forJob(target, job.id()).getFirst();
        var body = JSON.readTree(request.body());
        assertThat(body.get("event").asString()).isEqualTo("replay.finished");
        assertThat(body.get("link").asString()).isEqualTo("https://dlq.example.test/replays/" + job.id());
        assertThat(body.get("detail").asString()).contains("4 of 4 sent");
        assertThat(body.get("eventId").asString()).isEqualTo(request.header("X-DLQ-Console-Event-Id"));
        var timestamp = request.header("X-DLQ-Console-Timestamp");
        assertThat(Long.parseLong(timestamp))
                .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
        assertThat(request.header("X-DLQ-Console-Signature"))
                .isEqualTo(Payloads.signature(key, timestamp, request.body()))
                .isNotEqualTo(Payloads.signature("another key", timestamp, request.body()));
        assertThat(request.header("X-DLQ-Console-Signature")).matches("sha256=[0-9a-f]{64}");
    }

    @Test
    void pauses_by_the_canary_or_the_budget_and_approvals_go_to_their_events() {
        var target = add(
                TargetKind.JSON,
                null,
                30,
                rule(Set.of(EventKind.CANARY_PAUSED, EventKind.BUDGET_REACHED, EventKind.AWAITING_APPROVAL), null));
        long jobId = 900_000_000L + (System.nanoTime() % 1_000_000);
        publish(
                job(jobId, "Paused after the canary: 2 of 3 canary messages came back to a DLQ (x)"),
                ReplayJobChanged.Change.PAUSED);
        publish(
                job(jobId, "Paused: the hourly replay budget of 10 messages to embedded/q is used up"),
                ReplayJobChanged.Change.PAUSED);
        // The ramp's own wording (RampWatch) for a step after the canary.
        publish(
                job(
                        jobId,
                        "Paused at step 2 of 4 (5%): 3 of 20 messages of the step came back to a DLQ (15.0%,"
                                + " more than the 5% allowed): x"),
                ReplayJobChanged.Change.PAUSED);
        publish(job(jobId, "Paused: the outcome of 2 sends to embedded/q is unknown"), ReplayJobChanged.Change.PAUSED);
        publish(job(jobId, null), ReplayJobChanged.Change.AWAITING_APPROVAL);

        await().pollInSameThread()
                .atMost(Duration.ofSeconds(10))
                .until(() -> forJob(target, jobId).size() == 4);
        deliverer.deliverDue();
        assertThat(forJob(target, jobId))
                .extracting(r -> r.header("X-DLQ-Console-Event"))
                .containsExactlyInAnyOrder(
                        "replay.canary-paused",
                        "replay.canary-paused",
                        "replay.budget-reached",
                        "replay.awaiting-approval");
    }

    @Test
    void a_receiver_that_fails_then_recovers_gets_the_event_after_retries_under_one_event_id() {
        var target = add(TargetKind.JSON, "key", 30, rule(Set.of(EventKind.JOB_FINISHED), null));
        receiver.answer(500, 503);
        notifications.sendTest(target);

        await().pollInSameThread()
                .atMost(Duration.ofSeconds(10))
                .until(() -> forTarget(target).size() == 3);
        var requests = forTarget(target);
        assertThat(requests)
                .extracting(r -> r.header("X-DLQ-Console-Event-Id"))
                .containsOnly(requests.getFirst().header("X-DLQ-Console-Event-Id"));
        assertThat(requests)
                .extracting(r -> r.header("X-DLQ-Console-Delivery-Attempt"))
                .containsExactly("1", "2", "3");
        assertThat(requests)
                .extracting(WebhookReceiver.Received::body)
                .containsOnly(requests.getFirst().body());
        await().pollInSameThread().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            var delivery = deliveryOf(target);
            assertThat(delivery.status()).isEqualTo(DeliveryStatus.SENT);
            assertThat(delivery.attempts()).isEqualTo(3);
            assertThat(delivery.possibleDuplicate())
                    .as("the receiver answered 500: it did not take it")
                    .isFalse();
        });
        deliverer.deliverDue();
        assertThat(forTarget(target)).hasSize(3);
    }

    @Test
    void a_delivery_that_keeps_failing_is_marked_failed_with_its_error_and_never_its_secret() {
        var secretPath = "/services/T0/B0/" + UUID.randomUUID();
        var target =
                addAt(receiver.url(secretPath), TargetKind.SLACK, null, 30, rule(Set.of(EventKind.JOB_FINISHED), null));
        for (int i = 0; i < properties.maxAttempts(); i++) {
            receiver.answer(500);
        }
        notifications.sendTest(target);

        await().pollInSameThread()
                .atMost(Duration.ofSeconds(15))
                .until(() -> deliveryOf(target).status() == DeliveryStatus.FAILED);
        var failed = deliveryOf(target);
        assertThat(failed.attempts()).isEqualTo(properties.maxAttempts());
        assertThat(failed.lastError()).contains("HTTP 500");
        assertThat(notifications.deliveries(DeliveryStatus.FAILED, 50))
                .extracting(Delivery::id)
                .contains(failed.id());
        var shown = notifications.targets().stream()
                .filter(t -> t.name().equals(target))
                .findFirst()
                .orElseThrow();
        assertThat(shown.maskedUrl())
                .isEqualTo("http://127.0.0.1:" + receiver.url("").split(":")[2] + "/…");
        assertThat(shown.toString()).doesNotContain(secretPath);

        // An admin retries it; the receiver is well again.
        notifications.retry(failed.id());
        await().pollInSameThread()
                .atMost(Duration.ofSeconds(10))
                .until(() -> deliveryOf(target).status() == DeliveryStatus.SENT);
        assertThat(forTarget(target)).hasSize(properties.maxAttempts() + 1);
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_event where targets = ? and action like 'notification.%'",
                        Integer.class, "notification target " + target))
                .isEqualTo(2);
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_event where coalesce(detail, '') like ? or coalesce(targets, '') like ?",
                        Integer.class,
                        "%" + secretPath + "%",
                        "%" + secretPath + "%"))
                .as("the webhook's secret path is in no audit event")
                .isZero();
    }

    @Test
    void a_target_gets_at_most_its_rate_and_the_rest_wait_in_the_outbox() {
        var target = add(TargetKind.JSON, null, 2, rule(Set.of(EventKind.JOB_FINISHED), null));
        for (int i = 0; i < 4; i++) {
            notifications.sendTest(target);
        }
        await().pollInSameThread()
                .atMost(Duration.ofSeconds(10))
                .until(() -> forTarget(target).size() == 2);
        for (int i = 0; i < 3; i++) {
            deliverer.deliverDue();
        }
        assertThat(forTarget(target)).hasSize(2);
        assertThat(jdbc.queryForObject(
                        "select count(*) from notification_delivery where target = ? and status = 'PENDING'",
                        Integer.class,
                        target))
                .as("not dropped: waiting for the next minute")
                .isEqualTo(2);
        assertThat(notifications.waiting()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void a_dlq_over_its_inflow_threshold_or_past_its_age_is_told_once_until_it_clears() {
        var queues = TestQueues.create(sqs, "notify", false);
        var rule = new NotificationRule(
                Set.of(EventKind.INFLOW_THRESHOLD, EventKind.OLDEST_AGE),
                List.of(queues.dlqName()),
                null,
                5,
                Duration.ofMinutes(5),
                Duration.ofMillis(1));
        var target = add(TargetKind.JSON, null, 30, rule);
        park(queues, 3, "Quota " + letters() + " exceeded");
        // The check reads the Overview's inflow, shared for a few seconds: it looks until it sees the DLQ.
        await().pollInSameThread().atMost(Duration.ofSeconds(15)).until(() -> {
            conditions.check();
            return events(target, "dlq.oldest-age").size() == 1;
        });
        assertThat(events(target, "dlq.inflow-threshold")).as("3 of 5").isEmpty();

        park(queues, 3, "Quota " + letters() + " exceeded");
        await().pollInSameThread().atMost(Duration.ofSeconds(15)).until(() -> {
            conditions.check();
            return events(target, "dlq.inflow-threshold").size() == 1;
        });
        conditions.check();
        deliverer.deliverDue();
        assertThat(events(target, "dlq.inflow-threshold")).hasSize(1);
        assertThat(events(target, "dlq.oldest-age")).as("still old, told once").hasSize(1);
        var body =
                JSON.readTree(events(target, "dlq.inflow-threshold").getFirst().body());
        assertThat(body.get("link").asString())
                .isEqualTo("https://dlq.example.test/messages?connection=embedded&dlq=" + queues.dlqName());
        assertThat(body.get("detail").asString()).contains("6 messages parked in the last 5 minutes");
    }

    @Test
    void an_outbox_left_by_an_instance_that_died_mid_send_is_sent_by_the_next_holder_as_a_possible_duplicate()
            throws Exception {
        var target = add(TargetKind.JSON, null, 30, rule(Set.of(EventKind.JOB_FINISHED), null));
        // The console's own sender steps aside; two instances of the test's take over the lease.
        deliverer.stop();
        var leaseDuration = Duration.ofSeconds(2);
        var a = TestLeases.instance(jdbc, transactions, "a", leaseDuration);
        var b = TestLeases.instance(jdbc, transactions, "b", leaseDuration);
        instances.add(a);
        instances.add(b);
        var onA = new Deliverer(outbox, targets, properties, a, transactions, Clock.systemUTC());
        var onB = new Deliverer(outbox, targets, properties, b, transactions, Clock.systemUTC());

        notifications.sendTest(target);
        receiver.holdNext();
        var sending = Executors.newVirtualThreadPerTaskExecutor().submit(onA::deliverDue);
        await().pollInSameThread()
                .atMost(Duration.ofSeconds(5))
                .until(() -> forTarget(target).size() == 1);
        // a dies with the request out: no answer, no renewal.
        TestLeases.crash(a);
        assertThat(onB.deliverDue()).as("a's lease has not expired yet").isZero();

        await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> onB.deliverDue() == 1);
        var requests = forTarget(target);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).header("X-DLQ-Console-Event-Id"))
                .isEqualTo(requests.get(0).header("X-DLQ-Console-Event-Id"));
        assertThat(requests.get(1).header("X-DLQ-Console-Possible-Duplicate")).isEqualTo("true");
        var delivery = deliveryOf(target);
        assertThat(delivery.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(delivery.possibleDuplicate()).isTrue();

        // a wakes up to its answer: it lost the lease, and changes nothing.
        receiver.release();
        assertThat(sending.get()).isZero();
        assertThat(deliveryOf(target).attempts()).isEqualTo(2);
        assertThat(deliveryOf(target).status()).isEqualTo(DeliveryStatus.SENT);
        onB.stop();
    }

    @Test
    @WithMockUser(
            username = "oscar",
            roles = {"OPERATOR", "VIEWER"})
    void only_admins_see_or_change_notifications() {
        assertThatThrownBy(() -> notifications.targets()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> notifications.deliveries(null, 10)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> notifications.sendTest("x")).isInstanceOf(AccessDeniedException.class);
    }

    // Helpers

    private String add(TargetKind kind, String secret, int perMinute, NotificationRule rule) {
        return addAt(null, kind, secret, perMinute, rule);
    }

    private String addAt(String url, TargetKind kind, String secret, int perMinute, NotificationRule rule) {
        var name = "t-" + UUID.randomUUID().toString().substring(0, 8);
        notifications.add(new NotificationTarget(
                name, kind, url == null ? receiver.url("/" + name) : url, secret, perMinute, List.of(rule)));
        added.add(name);
        return name;
    }

    private static NotificationRule rule(Set<EventKind> kinds, String dlq) {
        return new NotificationRule(kinds, dlq == null ? null : List.of(dlq), null, null, null, null);
    }

    private List<WebhookReceiver.Received> forTarget(String target) {
        return receiver.received(
                r -> r.path().equals("/" + target) || deliveryTarget(r).equals(target));
    }

    private String deliveryTarget(WebhookReceiver.Received request) {
        var id = request.header("X-DLQ-Console-Event-Id");
        return jdbc
                .queryForList(
                        "select d.target from notification_delivery d join notification_event e on e.id = d.event_id"
                                + " where e.event_id = ?",
                        String.class,
                        id)
                .stream()
                .findFirst()
                .orElse("");
    }

    private List<WebhookReceiver.Received> forJob(String target, long jobId) {
        return forTarget(target).stream()
                .filter(r -> {
                    JsonNode job = JSON.readTree(r.body()).get("replayJob");
                    return job != null && job.asLong() == jobId;
                })
                .toList();
    }

    private List<WebhookReceiver.Received> events(String target, String event) {
        return forTarget(target).stream()
                .filter(r -> event.equals(r.header("X-DLQ-Console-Event")))
                .toList();
    }

    private Delivery deliveryOf(String target) {
        return outbox.recent(null, 500).stream()
                .filter(d -> d.target().equals(target))
                .findFirst()
                .orElseThrow();
    }

    private List<Long> park(TestQueues queues, int count, String reason) {
        var filter = new MessageFilter(queues.dlqName(), null, null, null, null, null, null, null);
        long before = parking.count(filter, 10_000);
        for (int i = 0; i < count; i++) {
            sqs.send(
                    "embedded",
                    queues.dlqUrl(),
                    OutgoingMessage.of("{\"n\":" + i + "}", Map.of("error-message", MessageAttribute.string(reason))));
        }
        discovery.refresh("embedded");
        try {
            parking.parkNow("embedded", queues.dlqName());
        } catch (IllegalStateException parkedByTheBackgroundParker) {
            // the console's own parker is at it: it parks them
        }
        await().pollInSameThread()
                .atMost(Duration.ofSeconds(20))
                .until(() -> parking.count(filter, 10_000) >= before + count);
        return parking.matchingIds(filter, 1_000);
    }

    private void publish(ReplayJob job, ReplayJobChanged.Change change) {
        transaction.executeWithoutResult(status -> events.publishEvent(new ReplayJobChanged(job, change)));
    }

    private static ReplayJob job(long id, String detail) {
        var now = Instant.now();
        return new ReplayJob(
                id,
                now,
                "olivia",
                "test",
                detail == null ? ReplayStatus.AWAITING_APPROVAL : ReplayStatus.PAUSED,
                detail,
                null,
                null,
                10,
                false,
                "ids",
                null,
                10,
                3,
                0,
                0,
                0,
                0,
                now,
                null,
                3,
                null,
                false,
                detail == null ? "more than 100 messages" : null,
                null,
                null,
                null,
                null,
                null);
    }

    /** Letters only: a reason's digits are templated away, and the group must be this test's alone. */
    private static String letters() {
        var text = new StringBuilder();
        UUID.randomUUID()
                .toString()
                .chars()
                .filter(Character::isDigit)
                .limit(10)
                .forEach(c -> text.append((char) ('a' + c - '0')));
        return text.toString();
    }
}
