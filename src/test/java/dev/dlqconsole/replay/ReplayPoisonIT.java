package dev.dlqconsole.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.dlqconsole.ConsoleIntegrationTest;
import dev.dlqconsole.parking.MessageFilter;
import dev.dlqconsole.parking.ParkedStatus;
import dev.dlqconsole.parking.ParkingService;
import dev.dlqconsole.sqs.DlqDiscovery;
import dev.dlqconsole.sqs.OutgoingMessage;
import dev.dlqconsole.sqs.SqsGateway;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.TestPropertySource;

/**
 * Poison: a message whose consumer always fails. Each replay sends it, it dead-letters again and is
 * parked anew as a new row; the replay count it carries adds up across those copies, and after
 * {@code poison-after} (3) round trips it is skipped unless an admin forces it.
 */
@TestPropertySource(properties = {"dlq-console.parking.enabled=false", "dlq-console.replay.poll=200ms"})
@WithMockUser(username = "olivia", roles = "OPERATOR")
class ReplayPoisonIT extends ConsoleIntegrationTest {

    private static final String CONNECTION = "embedded";

    @Autowired
    dev.dlqconsole.security.ReplayIds replayIds;

    @Autowired
    SqsGateway sqs;

    @Autowired
    DlqDiscovery discovery;

    @Autowired
    ParkingService parking;

    @Autowired
    ReplayService replays;

    @Test
    void a_message_that_comes_back_three_times_is_poison_and_only_an_admin_can_force_it() {
        var name = "poison-" + UUID.randomUUID().toString().substring(0, 6);
        var dlqUrl = sqs.createQueue(CONNECTION, name + "-dlq", Map.of());
        var dlqArn = sqs.describe(CONNECTION, dlqUrl).arn();
        // A consumer that fails once dead-letters the message: maxReceiveCount 1.
        var sourceUrl = sqs.createQueue(
                CONNECTION,
                name,
                Map.of("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"1\"}"));
        sqs.send(CONNECTION, dlqUrl, OutgoingMessage.of("{\"order\":\"always fails\"}", Map.of()));
        var parkedNow = parkAll(name + "-dlq");
        assertThat(parkedNow).hasSize(1);

        for (int trip = 1; trip <= 3; trip++) {
            var preview = replays.preview(request(parkedNow, false));
            assertThat(preview.poison()).as("poison before trip " + trip).isZero();
            var job = replays.create(request(parkedNow, false));
            awaitCompleted(job.id());
            failEverything(sourceUrl, dlqUrl);
            parkedNow = parkAll(name + "-dlq");
            assertThat(parkedNow).as("back in the DLQ after trip " + trip).hasSize(1);
        }

        var fourth = replays.preview(request(parkedNow, false));
        assertThat(fourth.poison()).isEqualTo(1);
        assertThat(fourth.willSend()).isZero();
        var poisoned = parkedNow;
        assertThatThrownBy(() -> replays.create(request(poisoned, false))).hasMessageContaining("Nothing to replay");
    }

    @Test
    @WithMockUser(username = "ada", roles = "ADMIN")
    void an_admin_forces_a_poison_message_out_again() {
        var name = "forced-" + UUID.randomUUID().toString().substring(0, 6);
        var dlqUrl = sqs.createQueue(CONNECTION, name + "-dlq", Map.of());
        var dlqArn = sqs.describe(CONNECTION, dlqUrl).arn();
        var sourceUrl = sqs.createQueue(
                CONNECTION,
                name,
                Map.of("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"1\"}"));
        // It comes in carrying the count of three earlier replays and a replay id the console signed, as
        // a re-parked copy does (a forged id would not count: ApiReplayTrustIT).
        sqs.send(
                CONNECTION,
                dlqUrl,
                OutgoingMessage.of(
                        "{\"order\":\"third time\"}",
                        Map.of(
                                "dlq-replay-count",
                                dev.dlqconsole.sqs.MessageAttribute.number(3),
                                "dlq-replay-id",
                                dev.dlqconsole.sqs.MessageAttribute.string(replayIds.of(987_654, 321)))));
        var ids = parkAll(name + "-dlq");
        assertThat(replays.preview(request(ids, false)).poison()).isEqualTo(1);

        var job = replays.create(request(ids, true));

        awaitCompleted(job.id());
        assertThat(replays.job(job.id()).sent()).isEqualTo(1);
        var received = dev.dlqconsole.TestQueues.drain(sqs, CONNECTION, sourceUrl, 1);
        assertThat(received.getFirst().attributes().get("dlq-replay-count").stringValue())
                .isEqualTo("4");
    }

    /** The consumer: receives everything and fails it, so SQS moves it to the DLQ. */
    private void failEverything(String sourceUrl, String dlqUrl) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            sqs.receive(CONNECTION, sourceUrl, 10, Duration.ZERO, Duration.ZERO);
            return depth(dlqUrl) > 0;
        });
    }

    private long depth(String url) {
        return Long.parseLong(
                sqs.describe(CONNECTION, url).attributes().getOrDefault("ApproximateNumberOfMessages", "0"));
    }

    private List<Long> parkAll(String dlq) {
        discovery.refresh(CONNECTION);
        parking.parkNow(CONNECTION, dlq);
        return parking.matchingIds(
                new MessageFilter(dlq, null, ParkedStatus.PARKED, null, null, null, null, null), 100);
    }

    private static ReplayRequest request(List<Long> ids, boolean force) {
        return new ReplayRequest(ids, null, "consumer fixed, surely", null, 100, force, null, true, false);
    }

    private void awaitCompleted(long jobId) {
        await().pollInSameThread()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(replays.job(jobId).status()).isEqualTo(ReplayStatus.COMPLETED));
    }
}
