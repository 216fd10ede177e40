package dev.dlqconsole.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dlqconsole.security.SensitiveValues;
import dev.dlqconsole.sqs.OutgoingMessage;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Edits over HTTP: the edit role (ADMIN) is needed, the masked values stay stored, bad JSON is a 400. */
class ApiEditIT extends ApiIntegrationTest {

    @Test
    void an_admin_edits_a_message_an_operator_and_a_viewer_are_refused_and_bad_json_is_a_bad_request() {
        var queues = queues("apiedit");
        sqs.send(CONNECTION, queues.dlqUrl(), OutgoingMessage.of("{\"order\":1,\"password\":\"hunter2\"}", Map.of()));
        var id = park(queues).getFirst();
        var masked = body(send(bearer(VIEWER_TOKEN, "/api/messages/" + id)), 200)
                .path("body")
                .asString();
        assertThat(masked).contains(SensitiveValues.MARKER).doesNotContain("hunter2");
        var edit = """
                {"basedOn": 0, "body": %s, "reason": "order number fixed"}
                """.formatted(json.writeValueAsString(masked.replace("\"order\":1", "\"order\":2")));

        for (var token : new String[] {VIEWER_TOKEN, OPERATOR_TOKEN}) {
            assertThat(send(postJson(bearer(token, "/api/messages/" + id + "/versions"), edit))
                            .statusCode())
                    .isEqualTo(403);
        }
        var broken = """
                {"basedOn": 0, "body": "{\\"order\\": 2", "reason": "broken"}
                """;
        assertThat(body(send(postJson(bearer(ADMIN_TOKEN, "/api/messages/" + id + "/versions"), broken)), 400)
                        .path("detail")
                        .asString())
                .contains("no longer well-formed JSON");

        var created = send(postJson(bearer(ADMIN_TOKEN, "/api/messages/" + id + "/versions"), edit));
        assertThat(body(created, 201).path("version").asInt()).isEqualTo(1);
        assertThat(send(postJson(bearer(ADMIN_TOKEN, "/api/messages/" + id + "/versions"), edit))
                        .statusCode())
                .as("made from version 0, which is no longer the latest")
                .isEqualTo(409);
        var versions = body(send(bearer(VIEWER_TOKEN, "/api/messages/" + id + "/versions")), 200);
        assertThat(versions.path("versions").get(0).path("editedBy").asString()).isEqualTo("release-admin");
        assertThat(versions.path("originalToLatest")
                        .path("body")
                        .path("changedLines")
                        .asInt())
                .isEqualTo(1);
        assertThat(versions.toString()).doesNotContain("hunter2");
        assertThat(jdbc.queryForObject(
                        "select detail from audit_event where action = 'message.edit' and targets = ?",
                        String.class,
                        "message " + id))
                .startsWith("version 1");
        var stored =
                jdbc.queryForObject("select body from message_version where parked_message_id = ?", byte[].class, id);
        assertThat(new String(stored, java.nio.charset.StandardCharsets.UTF_8))
                .as("the masked password kept as stored")
                .contains("hunter2", "\"order\":2");
    }
}
