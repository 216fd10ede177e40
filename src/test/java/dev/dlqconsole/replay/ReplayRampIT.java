package dev.dlqconsole.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dlqconsole.ConsoleIntegrationTest;
import dev.dlqconsole.SwitchableConsumer;
import dev.dlqconsole.TestQueues;
import dev.dlqconsole.parking.MessageFilter;
import dev.dlqconsole.parking.ParkingService;
import dev.dlqconsole.sqs.DlqDiscovery;
import dev.dlqconsole.sqs.OutgoingMessage;
import dev.dlqconsole.sqs.SqsGateway;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.TestPropertySource;

/**
 * The graduated ramp over ElasticMQ against a consumer whose health the test switches: a healthy one
 * lets the job go through every step (canary 2, then 5%, 25% and the rest of 100 messages), each sent
 * once; one that starts failing at the 5% step sends that step's messages back to the DLQ, and the job
 * pauses there with the reason, the rest unsent. Resumed against a healed consumer, the ramp goes on.
 */
@TestPropertySource(
        properties = {
            "dlq-console.replay.poll=200ms",
            "dlq-console.replay.canary-messages=2",
            "dlq-console.replay.canary-watch=2s",
            "dlq-console.replay.ramp-watch=2s",
            "dlq-console.parking.interval=300ms",
            "dlq-console.parking.receive-wait=0s",
        })
@WithMockUser(username = "olivia", roles = "OPERATOR")
class ReplayRampIT extends ConsoleIntegrationTest {

    @Autowired
    SqsGateway sqs;

    @Autowired
    DlqDiscovery discovery;

    @Autowired
    ParkingService parking;

    @Autowired
    ReplayService replays;

    @Test
    void a_healthy_ramp_goes_through_every_step_and_sends_each_message_once() {
        var queues = TestQueues.create(sqs, "ramp", false);
        var ids = parkMessages(queues, 100);
        try (var consumer = new SwitchableConsumer(sqs, queues, "never", n -> false)) {
            var job = replays.create(new ReplayRequest(ids, null, "fixed", null, 200, false, null));
            assertThat(job.ramp().steps())
                    .extracting(Ramp.Step::upTo)
                    .as("the canary, then 5%, 25% and the rest")
                    .containsExactly(2, 5, 25, 100);

            await().pollInSameThread()
                    .atMost(Duration.ofSeconds(40))
                    .until(() -> replays.job(job.id()).status() == ReplayStatus.COMPLETED);
            var done = replays.job(job.id());
            assertThat(done.sent()).isEqualTo(100);
            assertThat(done.ramp().step()).as("on the last step").isEqualTo(3);
            assertThat(replays.stepSends(job.id())).isEqualTo(Map.of(0, 2, 1, 3, 2, 20));
            await().atMost(Duration.ofSeconds(10)).until(() -> consumer.received() >= 100);
            assertThat(consumer.received()).isEqualTo(100);
            assertThat(consumer.distinctReceived()).isEqualTo(100);
        }
    }

    @Test
    void a_consumer_that_starts_failing_at_the_five_percent_step_pauses_the_job_there_with_the_reason() {
        var queues = TestQueues.create(sqs, "ramp", false);
        var ids = parkMessages(queues, 100);
        // Healthy for the canary's 2 messages, failing from the third on: the 5% step's.
        try (var consumer = new SwitchableConsumer(sqs, queues, "inventory unreachable", n -> n > 2)) {
            var job = replays.create(new ReplayRequest(ids, null, "fixed", null, 200, false, null));

            await().pollInSameThread()
                    .atMost(Duration.ofSeconds(40))
                    .until(() -> replays.job(job.id()).status() == ReplayStatus.PAUSED);
            var paused = replays.job(job.id());
            assertThat(paused.canaryPassed()).isTrue();
            assertThat(paused.ramp().step()).as("the 5% step").isEqualTo(1);
            assertThat(paused.sent())
                    .as("the canary and the 5% step, nothing after")
                    .isEqualTo(5);
            assertThat(paused.ramp().stepBack()).isPositive();
            assertThat(paused.statusDetail())
                    .contains("Paused at step 2 of 4 (5%)")
                    .contains("came back to a DLQ")
                    .contains("inventory unreachable");
            assertThat(consumer.received()).isEqualTo(5);

            // The dependency is back: resuming takes the step as passed and the ramp goes on from 25%.
            consumer.switchTo(n -> false);
            replays.resume(job.id());
            await().pollInSameThread()
                    .atMost(Duration.ofSeconds(40))
                    .until(() -> replays.job(job.id()).ramp().step() == 2
                            && replays.job(job.id()).ramp().watching());
            assertThat(replays.job(job.id()).sent())
                    .as("up to 25%, then a watch")
                    .isEqualTo(25);
            await().pollInSameThread()
                    .atMost(Duration.ofSeconds(40))
                    .until(() -> replays.job(job.id()).status() == ReplayStatus.COMPLETED);
            assertThat(replays.job(job.id()).sent()).isEqualTo(100);
            await().atMost(Duration.ofSeconds(10)).until(() -> consumer.received() >= 100);
            assertThat(consumer.distinctReceived()).as("each message sent once").isEqualTo(100);
            assertThat(consumer.received()).isEqualTo(100);
        }
    }

    @Test
    void a_request_brings_its_own_steps_and_threshold() {
        var queues = TestQueues.create(sqs, "ramp", false);
        var ids = parkMessages(queues, 40);
        var request = new ReplayRequest(ids, null, "own ramp", null, 200, false, null)
                .withRamp(new ReplayRequest.RampRequest(List.of(10, 50, 100), 20));
        var job = replays.create(request);
        assertThat(job.ramp().steps()).extracting(Ramp.Step::upTo).containsExactly(4, 20, 40);
        assertThat(job.ramp().threshold()).isEqualTo(20);
        replays.cancel(job.id());
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
}
