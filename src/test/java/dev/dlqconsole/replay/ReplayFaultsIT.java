package dev.dlqconsole.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dlqconsole.ConsoleIntegrationTest;
import dev.dlqconsole.ParkedRows;
import dev.dlqconsole.SecondAccount;
import dev.dlqconsole.SqsFaultProxy;
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
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Replays through a fault proxy in front of the second account's SQS: answers that come too late,
 * answers that never come, entries SQS refuses, a connection that is gone. Whatever may have arrived
 * keeps its replay id and is counted as ambiguous; nothing is sent behind the ledger's back.
 */
@TestPropertySource(
        properties = {
            "dlq-console.parking.enabled=false",
            "dlq-console.replay.poll=200ms",
            // A send answered later than this has an unknown outcome.
            "dlq-console.sqs.call-timeout=1s",
        })
@WithMockUser(username = "olivia", roles = "OPERATOR")
class ReplayFaultsIT extends ConsoleIntegrationTest {

    private static final String CONNECTION = SecondAccount.CONNECTION;
    private static final String SEND = "SendMessageBatch";

    @DynamicPropertySource
    static void secondAccount(DynamicPropertyRegistry registry) {
        SecondAccount.register(registry);
    }

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

    private final SqsFaultProxy proxy = SecondAccount.proxy();

    @BeforeEach
    @AfterEach
    void noFaults() {
        proxy.reset();
    }

    @Test
    void a_send_sqs_took_but_answered_late_is_sent_again_under_its_replay_id_and_counted_ambiguous() {
        var queues = TestQueues.create(sqs, CONNECTION, "late", false);
        var ids = park(queues, 10);
        proxy.delay(SEND, Duration.ofSeconds(2), 1);

        var job = replays.create(request(ids));
        awaitStatus(job.id(), ReplayStatus.COMPLETED);

        var received = TestQueues.drain(sqs, CONNECTION, queues.sourceUrl(), 10);
        var copies = byReplayId(received);
        assertThat(copies).hasSize(10);
        assertThat(copies.values())
                .allSatisfy(same -> assertThat(same)
                        .extracting(ReceivedMessage::body)
                        .containsOnly(same.getFirst().body()));
        var duplicates = received.size() - 10;
        assertThat(duplicates)
                .as("the late batch arrived, and so did its second try")
                .isPositive();
        var done = replays.job(job.id());
        assertThat(done.sent()).isEqualTo(10);
        assertThat(done.ambiguous())
                .as("every message that may have arrived twice")
                .isGreaterThanOrEqualTo(duplicates);
    }

    @Test
    void when_sqs_never_answers_the_messages_stay_claimed_and_keep_their_replay_ids() {
        var queues = TestQueues.create(sqs, CONNECTION, "silent", false);
        var ids = park(queues, 10);
        proxy.delay(SEND, Duration.ofSeconds(2), 1_000);

        var job = replays.create(request(ids));

        // SQS took every try but answered none in time: the job stops and says so, and nothing goes
        // back to the parking lot as if it had not been sent.
        awaitStatus(job.id(), ReplayStatus.PAUSED);
        assertThat(replays.job(job.id()).statusDetail()).containsIgnoringCase("unknown");
        assertThat(ids).allSatisfy(id -> assertThat(ParkedRows.status(jdbc, id)).isEqualTo("REPLAYING"));
        assertThat(replays.ledger(job.id(), 0, 100))
                .extracting(LedgerEntry::status)
                .doesNotContain(LedgerStatus.FAILED);

        proxy.reset();
        replays.resume(job.id());
        awaitStatus(job.id(), ReplayStatus.COMPLETED);
        var received = TestQueues.drain(sqs, CONNECTION, queues.sourceUrl(), 10);
        var copies = byReplayId(received);
        assertThat(copies).hasSize(10);
        var arrivedMoreThanOnce =
                copies.values().stream().filter(same -> same.size() > 1).count();
        assertThat((long) replays.job(job.id()).ambiguous())
                .as("messages that may have arrived more than once")
                .isGreaterThanOrEqualTo(arrivedMoreThanOnce);
    }

    @Test
    void a_cancelled_job_leaves_an_uncertain_send_its_replay_id_for_the_next_try() {
        var queues = TestQueues.create(sqs, CONNECTION, "dropped", false);
        var ids = park(queues, 5);
        // SQS takes each call, and the answer never comes back.
        proxy.drop(SEND, 1_000);
        var first = replays.create(request(ids));
        await().pollInSameThread()
                .atMost(Duration.ofSeconds(60))
                .until(() -> replays.job(first.id()).status() != ReplayStatus.RUNNING);
        if (!replays.job(first.id()).status().finished()) {
            replays.cancel(first.id());
        }
        proxy.reset();

        var second = replays.create(request(ids));
        awaitStatus(second.id(), ReplayStatus.COMPLETED);

        var received = TestQueues.drain(sqs, CONNECTION, queues.sourceUrl(), 5);
        var replayIdsPerMessage = received.stream()
                .collect(Collectors.groupingBy(
                        m -> m.attributes().get("dlq-original-message-id").stringValue(),
                        Collectors.mapping(m -> replayId(m), Collectors.toSet())));
        assertThat(replayIdsPerMessage).hasSize(5);
        assertThat(replayIdsPerMessage.values())
                .as("one replay id per message, however often it was tried")
                .allSatisfy(replayIds -> assertThat(replayIds).hasSize(1));
    }

