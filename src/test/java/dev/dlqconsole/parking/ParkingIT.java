package dev.dlqconsole.parking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.dlqconsole.ConsoleIntegrationTest;
import dev.dlqconsole.sqs.DeadLetterQueue;
import dev.dlqconsole.sqs.DlqDiscovery;
import dev.dlqconsole.sqs.MessageAttribute;
import dev.dlqconsole.sqs.OutgoingMessage;
import dev.dlqconsole.sqs.ReceivedMessage;
import dev.dlqconsole.sqs.SqsGateway;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/** Parking against the embedded SQS server: nothing lost, nothing twice, bodies intact. */
@TestPropertySource(
        properties = {
            // The tests drain by hand; the scheduled parker stays out of their way.
            "dlq-console.parking.enabled=false",
            "dlq-console.parking.visibility-timeout=1s",
            "dlq-console.parking.receive-wait=0s",
        })
class ParkingIT extends ConsoleIntegrationTest {

    private static final String CONNECTION = "embedded";

    @Autowired
    SqsGateway sqs;

    @Autowired
    DlqDiscovery discovery;

    @Autowired
    Parker parker;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    FaultyParking faults;

    private DeadLetterQueue dlq;

    @BeforeEach
    void queues() {
        faults.reset();
        var prefix = "p" + UUID.randomUUID().toString().substring(0, 6);
        var dlqUrl = sqs.createQueue(CONNECTION, prefix + "-dlq", Map.of());
        var dlqArn = sqs.describe(CONNECTION, dlqUrl).arn();
        sqs.createQueue(
                CONNECTION,
                prefix,
                Map.of("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"3\"}"));
        dlq = discovery.refresh(CONNECTION).deadLetterQueues().stream()
                .filter(q -> q.name().equals(prefix + "-dlq"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void a_crash_after_commit_and_before_delete_parks_every_message_exactly_once() {
        var ids = send(35);
        faults.crashAfterCommits.set(2);

        assertThatThrownBy(() -> parker.drain(dlq)).hasMessageContaining("simulated crash");
        assertThat(depth()).isPositive();
        // After the "restart" the undeleted messages come back once their visibility expires.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            parker.drain(dlq);
            assertThat(rowsPerMessageId())
                    .containsOnlyKeys(ids)
                    .allSatisfy((id, rows) -> assertThat(rows).isEqualTo(1));
            assertThat(depth()).isZero();
        });
    }

    @Test
    void deletes_that_sqs_refuses_are_redelivered_and_skipped_not_duplicated() {
        var ids = send(25);
        faults.corruptEveryThirdDelete.set(true);

        parker.drain(dlq);
        faults.corruptEveryThirdDelete.set(false);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            parker.drain(dlq);
            assertThat(depth()).isZero();
        });

