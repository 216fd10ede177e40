package dev.dlqconsole.replay;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.dlqconsole.ConsoleIntegrationTest;
import dev.dlqconsole.ParkedRows;
import dev.dlqconsole.TestQueues;
import dev.dlqconsole.parking.MessageFilter;
import dev.dlqconsole.parking.ParkedStatus;
import dev.dlqconsole.parking.ParkingService;
import dev.dlqconsole.sqs.DlqDiscovery;
import dev.dlqconsole.sqs.MessageAttribute;
import dev.dlqconsole.sqs.OutgoingMessage;
import dev.dlqconsole.sqs.SqsGateway;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.TestPropertySource;

/** Replays against the embedded SQS server: each message once, attributes and FIFO order intact. */
@TestPropertySource(properties = {"dlq-console.parking.enabled=false", "dlq-console.replay.poll=200ms"})
@WithMockUser(username = "olivia", roles = "OPERATOR")
class ReplayIT extends ConsoleIntegrationTest {

    private static final String CONNECTION = "embedded";

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
    void overlapping_jobs_and_a_double_click_send_each_message_once() {
        var queues = queues(false);
        for (int i = 0; i < 40; i++) {
            sqs.send(CONNECTION, queues.dlqUrl(), OutgoingMessage.of("{\"n\":" + i + "}", Map.of()));
        }
        var ids = park(queues);

        var first = replays.create(request(ids, null, false));
        var second = replays.create(request(ids, null, false));
        var third = replays.create(request(ids.subList(0, 10), null, false));

        awaitFinished(first.id(), second.id(), third.id());
        var received = TestQueues.drain(sqs, CONNECTION, queues.sourceUrl(), 40);
        assertThat(received).hasSize(40);
        assertThat(received)
                .extracting(m -> m.attributes().get("dlq-replay-id").stringValue())
                .doesNotHaveDuplicates();
        var jobs = List.of(replays.job(first.id()), replays.job(second.id()), replays.job(third.id()));
        assertThat(jobs.stream().mapToInt(ReplayJob::sent).sum()).isEqualTo(40);
        assertThat(jobs.stream().mapToInt(ReplayJob::skipped).sum()).isEqualTo(50);
        assertThat(parking.count(new MessageFilter(queues.dlqName(), null, null, null, null, null, null, null), 100))
                .isEqualTo(40);
        assertThatThrownBy(() -> replays.create(request(ids, null, false))).hasMessageContaining("Nothing to replay");
    }

    @Test
    void a_message_with_ten_attributes_keeps_all_ten_and_the_job_says_what_did_not_fit() {
        var queues = queues(false);
        var attributes = new LinkedHashMap<String, MessageAttribute>();
        for (int i = 0; i < 9; i++) {
            attributes.put("a" + i, MessageAttribute.string("value-" + i));
        }
        attributes.put("signature", MessageAttribute.binary(new byte[] {0, 1, 2, (byte) 255}));
        sqs.send(CONNECTION, queues.dlqUrl(), OutgoingMessage.of("ten", attributes));
        sqs.send(CONNECTION, queues.dlqUrl(), OutgoingMessage.of("one", Map.of("a", MessageAttribute.string("b"))));
        var ids = park(queues);

        var job = replays.create(request(ids, null, false));
        awaitFinished(job.id());

        var received = TestQueues.drain(sqs, CONNECTION, queues.sourceUrl(), 2);
        var ten = received.stream()
                .filter(m -> m.body().equals("ten"))
                .findFirst()
                .orElseThrow();
        assertThat(ten.attributes()).containsAllEntriesOf(attributes).hasSize(10);
        var one = received.stream()
                .filter(m -> m.body().equals("one"))
                .findFirst()
                .orElseThrow();
        assertThat(one.attributes())
                .containsKeys("a", "dlq-replay-id", "dlq-replay-count", "dlq-original-message-id", "traceparent");
        assertThat(one.attributes().get("dlq-replay-count").stringValue()).isEqualTo("1");
        assertThat(replays.job(job.id()).attributesNotAdded()).isEqualTo(4);
    }

    @Test
    void fifo_replays_keep_group_ids_and_order_and_use_the_replay_id_for_deduplication() {
        var queues = queues(true);
        for (int i = 0; i < 12; i++) {
            sqs.send(
                    CONNECTION,
                    queues.dlqUrl(),
                    new OutgoingMessage("0", "g" + (i % 3) + "-" + i, Map.of(), "g" + (i % 3), "d" + i));
        }
        var ids = park(queues);

        var job = replays.create(request(ids, null, false));
        awaitFinished(job.id());

        var received = TestQueues.drain(sqs, CONNECTION, queues.sourceUrl(), 12);
        var perGroup = new HashMap<String, List<Integer>>();
        for (var m : received) {
            var group = m.systemAttributes().get("MessageGroupId");
            assertThat(m.body()).startsWith(group + "-");
            assertThat(m.systemAttributes().get("MessageDeduplicationId"))
                    .isEqualTo(m.attributes().get("dlq-replay-id").stringValue());
            perGroup.computeIfAbsent(group, g -> new ArrayList<>())
                    .add(Integer.parseInt(m.body().substring(m.body().indexOf('-') + 1)));
        }
        assertThat(perGroup)
                .hasSize(3)
                .allSatisfy((group, order) -> assertThat(order).isSorted());
    }