    @Test
    void an_entry_refused_once_in_a_fifo_group_is_sent_again_before_the_rest_of_its_group() {
        var queues = TestQueues.create(sqs, CONNECTION, "order", true);
        for (int i = 0; i < 18; i++) {
            var group = "g" + (i % 3);
            sqs.send(
                    CONNECTION,
                    queues.dlqUrl(),
                    new OutgoingMessage("0", group + "-" + (i / 3), Map.of(), group, "d" + i));
        }
        var ids = park(queues);
        proxy.failEntries(SEND, entry -> entry.path("MessageBody").asString().equals("g1-2"), "InternalError", 1);

        var job = replays.create(request(ids));
        awaitStatus(job.id(), ReplayStatus.COMPLETED);

        var arrived = new HashMap<String, List<Integer>>();
        for (var m : TestQueues.drain(sqs, CONNECTION, queues.sourceUrl(), 18)) {
            var body = m.body();
            arrived.computeIfAbsent(body.substring(0, 2), g -> new ArrayList<>())
                    .add(Integer.parseInt(body.substring(3)));
        }
        assertThat(arrived)
                .hasSize(3)
                .allSatisfy((group, order) -> assertThat(order).as(group).containsExactly(0, 1, 2, 3, 4, 5));
    }

    @Test
    void a_fifo_group_behind_a_message_sqs_keeps_refusing_waits_until_it_is_skipped() {
        var queues = TestQueues.create(sqs, CONNECTION, "held", true);
        for (int i = 0; i < 18; i++) {
            var group = "g" + (i % 3);
            sqs.send(
                    CONNECTION,
                    queues.dlqUrl(),
                    new OutgoingMessage("0", group + "-" + (i / 3), Map.of(), group, "h" + i));
        }
        var ids = park(queues);
        proxy.failEntries(SEND, entry -> entry.path("MessageBody").asString().equals("g1-2"), "InternalError", 1_000);

        var job = replays.create(request(ids));

        awaitStatus(job.id(), ReplayStatus.PAUSED);
        assertThat(replays.job(job.id()).statusDetail()).contains("FIFO group");
        assertThat(replays.held(job.id()))
                .as("%s", replays.ledger(job.id(), 0, 100))
                .isEqualTo(3);
        var first = arrivals(queues, 14);
        assertThat(first.get("g0")).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(first.get("g2")).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(first.get("g1")).as("the group waits behind g1-2").containsExactly(0, 1);

        replays.skipHeld(job.id());

        awaitStatus(job.id(), ReplayStatus.COMPLETED);
        assertThat(arrivals(queues, 3).get("g1")).containsExactly(3, 4, 5);
        assertThat(replays.ledger(job.id(), 0, 100))
                .filteredOn(e -> e.status() == LedgerStatus.SKIPPED)
                .hasSize(1)
                .allSatisfy(e -> assertThat(e.detail()).contains("skipped by olivia"));
    }

    /** What arrived in the source queue, by group, in the order it arrived. */
    private Map<String, List<Integer>> arrivals(TestQueues queues, int expected) {
        var arrived = new HashMap<String, List<Integer>>();
        for (var m : TestQueues.drain(sqs, CONNECTION, queues.sourceUrl(), expected)) {
            var body = m.body();
            arrived.computeIfAbsent(body.substring(0, 2), g -> new ArrayList<>())
                    .add(Integer.parseInt(body.substring(3)));
        }
        return arrived;
    }

    @Test
    void a_job_whose_connection_is_gone_pauses_and_says_why() {
        var queues = TestQueues.create(sqs, CONNECTION, "gone", false);
        var ids = park(queues, 20);
        var job = replays.create(new ReplayRequest(ids, null, "slowly", null, 1, false, null, true, false));
        replays.pause(job.id());
        // The console restarted with the connection renamed: the job's messages name one that is gone.
        ParkedRows.renameConnection(jdbc, job.id(), ids, "renamed-account");

        replays.resume(job.id());

        awaitStatus(job.id(), ReplayStatus.PAUSED);
        assertThat(replays.job(job.id()).statusDetail()).contains("renamed-account");
        assertThat(ids).allSatisfy(id -> assertThat(ParkedRows.status(jdbc, id)).isNotEqualTo("REPLAYING"));
    }

    private List<Long> park(TestQueues queues, int count) {
        for (int i = 0; i < count; i++) {
            sqs.send(CONNECTION, queues.dlqUrl(), OutgoingMessage.of("{\"n\":" + i + "}", Map.of()));
        }
        return park(queues);
    }

    private List<Long> park(TestQueues queues) {
        discovery.refresh(CONNECTION);
        parking.parkNow(CONNECTION, queues.dlqName());
        return parking.matchingIds(
                new MessageFilter(queues.dlqName(), null, null, null, null, null, null, null), 1_000);
    }

    private static ReplayRequest request(List<Long> ids) {
        return new ReplayRequest(ids, null, "through a flaky network", null, 1_000, false, null, true, false);
    }

    private void awaitStatus(long jobId, ReplayStatus status) {
        await().pollInSameThread()
                .atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(replays.job(jobId).status()).isEqualTo(status));
    }

    private static Map<String, List<ReceivedMessage>> byReplayId(List<ReceivedMessage> received) {
        return received.stream().collect(Collectors.groupingBy(ReplayFaultsIT::replayId));
    }

    private static String replayId(ReceivedMessage m) {
        return m.attributes().get("dlq-replay-id").stringValue();
    }
}
