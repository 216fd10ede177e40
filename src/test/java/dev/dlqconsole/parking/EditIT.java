package dev.dlqconsole.parking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.dlqconsole.ConsoleIntegrationTest;
import dev.dlqconsole.TestQueues;
import dev.dlqconsole.parking.MessageEdits.BulkEdit;
import dev.dlqconsole.parking.MessageEdits.Edit;
import dev.dlqconsole.replay.ReplayRequest;
import dev.dlqconsole.replay.ReplayService;
import dev.dlqconsole.replay.ReplayStatus;
import dev.dlqconsole.security.SensitiveValues;
import dev.dlqconsole.sqs.DlqDiscovery;
import dev.dlqconsole.sqs.MessageAttribute;
import dev.dlqconsole.sqs.OutgoingMessage;
import dev.dlqconsole.sqs.SqsGateway;
import java.time.Duration;
import java.util.ArrayList;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * Edit and retry over the real parts: messages parked from ElasticMQ, edited (by an admin, the default
 * edit role), replayed, and received back from the source queue.
 */
class EditIT extends ConsoleIntegrationTest {

    private static final String CONNECTION = "embedded";
    private static final String M = SensitiveValues.MARKER;
    private static final String BODY = "{\"orderId\":\"o-1\",\"customer\":{\"name\":\"Ann\"},\"password\":\"hunter2\"}";
    private static final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    SqsGateway sqs;

    @Autowired
    DlqDiscovery discovery;

    @Autowired
    ParkingService parking;

    @Autowired
    MessageEditService edits;