    @Test
    void entries_the_target_refuses_are_marked_failed_while_the_rest_of_their_batch_goes_through() {
        var queues = queues(false);
        for (int i = 0; i < 20; i++) {
            sqs.send(CONNECTION, queues.dlqUrl(), OutgoingMessage.of("{\"n\":" + i + "}", Map.of()));
        }
        var ids = park(queues);
        // Two bodies SQS refuses per entry (a control character), as a non-conforming producer's
        // message might carry: SendMessageBatch answers 200 with those two entries failed.
        var refused = List.of(ids.get(3), ids.get(14));
        for (var id : refused) {
            jdbc.update("UPDATE parked_payload SET body = ? WHERE message_id = ?", "bad\u0001body".getBytes(UTF_8), id);
        }

        var job = replays.create(request(ids, null, false));
        awaitFinished(job.id());

        assertThat(TestQueues.drain(sqs, CONNECTION, queues.sourceUrl(), 18)).hasSize(18);
        var done = replays.job(job.id());
        assertThat(done.sent()).isEqualTo(18);
        assertThat(done.failed()).isEqualTo(2);
        var failed = replays.ledger(job.id(), 0, 100).stream()
                .filter(e -> e.status() == LedgerStatus.FAILED)
                .toList();
        assertThat(failed).extracting(LedgerEntry::parkedMessageId).containsExactlyInAnyOrderElementsOf(refused);
        assertThat(failed).allSatisfy(e -> assertThat(e.detail()).contains("InvalidMessageContents"));
        // A failed message goes back to the parking lot, ready for another try once it is fixed.
        assertThat(parking.details(refused.getFirst()).message().status()).isEqualTo(ParkedStatus.PARKED);
    }

    @Test
    void duplicates_by_idempotency_key_are_collapsed_and_by_body_only_when_asked() {
        var queues = queues(false);
        for (int i = 0; i < 3; i++) {
            sqs.send(
                    CONNECTION,
                    queues.dlqUrl(),
                    OutgoingMessage.of("{\"order\":1}", Map.of("idempotency-key", MessageAttribute.string("k-1"))));
        }
        sqs.send(
                CONNECTION,
                queues.dlqUrl(),
                OutgoingMessage.of("{\"order\":1}", Map.of("idempotency-key", MessageAttribute.string("k-2"))));
        sqs.send(CONNECTION, queues.dlqUrl(), OutgoingMessage.of("{\"order\":2}", Map.of()));
        sqs.send(CONNECTION, queues.dlqUrl(), OutgoingMessage.of("{\"order\":2}", Map.of()));
        var ids = park(queues);

        var byKey = replays.preview(request(ids, null, false));
        assertThat(byKey.duplicates()).isEqualTo(2);
        assertThat(byKey.willSend()).isEqualTo(4);
        var byBody = replays.preview(new ReplayRequest(ids, null, "dedup", null, 500, false, null, false, true));
        assertThat(byBody.duplicates()).isEqualTo(3);
        assertThat(byBody.willSend()).isEqualTo(3);

        var job = replays.create(new ReplayRequest(ids, null, "dedup", null, 500, false, null, true, true));
        awaitFinished(job.id());
        assertThat(TestQueues.drain(sqs, CONNECTION, queues.sourceUrl(), 3)).hasSize(3);
        assertThat(replays.job(job.id()).skipped()).isEqualTo(3);

        // The collapsed copies stay parked, but a later replay knows their first copies were sent.
        var again = new ReplayRequest(ids, null, "dedup again", null, 500, false, null, true, true);
        assertThat(replays.preview(again).duplicates()).isEqualTo(3);
        assertThatThrownBy(() -> replays.create(again)).hasMessageContaining("Nothing to replay");
    }