        assertThat(rowsPerMessageId())
                .containsOnlyKeys(ids)
                .allSatisfy((id, rows) -> assertThat(rows).isEqualTo(1));
    }

    @Test
    void awkward_bodies_park_byte_for_byte() {
        var bodies = new LinkedHashMap<String, String>();
        bodies.put("big", "{\"notes\":\"" + "é".repeat(400_000) + "\"}" + "x".repeat(240_000));
        bodies.put("html", "<img src=x onerror=alert(1)>");
        bodies.put("blank", " \n\t ");
        bodies.put("unicode", "naïve – 日本語 – \uD83D\uDE80 – \uFFFD\uFFFD");
        var binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        var sent = new HashMap<String, String>();
        for (var entry : bodies.entrySet()) {
            var attributes =
                    Map.of("kind", MessageAttribute.string(entry.getKey()), "raw", MessageAttribute.binary(binary));
            sent.put(sqs.send(CONNECTION, dlq.url(), OutgoingMessage.of(entry.getValue(), attributes)), entry.getKey());
        }
        assertThat(bodies.get("big").getBytes(StandardCharsets.UTF_8).length).isBetween(1_000_000, 1_048_576);

        parker.drain(dlq);

        for (var entry : sent.entrySet()) {
            var row = jdbc.queryForMap(
                    "select p.body, m.body_size, p.attributes_json from parked_message m"
                            + " join parked_payload p on p.message_id = m.id where m.sqs_message_id = ?",
                    entry.getKey());
            var expected = bodies.get(entry.getValue()).getBytes(StandardCharsets.UTF_8);
            assertThat((byte[]) row.get("body")).as(entry.getValue()).isEqualTo(expected);
            assertThat(row.get("body_size")).isEqualTo(expected.length);
            assertThat((String) row.get("attributes_json"))
                    .contains(java.util.Base64.getEncoder().encodeToString(binary));
        }
    }

    @Test
    void extracts_source_reason_fingerprint_and_counts() {
        sqs.send(
                CONNECTION,
                dlq.url(),
                OutgoingMessage.of(
                        "{}",
                        Map.of(
                                "error-type", MessageAttribute.string("TimeoutException"),
                                "error-message", MessageAttribute.string("Timed out after 3000 ms for ord-1"))));
        sqs.send(
                CONNECTION,
                dlq.url(),
                OutgoingMessage.of(
                        "{}", Map.of("Error-Message", MessageAttribute.string("Timed out after 5000 ms for ord-77"))));

        parker.drain(dlq);

        var rows = jdbc.queryForList(
                "select source_queue, failure_reason, fingerprint, receive_count from parked_message where dlq_name = ?"
                        + " order by id",
                dlq.name());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("source_queue"))
                .isEqualTo(dlq.sources().getFirst().name());
        assertThat(rows.get(0).get("failure_reason")).isEqualTo("TimeoutException: Timed out after 3000 ms for ord-1");
        assertThat(rows.get(1).get("failure_reason")).isEqualTo("Timed out after 5000 ms for ord-77");
        assertThat(rows.get(0).get("receive_count")).isEqualTo(1);
        // Different type prefix: a different group; same shape otherwise.
        assertThat(rows.get(0).get("fingerprint")).isNotEqualTo(rows.get(1).get("fingerprint"));
    }

    private List<String> send(int count) {
        var ids = new ArrayList<String>();
        for (int i = 0; i < count; i++) {
            ids.add(sqs.send(CONNECTION, dlq.url(), OutgoingMessage.of("{\"n\":" + i + "}", Map.of())));
        }
        return ids;
    }

    private Map<String, Integer> rowsPerMessageId() {
        var rows = new HashMap<String, Integer>();
        jdbc.query(
                "select sqs_message_id, count(*) n from parked_message where dlq_name = ? group by sqs_message_id",
                rs -> {
                    rows.put(rs.getString(1), rs.getInt(2));
                },
                dlq.name());
        return rows;
    }

    private long depth() {
        var queue = sqs.describe(CONNECTION, dlq.url());
        return Long.parseLong(queue.attributes().get("ApproximateNumberOfMessages"))
                + Long.parseLong(queue.attributes().get("ApproximateNumberOfMessagesNotVisible"));
    }

    /** Crashes the parker after a number of commits, or corrupts some deletes. */
    static class FaultyParking extends ParkingFaults {

        final AtomicInteger crashAfterCommits = new AtomicInteger(-1);
        final java.util.concurrent.atomic.AtomicBoolean corruptEveryThirdDelete =
                new java.util.concurrent.atomic.AtomicBoolean();
        private final AtomicInteger deletes = new AtomicInteger();

        void reset() {
            crashAfterCommits.set(-1);
            corruptEveryThirdDelete.set(false);
        }

        @Override
        void afterCommit(List<ReceivedMessage> batch) {
            if (crashAfterCommits.get() >= 0 && crashAfterCommits.getAndDecrement() == 0) {
                throw new IllegalStateException("simulated crash between commit and delete");
            }
        }

        @Override
        String receiptHandleToDelete(String receiptHandle) {
            if (corruptEveryThirdDelete.get() && deletes.incrementAndGet() % 3 == 0) {
                return "not-a-receipt-handle-" + receiptHandle.hashCode();
            }
            return receiptHandle;
        }
    }

    @TestConfiguration
    static class Faults {

        @Bean
        @Primary
        FaultyParking faultyParking() {
            return new FaultyParking();
        }
    }
}
