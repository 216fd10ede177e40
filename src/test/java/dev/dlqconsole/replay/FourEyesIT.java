package dev.dlqconsole.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.dlqconsole.ConsoleIntegrationTest;
import dev.dlqconsole.TestQueues;
import dev.dlqconsole.parking.MessageEditService;
import dev.dlqconsole.parking.MessageEdits;
import dev.dlqconsole.parking.MessageFilter;
import dev.dlqconsole.parking.ParkingService;
import dev.dlqconsole.sqs.DlqDiscovery;
import dev.dlqconsole.sqs.OutgoingMessage;
import dev.dlqconsole.sqs.SqsGateway;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.TestPropertySource;

/** Four-eyes replays with the defaults: more than 100 messages, or forced, waits for a second person. */
@TestPropertySource(properties = {"dlq-console.replay.approval-required=true", "dlq-console.replay.approval-above=100"})
class FourEyesIT extends ConsoleIntegrationTest {

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
    MessageEditService edits;

    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void nobody() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void a_large_replay_waits_the_requester_cannot_approve_it_and_a_second_person_starts_it() {
        var queues = TestQueues.create(sqs, "eyes", false);
        var ids = park(queues, 150);

        var job = as("olivia", "OPERATOR", () -> replays.create(request(ids)));
        assertThat(job.status()).isEqualTo(ReplayStatus.AWAITING_APPROVAL);
        assertThat(job.approvalNeeded()).isEqualTo("150 messages, more than the 100 one person may replay alone");
        assertThat(as("olivia", "OPERATOR", () -> replays.awaitingApproval()))
                .extracting(ReplayJob::id)
                .contains(job.id());

        assertThatThrownBy(() -> as("olivia", "OPERATOR", () -> replays.approve(job.id(), "looks right to me")))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("another operator or an admin");
        assertThat(jdbc.queryForObject(
                        "select outcome from audit_event where action = 'replay.approve' and targets = ?",
                        String.class,
                        "replay job " + job.id()))
                .isEqualTo("DENIED");
        assertThat(nothingArrives(queues)).as("nothing is sent while it waits").isTrue();

        var approved = as("pat", "OPERATOR", () -> replays.approve(job.id(), "checked the preview: the outage"));
        assertThat(approved.status()).isEqualTo(ReplayStatus.RUNNING);
        assertThat(approved.approvedBy()).isEqualTo("pat");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> as("pat", "OPERATOR", () -> replays.job(job.id())).status() == ReplayStatus.COMPLETED);
        assertThat(TestQueues.drain(sqs, CONNECTION, queues.sourceUrl(), 150)).hasSize(150);
        assertThat(jdbc.queryForObject(
                        "select actor || ' ' || outcome from audit_event where action = 'replay.approve'"
                                + " and targets = ? and outcome = 'OK'",
                        String.class,
                        "replay job " + job.id()))
                .isEqualTo("pat OK");
    }

    @Test
    void a_rejected_replay_ends_with_nothing_sent() {
        var queues = TestQueues.create(sqs, "reject", false);
        var ids = park(queues, 101);

        var job = as("olivia", "OPERATOR", () -> replays.create(request(ids)));
        var rejected = as("ada", "ADMIN", () -> replays.reject(job.id(), "wrong DLQ: these are the parse errors"));

        assertThat(rejected.status()).isEqualTo(ReplayStatus.REJECTED);
        assertThat(rejected.statusDetail()).isEqualTo("rejected by ada: wrong DLQ: these are the parse errors");
        assertThatThrownBy(() -> as("pat", "OPERATOR", () -> replays.approve(job.id(), "too late")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rejected");
        assertThat(nothingArrives(queues)).isTrue();
        assertThat(jdbc.queryForObject(
                        "select count(*) from message_state where dlq_name = ? and status = 'PARKED'",
                        Integer.class,
                        queues.dlqName()))
                .isEqualTo(101);
    }

    @Test
    void a_small_replay_starts_at_once_and_a_forced_one_waits() {
        var queues = TestQueues.create(sqs, "small", false);
        var ids = park(queues, 5);

        var job = as("olivia", "OPERATOR", () -> replays.create(request(ids)));
        assertThat(job.status()).isEqualTo(ReplayStatus.RUNNING);
        assertThat(job.approvalNeeded()).isNull();
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        as("olivia", "OPERATOR", () -> replays.job(job.id())).status() == ReplayStatus.COMPLETED);

        var forced = as(
                "ada",
                "ADMIN",
                () -> replays.create(new ReplayRequest(ids, null, "send again", null, 500, true, null)));
        assertThat(forced.status()).isEqualTo(ReplayStatus.AWAITING_APPROVAL);
        assertThat(forced.approvalNeeded()).contains("forced");
    }

    @Test
    void an_edited_message_waits_for_a_second_person_and_an_edit_waits_for_a_job_that_is_to_send_it() {
        var queues = TestQueues.create(sqs, "edited", false);
        var ids = park(queues, 101);
        var large = as("olivia", "OPERATOR", () -> replays.create(request(ids)));
        assertThat(large.status()).isEqualTo(ReplayStatus.AWAITING_APPROVAL);
        var held = ids.getFirst();
        var editor = as("ada", "ADMIN", () -> edits.editor(held));
        assertThat(editor.refusal()).contains("replay job " + large.id());
        assertThatThrownBy(() -> as(
                        "ada",
                        "ADMIN",
                        () -> edits.save(
                                held,
                                new MessageEdits.Edit(
                                        0, editor.body().replace("\"n\"", "\"m\""), editor.attributes(), "x"))))
                .as("the approver would approve one body and the job send another")
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("replay job " + large.id());
        as("ada", "ADMIN", () -> replays.reject(large.id(), "edit first"));

        var one = List.of(held);
        var fresh = as("ada", "ADMIN", () -> edits.editor(held));
        as(
                "ada",
                "ADMIN",
                () -> edits.save(
                        held,
                        new MessageEdits.Edit(
                                0, fresh.body().replace("\"n\"", "\"m\""), fresh.attributes(), "field renamed")));
        var preview = as("olivia", "OPERATOR", () -> replays.preview(request(one)));
        assertThat(preview.edited()).isEqualTo(1);
        assertThat(preview.approvalNeeded()).contains("1 edited message");
        var job = as("olivia", "OPERATOR", () -> replays.create(request(one)));
        assertThat(job.status()).isEqualTo(ReplayStatus.AWAITING_APPROVAL);
        assertThat(job.approvalNeeded()).contains("edited");
        assertThat(nothingArrives(queues)).isTrue();

        as("pat", "OPERATOR", () -> replays.approve(job.id(), "the rename is right"));
        var received = TestQueues.drain(sqs, CONNECTION, queues.sourceUrl(), 1);
        assertThat(received)
                .singleElement()
                .satisfies(m -> assertThat(m.body()).contains("\"m\"").doesNotContain("\"n\""));
    }

    @Test
    void an_approved_job_that_is_scheduled_waits_for_its_time() {
        var queues = TestQueues.create(sqs, "eyeslater", false);
        var ids = park(queues, 120);
        var at = java.time.Instant.now().plusSeconds(8);
        var job = as(
                "olivia",
                "OPERATOR",
                () -> replays.create(request(ids).startingWhen(ReplayRequest.StartCondition.at(at))));
        assertThat(job.status()).isEqualTo(ReplayStatus.AWAITING_APPROVAL);

        var approved = as("pat", "OPERATOR", () -> replays.approve(job.id(), "fine, at the quiet hour"));
        assertThat(approved.status()).as("approved, it waits for its time").isEqualTo(ReplayStatus.SCHEDULED);
        assertThat(nothingArrives(queues)).isTrue();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> as("pat", "OPERATOR", () -> replays.job(job.id())).status() == ReplayStatus.COMPLETED);
        assertThat(java.time.Instant.now()).isAfterOrEqualTo(at);
        assertThat(as("pat", "OPERATOR", () -> replays.job(job.id())).sent()).isEqualTo(120);
    }

    private static ReplayRequest request(List<Long> ids) {
        return new ReplayRequest(ids, null, "downstream recovered", null, 1_000, false, null);
    }

    /** Runs as the user with the role (and the roles below it, as the console grants them). */
    private static <T> T as(String user, String role, Supplier<T> action) {
        var roles = switch (role) {
            case "ADMIN" -> List.of("ROLE_ADMIN", "ROLE_OPERATOR", "ROLE_VIEWER");
            case "OPERATOR" -> List.of("ROLE_OPERATOR", "ROLE_VIEWER");
            default -> List.of("ROLE_VIEWER");
        };
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                user, null, AuthorityUtils.createAuthorityList(roles)));
        SecurityContextHolder.setContext(context);
        return action.get();
    }

    /** True when the source queue stays empty through a long poll (SQS waits for a message to come). */
    private boolean nothingArrives(TestQueues queues) {
        return sqs.receive(CONNECTION, queues.sourceUrl(), 10, Duration.ofSeconds(3), Duration.ofSeconds(30))
                .isEmpty();
    }

    private List<Long> park(TestQueues queues, int n) {
        for (int i = 0; i < n; i++) {
            sqs.send(CONNECTION, queues.dlqUrl(), OutgoingMessage.of("{\"n\":" + i + "}", Map.of()));
        }
        discovery.refresh(CONNECTION);
        // The parker drains it: it sweeps every DLQ discovery found.
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from parked_message where dlq_name = ?",
                                Integer.class,
                                queues.dlqName())
                        == n);
        return as(
                "olivia",
                "OPERATOR",
                () -> parking.matchingIds(
                        new MessageFilter(queues.dlqName(), null, null, null, null, null, null, null), 1_000));
    }
}
