package dev.dlqconsole.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dlqconsole.TestQueues;
import dev.dlqconsole.sqs.MessageAttribute;
import dev.dlqconsole.sqs.OutgoingMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * What comes back to a DLQ after a replay, seen by a viewer over the API: a canary that came back
 * pauses its job without showing the returned message's secrets, and what a producer writes into
 * {@code dlq-replay-id} or {@code dlq-replay-count} neither pauses a canary nor makes a fresh message poison.
 */
@TestPropertySource(
        properties = {
            "dlq-console.parking.enabled=true",
            "dlq-console.parking.interval=300ms",
            "dlq-console.parking.receive-wait=0s",
            "dlq-console.replay.canary-messages=3",
            "dlq-console.replay.canary-watch=4s",
        })
@ExtendWith(OutputCaptureExtension.class)
class ApiReplayTrustIT extends ApiIntegrationTest {

    private final ScheduledExecutorService consumer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopConsumer() {
        consumer.shutdownNow();
    }

    @Test
    void a_canary_pause_does_not_show_the_returned_messages_secret(CapturedOutput output) {
        var queues = queues("trust-canary");
        var ids = parkMessages(queues, 10, Map.of());
        consume(queues, "charge failed: POST /pay?access_token=tok-canary-4242");

        var job = createJob(ids);

        await().atMost(Duration.ofSeconds(60))
                .until(() -> progress(job).path("status").asString().equals("paused"));
        var paused = progress(job);
        assertThat(paused.path("statusDetail").asString()).contains("came back to a DLQ");
        assertThat(paused.toString()).doesNotContain("tok-canary-4242");
        assertThat(output.getAll()).doesNotContain("tok-canary-4242");
    }

    @Test
    void a_forged_replay_id_does_not_pause_the_canary() {
        var queues = queues("trust-forged-id");
        var ids = parkMessages(queues, 10, Map.of());
        consume(queues, null);

        var job = createJob(ids);
        // A producer who knows how replay ids were made sends "copies" of every message back to the DLQ.
        for (var id : ids) {
            sqs.send(
                    CONNECTION,
                    queues.dlqUrl(),
                    OutgoingMessage.of(
                            "{\"forged\":" + id + "}",
                            Map.of(
                                    "dlq-replay-id", MessageAttribute.string(predictableReplayId(job, id)),
                                    "dlq-replay-count", MessageAttribute.number(1),
                                    "error-message", MessageAttribute.string("forged"))));
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            var status = progress(job).path("status").asString();
            return status.equals("completed") || status.equals("paused");
        });
        var done = progress(job);
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("completed");
        assertThat(done.path("sent").asInt()).isEqualTo(10);
        await().atMost(Duration.ofSeconds(20)).until(() -> parkedIn(queues.dlqName()) == 20);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM parked_message WHERE dlq_name = ? AND came_back_replay_id IS NOT NULL",
                        Integer.class,
                        queues.dlqName()))
                .as("no forged copy is taken for a replay")
                .isZero();
    }

    @Test
    void a_forged_replay_count_does_not_make_a_fresh_message_poison() {
        var queues = queues("trust-forged-count");
        var ids = parkMessages(
                queues,
                1,
                Map.of(
                        "dlq-replay-id", MessageAttribute.string("0123456789abcdef0123456789abcdef"),
                        "dlq-replay-count", MessageAttribute.number(7)));

        var preview = body(
                send(postJson(
                        bearer(OPERATOR_TOKEN, "/api/replays"),
                        "{\"ids\":" + ids + ",\"reason\":\"check\",\"dryRun\":true}")),
                200);

        assertThat(preview.path("poison").asInt()).as(preview.toString()).isZero();
        assertThat(preview.path("willSend").asInt()).isEqualTo(1);
    }

    /** How the console made replay ids before they were signed: anyone could work them out. */
    private static String predictableReplayId(long jobId, long messageId) {
        try {
            var digest = MessageDigest.getInstance("SHA-256")
                    .digest(("dlq-console/" + jobId + "/" + messageId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 32);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long createJob(List<Long> ids) {
        var created = body(
                send(postJson(
                        bearer(OPERATOR_TOKEN, "/api/replays"),
                        "{\"ids\":" + ids + ",\"reason\":\"downstream fixed\",\"ratePerSecond\":100}")),
                201);
        return created.path("id").asLong();
    }

    private tools.jackson.databind.JsonNode progress(long job) {
        return body(send(bearer(VIEWER_TOKEN, "/api/replays/" + job)), 200);
    }

    private List<Long> parkMessages(TestQueues queues, int n, Map<String, MessageAttribute> attributes) {
        for (int i = 0; i < n; i++) {
            sqs.send(CONNECTION, queues.dlqUrl(), OutgoingMessage.of("{\"n\":" + i + "}", attributes));
        }
        discovery.refresh(CONNECTION);
        await().atMost(Duration.ofSeconds(30)).until(() -> parkedIn(queues.dlqName()) == n);
        return jdbc.queryForList(
                "SELECT id FROM parked_message WHERE dlq_name = ? ORDER BY id", Long.class, queues.dlqName());
    }

    private int parkedIn(String dlq) {
        return jdbc.queryForObject("SELECT count(*) FROM parked_message WHERE dlq_name = ?", Integer.class, dlq);
    }

    /** A consumer of the source queue: with a reason it fails each message back to the DLQ, attributes and all. */
    private void consume(TestQueues queues, String failWith) {
        consumer.scheduleWithFixedDelay(
                () -> {
                    var batch = sqs.receive(CONNECTION, queues.sourceUrl(), 10, Duration.ZERO, Duration.ofSeconds(30));
                    for (var m : batch) {
                        if (failWith != null) {
                            var attributes = new LinkedHashMap<>(m.attributes());
                            attributes.put("error-message", MessageAttribute.string(failWith));
                            sqs.send(CONNECTION, queues.dlqUrl(), OutgoingMessage.of(m.body(), attributes));
                        }
                        sqs.deleteBatch(CONNECTION, queues.sourceUrl(), Map.of("0", m.receiptHandle()));
                    }
                },
                0,
                200,
                TimeUnit.MILLISECONDS);
    }
}