    @Test
    void a_cancelled_job_leaves_no_message_claimed_and_every_sent_one_recorded() {
        var queues = queues(false);
        for (int i = 0; i < 30; i++) {
            sqs.send(CONNECTION, queues.dlqUrl(), OutgoingMessage.of("{\"n\":" + i + "}", Map.of()));
        }
        var ids = park(queues);
        var job = replays.create(new ReplayRequest(ids, null, "slowly", null, 5, false, null, true, false));
        await().pollInSameThread()
                .atMost(Duration.ofSeconds(30))
                .until(() -> replays.job(job.id()).sent() >= 5);

        replays.cancel(job.id());

        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM message_state WHERE job_id = ? AND status = 'REPLAYING'",
                                Integer.class,
                                job.id())
                        == 0);
        var replayed = jdbc.queryForObject(
                "SELECT count(*) FROM message_state WHERE dlq_name = ? AND status = 'REPLAYED'",
                Integer.class,
                queues.dlqName());
        var parked = jdbc.queryForObject(
                "SELECT count(*) FROM message_state WHERE dlq_name = ? AND status = 'PARKED'",
                Integer.class,
                queues.dlqName());
        assertThat(replayed).isBetween(5, 29);
        assertThat(replayed + parked).isEqualTo(30);
        assertThat(TestQueues.drain(sqs, CONNECTION, queues.sourceUrl(), replayed))
                .hasSize(replayed);
    }

    @Test
    void the_preview_breaks_the_selection_down_by_failure_group_and_a_left_out_group_is_never_sent() {
        var queues = queues(false);
        for (int i = 0; i < 6; i++) {
            sqs.send(
                    CONNECTION,
                    queues.dlqUrl(),
                    OutgoingMessage.of(
                            "{\"n\":" + i + "}",
                            Map.of("error-message", MessageAttribute.string("Read timed out after 3000 ms"))));
        }
        for (int i = 0; i < 2; i++) {
            sqs.send(
                    CONNECTION,
                    queues.dlqUrl(),
                    OutgoingMessage.of(
                            "not json " + i,
                            Map.of(
                                    "error-message",
                                    MessageAttribute.string("Unexpected character at line 1 column 1: is not JSON"))));
        }
        var ids = park(queues);
        var timeouts = fingerprint(queues, "Read timed out%");
        var broken = fingerprint(queues, "Unexpected character%");

        var preview = replays.preview(request(ids, null, false));
        assertThat(preview.groups())
                .extracting(g -> g.fingerprint() + " " + g.selected() + "/" + g.willSend() + " " + g.dlqs())
                .containsExactly(
                        timeouts + " 6/6 [" + queues.dlqName() + "]", broken + " 2/2 [" + queues.dlqName() + "]");

        var leavingOut = request(ids, null, false).leavingOut(java.util.Set.of(broken));
        var narrowed = replays.preview(leavingOut);
        assertThat(narrowed.willSend()).isEqualTo(6);
        assertThat(narrowed.leftOut()).isEqualTo(2);
        assertThat(narrowed.groups())
                .extracting(g -> g.fingerprint() + " " + g.selected() + "/" + g.willSend())
                .containsExactly(timeouts + " 6/6", broken + " 2/0");

        var job = replays.create(leavingOut);
        awaitFinished(job.id());
        assertThat(TestQueues.drain(sqs, CONNECTION, queues.sourceUrl(), 6))
                .extracting(m -> m.body())
                .allSatisfy(body -> assertThat(body).startsWith("{"));
        assertThat(jdbc.queryForList(
                        "select detail from replay_ledger where job_id = ? and status = 'SKIPPED'",
                        String.class,
                        job.id()))
                .containsExactly(
                        "left out: its failure group's runbook says not to replay it",
                        "left out: its failure group's runbook says not to replay it");
        assertThat(ParkedRows.count(jdbc, queues.dlqName(), "PARKED")).isEqualTo(2);
    }

    @Test
    void forcing_a_re_replay_needs_an_admin() {
        var queues = queues(false);
        sqs.send(CONNECTION, queues.dlqUrl(), OutgoingMessage.of("x", Map.of()));
        var ids = park(queues);

        assertThatThrownBy(() -> replays.create(request(ids, null, true))).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    @WithMockUser(username = "vera", roles = "VIEWER")
    void a_viewer_sees_jobs_but_cannot_preview_or_start_a_replay() {
        assertThat(replays.recentJobs(10)).isNotNull();
        var request = request(List.of(1L), null, false);
        assertThatThrownBy(() -> replays.preview(request)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> replays.create(request)).isInstanceOf(AccessDeniedException.class);
    }

    private String fingerprint(TestQueues queues, String reason) {
        return jdbc.queryForObject(
                "select distinct fingerprint from parked_message where dlq_name = ? and failure_reason like ?",
                String.class,
                queues.dlqName(),
                reason);
    }

    private ReplayRequest request(List<Long> ids, String target, boolean force) {
        return new ReplayRequest(ids, null, "downstream recovered", target, 500, force, null);
    }

    private List<Long> park(TestQueues queues) {
        var dlq = discovery.refresh(CONNECTION).deadLetterQueues().stream()
                .filter(q -> q.name().equals(queues.dlqName()))
                .findFirst()
                .orElseThrow();
        parking.parkNow(CONNECTION, dlq.name());
        return parking.matchingIds(
                new MessageFilter(queues.dlqName(), null, null, null, null, null, null, null), 1_000);
    }

    private void awaitFinished(Long... jobIds) {
        await().pollInSameThread().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (var id : jobIds) {
                assertThat(replays.job(id).status()).isEqualTo(ReplayStatus.COMPLETED);
            }
        });
    }

    private TestQueues queues(boolean fifo) {
        return TestQueues.create(sqs, "r", fifo);
    }
}