    @Autowired
    ReplayService replays;

    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void nobody() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void a_replay_sends_the_edit_once_with_masked_values_as_stored_and_a_second_replay_sends_nothing() {
        var queues = TestQueues.create(sqs, "editonce", false);
        var id = park(queues, List.of(BODY), Map.of("Authorization", MessageAttribute.string("Bearer t0ken")))
                .getFirst();

        var editor = as("ada", "ADMIN", () -> edits.editor(id));
        assertThat(editor.refusal()).isNull();
        assertThat(editor.json()).isTrue();
        assertThat(editor.body()).contains("\"password\" : \"" + M + "\"").doesNotContain("hunter2");
        assertThat(editor.body()).as("pretty JSON").contains("\n  \"customer\"");
        assertThat(editor.attributes()).contains(M).doesNotContain("t0ken");
        assertThat(editor.maskedValues()).isEqualTo(2);

        var edited = editor.body().replace("\"Ann\"", "\"Anna\"");
        var check = as("ada", "ADMIN", () -> edits.check(id, new Edit(0, edited, editor.attributes(), "typo")));
        assertThat(check.body().rows())
                .filteredOn(r -> r.kind() == TextDiff.Kind.CHANGED)
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.left()).contains("\"Ann\"");
                    assertThat(r.right()).contains("\"Anna\"");
                });
        assertThat(check.attributes().same()).isTrue();
        assertThat(versionCount(id)).as("a check saves nothing").isZero();

        var version = as(
                "ada", "ADMIN", () -> edits.save(id, new Edit(0, edited, editor.attributes(), "customer name typo")));
        assertThat(version.version()).isEqualTo(1);
        assertThat(version.editedBy()).isEqualTo("ada");
        assertThat(jdbc.queryForObject(
                        "select actor || ' ' || reason || ' ' || detail from audit_event where action = 'message.edit'"
                                + " and targets = ?",
                        String.class,
                        "message " + id))
                .startsWith("ada customer name typo version 1")
                .doesNotContain("hunter2", "t0ken");

        var reopened = as("ada", "ADMIN", () -> edits.editor(id));
        assertThat(reopened.version()).isEqualTo(1);
        assertThat(reopened.body()).contains("\"Anna\"", M).doesNotContain("hunter2");

        var job = as("olivia", "OPERATOR", () -> replays.create(request(List.of(id))));
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        as("olivia", "OPERATOR", () -> replays.job(job.id())).status() == ReplayStatus.COMPLETED);
        var received = TestQueues.drain(sqs, CONNECTION, queues.sourceUrl(), 1);
        assertThat(received).hasSize(1);
        assertThat(json.readTree(received.getFirst().body()))
                .as("the edit, with the masked password as it was stored")
                .isEqualTo(json.readTree(
                        "{\"orderId\":\"o-1\",\"customer\":{\"name\":\"Anna\"},\"password\":\"hunter2\"}"));
        assertThat(received.getFirst().attributes().get("Authorization").stringValue())
                .isEqualTo("Bearer t0ken");

        assertThatThrownBy(() -> as("olivia", "OPERATOR", () -> replays.create(request(List.of(id)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Nothing to replay");
        assertThat(sqs.receive(CONNECTION, queues.sourceUrl(), 10, Duration.ofSeconds(2), Duration.ofSeconds(30)))
                .as("neither the original nor the edit goes again")
                .isEmpty();
        assertThat(as("ada", "ADMIN", () -> edits.editor(id)).refusal())
                .as("a replayed message is not edited again")
                .contains("replayed");
    }

    @Test
    void a_masked_value_the_editor_replaces_is_sent_as_typed_and_shown_masked_again() {
        var queues = TestQueues.create(sqs, "editsecret", false);
        var id = park(queues, List.of(BODY), Map.of()).getFirst();
        var editor = as("ada", "ADMIN", () -> edits.editor(id));

        as(
                "ada",
                "ADMIN",
                () -> edits.save(
                        id,
                        new Edit(
                                0,
                                editor.body().replace("\"password\" : \"" + M + "\"", "\"password\" : \"n3wpass\""),
                                editor.attributes(),
                                "rotated the password")));

        assertThat(as("ada", "ADMIN", () -> edits.editor(id)).body()).doesNotContain("n3wpass", "hunter2");
        var versions = as("vera", "VIEWER", () -> edits.versions(id));
        assertThat(versions.originalToLatest()).isNotNull();
        assertThat(versions.originalToLatest().body().rows())
                .as("both sides masked")
                .allSatisfy(r -> assertThat(r.left() + r.right()).doesNotContain("n3wpass", "hunter2"));

        as("olivia", "OPERATOR", () -> replays.create(request(List.of(id))));
        var received = TestQueues.drain(sqs, CONNECTION, queues.sourceUrl(), 1);
        assertThat(json.readTree(received.getFirst().body()).path("password").asString())
                .isEqualTo("n3wpass");
    }

    @Test
    void a_viewer_and_an_operator_cannot_edit_when_the_role_is_admin() {
        var queues = TestQueues.create(sqs, "editrole", false);
        var id = park(queues, List.of(BODY), Map.of()).getFirst();
        var edit = new Edit(0, BODY.replace("Ann", "Anna"), "{}", "try");

        for (var role : List.of("VIEWER", "OPERATOR")) {
            assertThat(as("someone", role, () -> edits.permitted())).isFalse();
            assertThatThrownBy(() -> as("someone", role, () -> edits.editor(id)))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> as("someone", role, () -> edits.save(id, edit)))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> as(
                            "someone", role, () -> edits.applyBulk(new BulkEdit(filter(queues), "Ann", "Anna", "try"))))
                    .isInstanceOf(AccessDeniedException.class);
        }
        assertThat(as("ada", "ADMIN", () -> edits.permitted())).isTrue();
        assertThat(versionCount(id)).isZero();
    }

    @Test
    void an_edit_that_is_no_longer_json_is_refused_and_nothing_is_saved() {
        var queues = TestQueues.create(sqs, "editjson", false);
        var id = park(queues, List.of(BODY), Map.of()).getFirst();
        var editor = as("ada", "ADMIN", () -> edits.editor(id));

        assertThatThrownBy(() -> as(
                        "ada",
                        "ADMIN",
                        () -> edits.save(
                                id, new Edit(0, editor.body().replace("}", ""), editor.attributes(), "broken"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no longer well-formed JSON")
                .hasMessageContaining("nothing was saved");
        assertThatThrownBy(() -> as(
                        "ada",
                        "ADMIN",
                        () -> edits.save(id, new Edit(0, editor.body(), editor.attributes(), "no change"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Nothing changed");
        assertThat(versionCount(id)).isZero();
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_event where action = 'message.edit' and targets = ?",
                        Integer.class,
                        "message " + id))
                .isZero();
    }

    @Test
    void the_history_and_the_diff_show_the_original_and_each_version() {
        var queues = TestQueues.create(sqs, "edithistory", false);
        var id = park(queues, List.of(BODY), Map.of()).getFirst();
        var first = as("ada", "ADMIN", () -> edits.editor(id));
        as(
                "ada",
                "ADMIN",
                () -> edits.save(id, new Edit(0, first.body().replace("o-1", "o-2"), first.attributes(), "order id")));
        var second = as("ada", "ADMIN", () -> edits.editor(id));
        assertThatThrownBy(() -> as(
                        "ada",
                        "ADMIN",
                        () -> edits.save(
                                id, new Edit(0, second.body().replace("Ann", "Bea"), second.attributes(), "x"))))
                .as("an edit made from an older version")
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("edited meanwhile");
        as(
                "ada",
                "ADMIN",
                () -> edits.save(
                        id,
                        new Edit(
                                1,
                                second.body().replace("Ann", "Bea"),
                                "{\"tenant\":{\"type\":\"String\",\"value\":\"t1\"}}",
                                "customer and tenant")));

        var versions = as("vera", "VIEWER", () -> edits.versions(id));
        assertThat(versions.versions())
                .extracting(v -> v.version() + " " + v.editedBy() + " " + v.reason())
                .containsExactly("1 ada order id", "2 ada customer and tenant");
        var diff = versions.originalToLatest();
        assertThat(diff.body().rows())
                .filteredOn(r -> r.kind() == TextDiff.Kind.CHANGED)
                .extracting(r -> r.left().strip() + " -> " + r.right().strip())
                .containsExactlyInAnyOrder(
                        "\"orderId\" : \"o-1\", -> \"orderId\" : \"o-2\",", "\"name\" : \"Ann\" -> \"name\" : \"Bea\"");
        assertThat(diff.attributes().same()).isFalse();
        assertThat(as("vera", "VIEWER", () -> parking.details(id)).history())
                .extracting(MessageDetails.HistoryEntry::what)
                .contains("Edited: version 1", "Edited: version 2");
    }

    @Test
    void a_find_and_replace_over_a_thousand_messages_is_one_audited_action() {
        var queues = TestQueues.create(sqs, "editbulk", false);
        var bodies = new ArrayList<String>();
        for (int i = 0; i < 1_000; i++) {
            bodies.add("{\"n\":" + i + ",\"customer_name\":\"c" + i + "\",\"password\":\"p" + i + "\"}");
        }
        var ids = park(queues, bodies, Map.of());
        as("olivia", "OPERATOR", () -> parking.discard(List.of(ids.getFirst()), "not this one"));
        var bulk = new BulkEdit(filter(queues), "\"customer_name\"", "\"customerName\"", "producer renamed the field");

        var preview = as("ada", "ADMIN", () -> edits.previewBulk(bulk));
        assertThat(preview.selected()).isEqualTo(1_000);
        assertThat(preview.changed()).isEqualTo(999);
        assertThat(preview.refused()).isEqualTo(1);
        assertThat(preview.refusals()).singleElement().asString().contains("discarded");
        assertThat(preview.samples())
                .hasSize(5)
                .allSatisfy(sample -> assertThat(sample.diff().rows())
                        .anySatisfy(r -> assertThat(r.right()).contains("customerName"))
                        .allSatisfy(r -> assertThat(r.left() + r.right()).doesNotContainPattern("\"p\\d+\"")));
        assertThat(jdbc.queryForObject(
                        "select count(*) from message_version v join parked_message m on m.id = v.parked_message_id"
                                + " where m.dlq_name = ?",
                        Integer.class,
                        queues.dlqName()))
                .as("a preview saves nothing")
                .isZero();

        var applied = as("ada", "ADMIN", () -> edits.applyBulk(bulk));

        assertThat(applied.changed()).isEqualTo(999);
        assertThat(jdbc.queryForObject(
                        "select count(*) from message_version v join parked_message m on m.id = v.parked_message_id"
                                + " where m.dlq_name = ? and v.version = 1 and v.bulk",
                        Integer.class,
                        queues.dlqName()))
                .isEqualTo(999);
        assertThat(jdbc.queryForList(
                        "select detail from audit_event where action = 'message.bulk-edit' and targets = ?",
                        String.class,
                        filter(queues).describe()))
                .singleElement()
                .asString()
                .contains("999 new versions of 1,000 selected", "1 refused");
        var sample = ids.get(500);
        var editor = as("ada", "ADMIN", () -> edits.editor(sample));
        assertThat(editor.version()).isEqualTo(1);
        assertThat(editor.body())
                .contains("customerName")
                .doesNotContain("customer_name")
                .doesNotContainPattern("\"p\\d+\"");

        as("olivia", "OPERATOR", () -> replays.create(request(List.of(sample))));
        var received = TestQueues.drain(sqs, CONNECTION, queues.sourceUrl(), 1);
        assertThat(json.readTree(received.getFirst().body())
                        .path("customerName")
                        .isString())
                .isTrue();
        assertThat(json.readTree(received.getFirst().body()).path("password").asString())
                .startsWith("p");
    }

    private int versionCount(long id) {
        return jdbc.queryForObject(
                "select count(*) from message_version where parked_message_id = ?", Integer.class, id);
    }

    private static MessageFilter filter(TestQueues queues) {
        return new MessageFilter(queues.dlqName(), null, null, null, null, null, null, null);
    }

    private static ReplayRequest request(List<Long> ids) {
        return new ReplayRequest(ids, null, "downstream fixed", null, 1_000, false, null);
    }

    /** Runs as the user with the role (and the roles below it, as the console grants them). */
    static <T> T as(String user, String role, Supplier<T> action) {
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

    /** Sends the bodies to the DLQ and waits for the parker; the ids, oldest first. */
    private List<Long> park(TestQueues queues, List<String> bodies, Map<String, MessageAttribute> attributes) {
        for (int from = 0; from < bodies.size(); from += 10) {
            var batch = new ArrayList<OutgoingMessage>();
            for (int i = from; i < Math.min(bodies.size(), from + 10); i++) {
                batch.add(new OutgoingMessage(Integer.toString(i), bodies.get(i), attributes, null, null, null));
            }
            sqs.sendBatch(CONNECTION, queues.dlqUrl(), batch);
        }
        discovery.refresh(CONNECTION);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from parked_message where dlq_name = ?",
                                Integer.class,
                                queues.dlqName())
                        == bodies.size());
        return jdbc.queryForList(
                "select id from parked_message where dlq_name = ? order by id", Long.class, queues.dlqName());
    }
}
