package dev.dlqconsole.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.dlqconsole.ConsoleIntegrationTest;
import dev.dlqconsole.HealthEndpoint;
import dev.dlqconsole.TestQueues;
import dev.dlqconsole.parking.MessageFilter;
import dev.dlqconsole.parking.ParkingService;
import dev.dlqconsole.sqs.DlqDiscovery;
import dev.dlqconsole.sqs.OutgoingMessage;
import dev.dlqconsole.sqs.SqsGateway;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.TestPropertySource;

/**
 * Scheduled and conditional replays against a local health endpoint that turns healthy during the
 * test: a job waits while it answers 503, starts after three 2xx answers in a row (a 503 between them
 * starts the count again), and sends its messages; past its deadline it gives up with nothing sent;
 * redirects are not followed; a URL to a host off the allow-list is refused; a waiting job can be
 * cancelled; a scheduled job starts at its time, not before.
 */
@TestPropertySource(
        properties = {
            "dlq-console.replay.poll=200ms",
            "dlq-console.replay.health-check.interval=200ms",
            "dlq-console.replay.health-check.timeout=1s",
            "dlq-console.replay.health-check.allowed-hosts=127.0.0.1",
            "dlq-console.parking.interval=300ms",
            "dlq-console.parking.receive-wait=0s",
        })
@WithMockUser(username = "olivia", roles = "OPERATOR")
class ScheduledReplayIT extends ConsoleIntegrationTest {

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

