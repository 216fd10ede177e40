package dev.dlqconsole.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dlqconsole.ConsoleIntegrationTest;
import dev.dlqconsole.TestQueues;
import dev.dlqconsole.parking.MessageFilter;
import dev.dlqconsole.parking.ParkingService;
import dev.dlqconsole.sqs.DlqDiscovery;
import dev.dlqconsole.sqs.OutgoingMessage;
import dev.dlqconsole.sqs.SqsGateway;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.TestPropertySource;

/**
 * The canary against a consumer that keeps failing: the job sends a few, sees them come back to the
 * DLQ, and pauses itself before the rest can storm; against a healthy consumer it sends everything.
 */
@TestPropertySource(
        properties = {
            "dlq-console.replay.poll=200ms",
            "dlq-console.replay.canary-messages=3",
            "dlq-console.replay.canary-watch=4s",
            "dlq-console.parking.interval=300ms",
            "dlq-console.parking.receive-wait=0s",
        })
@WithMockUser(username = "olivia", roles = "OPERATOR")
class ReplayCanaryIT extends ConsoleIntegrationTest {

    @Autowired
    SqsGateway sqs;

    @Autowired
    DlqDiscovery discovery;

    @Autowired
    ParkingService parking;

    @Autowired
    ReplayService replays;

    private final ScheduledExecutorService consumer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopConsumer() {
        consumer.shutdownNow();
    }

    @Test
    void a_consumer_that_still_fails_sends_the_canary_back_and_the_job_pauses_itself() {
        var queues = queues();
        var ids = parkMessages(queues, 30);
        // The consumer still fails: it dead-letters what it gets, attributes and all.
        consume(queues, true);

        var job = replays.create(new ReplayRequest(ids, null, "try again", null, 100, false, null));

        await().pollInSameThread()
                .atMost(Duration.ofSeconds(30))
                .until(() -> replays.job(job.id()).status() == ReplayStatus.PAUSED);
        var paused = replays.job(job.id());
        assertThat(paused.sent()).isEqualTo(3);
        assertThat(paused.statusDetail()).contains("came back to a DLQ").contains("still broken");
        assertThat(parking.count(
                        new MessageFilter(
                                queues.dlqName(),
                                null,
                                dev.dlqconsole.parking.ParkedStatus.PARKED,
                                null,
                                null,
                                null,
                                null,
                                null),
                        1_000))
                .as("27 never sent, plus the 3 canaries parked again")
                .isEqualTo(30);
    }

    @Test
    void a_healthy_consumer_lets_the_job_send_everything_after_the_watch() {
        var queues = queues();
        var ids = parkMessages(queues, 20);
        consume(queues, false);

        var job = replays.create(new ReplayRequest(ids, null, "fixed", null, 100, false, null));

        await().pollInSameThread()
                .atMost(Duration.ofSeconds(30))
                .until(() -> replays.job(job.id()).status() == ReplayStatus.COMPLETED);
        assertThat(replays.job(job.id()).sent()).isEqualTo(20);
        assertThat(replays.job(job.id()).canaryPassed()).isTrue();
    }

    @Test
    void the_canary_is_the_first_messages_actually_sent_not_the_first_in_the_selection() {
        var queues = queues();
        var ids = parkMessages(queues, 20);
        consume(queues, false);
        // The ten oldest went out already: "replay all" skips them, and its canary must still send.
        var oldest = ids.reversed().subList(0, 10);
        var first = replays.create(new ReplayRequest(oldest, null, "first half", null, 100, false, null, true, false));
        await().pollInSameThread()
                .atMost(Duration.ofSeconds(30))
                .until(() -> replays.job(first.id()).status() == ReplayStatus.COMPLETED);

        var all = new MessageFilter(queues.dlqName(), null, null, null, null, null, null, null);
        var job = replays.create(new ReplayRequest(List.of(), all, "the rest", null, 100, false, null));

        await().pollInSameThread()
                .atMost(Duration.ofSeconds(30))
                .until(() -> replays.job(job.id()).canaryUntil() != null);
        var watching = replays.job(job.id());
        assertThat(watching.sent()).as("canary messages sent before the watch").isEqualTo(3);
        assertThat(watching.skipped()).isEqualTo(10);
        await().pollInSameThread()
                .atMost(Duration.ofSeconds(30))
                .until(() -> replays.job(job.id()).status() == ReplayStatus.COMPLETED);
        assertThat(replays.job(job.id()).sent()).isEqualTo(10);
    }

    private List<Long> parkMessages(TestQueues queues, int n) {
        for (int i = 0; i < n; i++) {
            sqs.send("embedded", queues.dlqUrl(), OutgoingMessage.of("{\"n\":" + i + "}", Map.of()));
        }
        discovery.refresh("embedded");
        var filter = new MessageFilter(queues.dlqName(), null, null, null, null, null, null, null);
        await().pollInSameThread().atMost(Duration.ofSeconds(20)).until(() -> parking.count(filter, 1_000) == n);
        return parking.matchingIds(filter, 1_000);
    }

    private void consume(TestQueues queues, boolean fail) {
        consumer.scheduleWithFixedDelay(
                () -> {
                    var batch = sqs.receive("embedded", queues.sourceUrl(), 10, Duration.ZERO, Duration.ofSeconds(30));
                    for (var m : batch) {
                        if (fail) {
                            var attributes = new LinkedHashMap<>(m.attributes());
                            attributes.put(
                                    "error-message",
                                    dev.dlqconsole.sqs.MessageAttribute.string("downstream still broken"));
                            sqs.send("embedded", queues.dlqUrl(), OutgoingMessage.of(m.body(), attributes));
                        }
                        sqs.deleteBatch("embedded", queues.sourceUrl(), Map.of("0", m.receiptHandle()));
                    }
                },
                0,
                200,
                TimeUnit.MILLISECONDS);
    }

    private TestQueues queues() {
        return TestQueues.create(sqs, "canary", false);
    }
}
