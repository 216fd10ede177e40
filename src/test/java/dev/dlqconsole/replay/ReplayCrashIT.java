package dev.dlqconsole.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dlqconsole.ConsoleIntegrationTest;
import dev.dlqconsole.TestQueues;
import dev.dlqconsole.parking.MessageFilter;
import dev.dlqconsole.parking.ParkingService;
import dev.dlqconsole.sqs.DlqDiscovery;
import dev.dlqconsole.sqs.OutgoingMessage;
import dev.dlqconsole.sqs.ReceivedMessage;
import dev.dlqconsole.sqs.SqsGateway;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.TestPropertySource;

/**
 * The executor dies after SQS accepted a batch and before the ledger recorded it. The job resumes
 * by itself: every message arrives, the duplicates are at most that one batch, each pair shares its
 * replay id, and the job reports how many were ambiguous.
 */
@TestPropertySource(properties = {"dlq-console.parking.enabled=false", "dlq-console.replay.poll=200ms"})
@WithMockUser(username = "olivia", roles = "OPERATOR")
class ReplayCrashIT extends ConsoleIntegrationTest {

    private static final int MESSAGES = 300;

    @Autowired
    SqsGateway sqs;

    @Autowired
    DlqDiscovery discovery;

    @Autowired
    ParkingService parking;

    @Autowired
    ReplayService replays;

    @Autowired
    CrashingOnce faults;

    @Autowired
    ReplayProperties properties;

    @Test
    void a_crash_between_send_and_ledger_resumes_with_duplicates_bounded_by_the_in_flight_window() {
        var queues = TestQueues.create(sqs, "crash", false);
        var name = queues.sourceName();
        var dlqUrl = queues.dlqUrl();
        var sourceUrl = queues.sourceUrl();
        var batch = new ArrayList<OutgoingMessage>();
        for (int i = 0; i < MESSAGES; i++) {
            batch.add(new OutgoingMessage(Integer.toString(i % 10), "{\"n\":" + i + "}", Map.of(), null, null));
            if (batch.size() == 10) {
                sqs.sendBatch("embedded", dlqUrl, batch);
                batch.clear();
            }
        }
        discovery.refresh("embedded");
        parking.parkNow("embedded", name + "-dlq");
        var ids =
                parking.matchingIds(new MessageFilter(name + "-dlq", null, null, null, null, null, null, null), 1_000);
        assertThat(ids).hasSize(MESSAGES);
        faults.crashAfterBatch.set(5);

        var job = replays.create(new ReplayRequest(ids, null, "crash test", null, 2_000, false, null));

        await().pollInSameThread()
                .atMost(Duration.ofSeconds(60))
                .until(() -> replays.job(job.id()).status() == ReplayStatus.COMPLETED);
        var received = drain(sourceUrl);
        var byReplayId = received.stream()
                .collect(Collectors.groupingBy(
                        m -> m.attributes().get("dlq-replay-id").stringValue()));
        assertThat(byReplayId).hasSize(MESSAGES);
        var duplicates = received.size() - MESSAGES;
        assertThat(duplicates)
                .as("duplicates, bounded by the in-flight window")
                .isBetween(1, properties.inFlightWindow());
        assertThat(byReplayId.values())
                .filteredOn(copies -> copies.size() > 1)
                .allSatisfy(copies -> assertThat(copies)
                        .extracting(ReceivedMessage::body)
                        .containsOnly(copies.getFirst().body()));
        var finished = replays.job(job.id());
        assertThat(finished.sent()).isEqualTo(MESSAGES);
        // Ambiguous: every entry the crash left as SENDING; some of them had not reached SQS yet.
        assertThat(finished.ambiguous()).isBetween(duplicates, properties.inFlightWindow());
    }

    private List<ReceivedMessage> drain(String url) {
        var received = new ArrayList<ReceivedMessage>();
        while (true) {
            var batch = sqs.receive("embedded", url, 10, Duration.ZERO, Duration.ofSeconds(60));
            if (batch.isEmpty()) {
                return received;
            }
            received.addAll(batch);
            var handles = new HashMap<String, String>();
            for (int i = 0; i < batch.size(); i++) {
                handles.put(Integer.toString(i), batch.get(i).receiptHandle());
            }
            sqs.deleteBatch("embedded", url, handles);
        }
    }

    /** Crashes the executor once, right after SQS accepted the n-th batch. */
    static class CrashingOnce extends ReplayFaults {

        final AtomicInteger crashAfterBatch = new AtomicInteger(-1);

        @Override
        void afterSend(long jobId) {
            if (crashAfterBatch.get() > 0 && crashAfterBatch.decrementAndGet() == 0) {
                throw new IllegalStateException("simulated crash after the send, before the ledger");
            }
        }
    }

    @TestConfiguration
    static class Faults {

        @Bean
        @Primary
        CrashingOnce crashingOnce() {
            return new CrashingOnce();
        }
    }
}