    @Test
    void a_job_waits_while_the_dependency_answers_503_and_starts_after_three_2xx_in_a_row() {
        var queues = TestQueues.create(sqs, "healthy", false);
        var ids = park(queues, 5);
        try (var health = new HealthEndpoint(503)) {
            var job = replays.create(request(ids)
                    .startingWhen(ReplayRequest.StartCondition.whenHealthy(
                            health.url("/health?token=sekrit"), 3, Instant.now().plusSeconds(120))));
            assertThat(job.status()).isEqualTo(ReplayStatus.WAITING);
            assertThat(job.start().describe())
                    .startsWith("Waiting for 127.0.0.1:")
                    .endsWith("(0 of 3 OK)");

            await().atMost(Duration.ofSeconds(20)).until(() -> health.hits() >= 3);
            var waiting = replays.job(job.id());
            assertThat(waiting.status()).isEqualTo(ReplayStatus.WAITING);
            assertThat(waiting.start().lastCheck()).isEqualTo("HTTP 503");
            assertThat(waiting.sent()).isZero();

            // Two OKs, a relapse, then healthy for good: the relapse starts the count again.
            var before = health.answer(List.of(200, 200, 503), 200);
            await().pollInSameThread()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> replays.job(job.id()).status() == ReplayStatus.COMPLETED);
            assertThat(health.hits())
                    .as("checks: 2 OK, 503, 3 OK, and none after the start")
                    .isEqualTo(before + 6);
            assertThat(replays.job(job.id()).sent()).isEqualTo(5);
            assertThat(TestQueues.drain(sqs, "embedded", queues.sourceUrl(), 5)).hasSize(5);
        }
        var started = jdbc.queryForObject(
                "select detail from audit_event where action = 'replay.start' and targets = ?",
                String.class,
                "replay job " + jdbc.queryForObject("select max(id) from replay_job", Long.class));
        assertThat(started).contains("answered 2xx 3 times in a row").doesNotContain("sekrit");
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_event where detail like '%sekrit%' or reason like '%sekrit%'",
                        Integer.class))
                .as("the health URL's query is never audited")
                .isZero();
    }

    @Test
    void past_its_deadline_a_job_gives_up_with_nothing_sent_and_redirects_are_not_followed() {
        var queues = TestQueues.create(sqs, "giveup", false);
        var ids = park(queues, 3);
        // A redirect to a healthy page: a check that followed it would start the job.
        try (var health = new HealthEndpoint(302)) {
            var job = replays.create(request(ids)
                    .startingWhen(ReplayRequest.StartCondition.whenHealthy(
                            health.url("/health"), 1, Instant.now().plusSeconds(3))));

            await().pollInSameThread()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> replays.job(job.id()).status() == ReplayStatus.GAVE_UP);
            var gaveUp = replays.job(job.id());
            assertThat(gaveUp.statusDetail())
                    .contains("Gave up")
                    .contains("did not answer 2xx 1 times in a row before the deadline")
                    .contains("HTTP 302")
                    .contains("nothing was sent");
            assertThat(gaveUp.sent()).isZero();
            assertThat(gaveUp.finishedAt()).isNotNull();
            assertThat(health.hits()).isPositive();
            assertThat(health.redirectsFollowed()).isZero();
        }
        assertThat(sqs.receive("embedded", queues.sourceUrl(), 10, Duration.ZERO, Duration.ofSeconds(1)))
                .isEmpty();
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_event where action = 'replay.gave-up' and targets like 'replay job %'",
                        Integer.class))
                .isPositive();
        // It held nothing: another replay takes the same messages at once.
        var again = replays.create(request(ids));
        assertThat(again.total() - again.skipped()).isEqualTo(3);
    }

    @Test
    void a_health_url_on_a_host_off_the_allow_list_is_refused_when_the_job_is_created() {
        var queues = TestQueues.create(sqs, "refused", false);
        var ids = park(queues, 1);
        var jobs = jdbc.queryForObject("select count(*) from replay_job", Integer.class);

        assertThatThrownBy(() -> replays.create(request(ids)
                        .startingWhen(ReplayRequest.StartCondition.whenHealthy(
                                "http://169.254.169.254/latest/meta-data", 3, null))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("may not check 169.254.169.254")
                .hasMessageContaining("allowed hosts (127.0.0.1");
        assertThatThrownBy(() -> replays.create(request(ids)
                        .startingWhen(ReplayRequest.StartCondition.whenHealthy("file:///etc/passwd", 3, null))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> replays.create(request(ids)
                        .startingWhen(
                                ReplayRequest.StartCondition.whenHealthy("http://user:pw@127.0.0.1/health", 3, null))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user name or password");
        assertThat(jdbc.queryForObject("select count(*) from replay_job", Integer.class))
                .isEqualTo(jobs);
    }

    @Test
    void a_waiting_job_can_be_cancelled_and_never_starts() {
        var queues = TestQueues.create(sqs, "cancelwait", false);
        var ids = park(queues, 2);
        try (var health = new HealthEndpoint(503)) {
            var job = replays.create(request(ids)
                    .startingWhen(ReplayRequest.StartCondition.whenHealthy(
                            health.url("/health"), 2, Instant.now().plusSeconds(120))));
            await().atMost(Duration.ofSeconds(20)).until(() -> health.hits() >= 1);

            assertThat(replays.cancel(job.id()).status()).isEqualTo(ReplayStatus.CANCELLED);
            var hits = health.answer(List.of(), 200);
            await().pollDelay(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> true);
            assertThat(replays.job(job.id()).status()).isEqualTo(ReplayStatus.CANCELLED);
            assertThat(replays.job(job.id()).sent()).isZero();
            assertThat(health.hits()).as("no checks after the cancel").isEqualTo(hits);
        }
        assertThat(sqs.receive("embedded", queues.sourceUrl(), 10, Duration.ZERO, Duration.ofSeconds(1)))
                .isEmpty();
    }

    @Test
    void a_scheduled_job_starts_at_its_time_and_not_before() {
        var queues = TestQueues.create(sqs, "scheduled", false);
        var ids = park(queues, 4);
        var at = Instant.now().plusSeconds(4);

        var job = replays.create(request(ids).startingWhen(ReplayRequest.StartCondition.at(at)));
        assertThat(job.status()).isEqualTo(ReplayStatus.SCHEDULED);
        assertThat(job.start().describe()).startsWith("Scheduled for ").endsWith("UTC");

        await().pollInSameThread()
                .atMost(Duration.ofSeconds(30))
                .until(() -> replays.job(job.id()).status() != ReplayStatus.SCHEDULED);
        assertThat(Instant.now()).as("not before its time").isAfterOrEqualTo(at);
        await().pollInSameThread()
                .atMost(Duration.ofSeconds(30))
                .until(() -> replays.job(job.id()).status() == ReplayStatus.COMPLETED);
        assertThat(replays.job(job.id()).sent()).isEqualTo(4);
        assertThat(jdbc.queryForObject(
                        "select detail from audit_event where action = 'replay.start' and targets = ?",
                        String.class,
                        "replay job " + job.id()))
                .contains("started by its schedule");
        assertThat(jdbc.queryForObject(
                        "select detail from audit_event where action = 'replay.create' and targets like ?",
                        String.class,
                        "replay job " + job.id() + ":%"))
                .contains("scheduled for " + at);
    }

    private static ReplayRequest request(List<Long> ids) {
        return new ReplayRequest(ids, null, "dependency back", null, 100, false, null, true, false);
    }

    private List<Long> park(TestQueues queues, int n) {
        for (int i = 0; i < n; i++) {
            sqs.send("embedded", queues.dlqUrl(), OutgoingMessage.of("{\"n\":" + i + "}", Map.of()));
        }
        discovery.refresh("embedded");
        var filter = new MessageFilter(queues.dlqName(), null, null, null, null, null, null, null);
        await().pollInSameThread().atMost(Duration.ofSeconds(20)).until(() -> parking.count(filter, 1_000) == n);
        return parking.matchingIds(filter, 1_000);
    }
}
