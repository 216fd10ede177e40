package dev.dlqconsole.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dlqconsole.parking.FailureFingerprint;
import dev.dlqconsole.security.SensitiveValues;
import dev.dlqconsole.sqs.MessageAttribute;
import dev.dlqconsole.sqs.OutgoingMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What a viewer reads over the API was masked when the message was parked: the reason and the
 * attribute it came from, the failure type, header lines and Python-style bodies, the failure group
 * id, and the text search, which finds nothing by a masked value.
 */
class ApiMaskedAtParkIT extends ApiIntegrationTest {

    private static final String M = SensitiveValues.MARKER;

    @Test
    void the_attribute_a_reason_was_read_from_is_masked_like_the_reason() {
        var reason = "GET https://pay.example/charge?access_token=tok-live-8f7e6d5c failed with 401";
        var id = parkOne("api-reason", "{\"order\":1}", Map.of("error-message", MessageAttribute.string(reason)));

        var message = body(send(bearer(VIEWER_TOKEN, "/api/messages/" + id)), 200);

        assertThat(message.path("failureReason").asString()).contains("access_token=" + M);
        assertThat(attribute(message, "error-message").path("value").asString())
                .isEqualTo("GET https://pay.example/charge?access_token=" + M + " failed with 401");
        assertThat(message.toString()).doesNotContain("tok-live-8f7e6d5c");
    }

    @Test
    void the_failure_type_is_masked() {
        var id = parkOne(
                "api-type",
                "{\"order\":2}",
                Map.of(
                        "error-type", MessageAttribute.string("TokenRejected token=tok-type-1a2b3c"),
                        "error-message", MessageAttribute.string("rejected by the gateway")));

        var message = body(send(bearer(VIEWER_TOKEN, "/api/messages/" + id)), 200);

        assertThat(message.path("failureType").asString()).isEqualTo("TokenRejected token=" + M);
        assertThat(message.toString()).doesNotContain("tok-type-1a2b3c");
        var page = body(
                send(bearer(
                        VIEWER_TOKEN,
                        "/api/messages?group=" + message.path("fingerprint").asString())),
                200);
        assertThat(page.toString()).doesNotContain("tok-type-1a2b3c");
    }

    @Test
    void bearer_header_lines_and_python_style_bodies_are_masked() {
        var http =
                "POST /orders HTTP/1.1\nHost: api.example\nAuthorization: Bearer eyJhbGciOi.c2VjcmV0LWhlYWRlcg\n\n{}";
        var headerId = parkOne("api-header", http, Map.of());
        var python = "{'user': 'ada', 'password': 'hunter2-py', 'amount': 12}";
        var pythonId = parkOne("api-python", python, Map.of());

        var header = body(send(bearer(VIEWER_TOKEN, "/api/messages/" + headerId)), 200);
        var dict = body(send(bearer(VIEWER_TOKEN, "/api/messages/" + pythonId)), 200);

        assertThat(header.path("body").asString())
                .contains("Authorization: " + M)
                .contains("Host: api.example");
        assertThat(header.toString()).doesNotContain("c2VjcmV0LWhlYWRlcg");
        assertThat(dict.path("body").asString()).isEqualTo("{'user': 'ada', 'password': '" + M + "', 'amount': 12}");
        var rows = body(send(bearer(VIEWER_TOKEN, "/api/messages?dlq=" + dlqOf(headerId))), 200)
                + body(send(bearer(VIEWER_TOKEN, "/api/messages?dlq=" + dlqOf(pythonId))), 200)
                        .toString();
        assertThat(rows).doesNotContain("c2VjcmV0LWhlYWRlcg", "hunter2-py");
    }

    @Test
    void a_text_search_finds_nothing_by_a_masked_value_so_it_cannot_be_probed() {
        var id = parkOne(
                "api-probe",
                "{\"user\":\"grace\",\"password\":\"zebra-quokka-77\"}",
                Map.of(
                        "Authorization", MessageAttribute.string("Bearer wombat-token-55"),
                        "error-message", MessageAttribute.string("upstream said ?access_token=platypus-31 is stale")));
        var dlq = dlqOf(id);

        assertThat(search(dlq, "grace")).as("what is not masked is found").isEqualTo(1);
        assertThat(search(dlq, "password")).as("a field's name is found").isEqualTo(1);
        for (var probe : new String[] {
            "zebra-quokka-77",
            "zebra",
            "password\":\"z",
            "wombat",
            "authorization=bearer w",
            "platypus",
            "access_token=p"
        }) {
            assertThat(search(dlq, probe)).as("search for " + probe).isZero();
        }
    }

    @Test
    void a_failure_group_id_cannot_be_confirmed_against_a_guessed_secret() {
        var reason = "login refused: secret=swordfish for service billing";
        var id = parkOne("api-group", "{\"order\":3}", Map.of("error-message", MessageAttribute.string(reason)));

        var message = body(send(bearer(VIEWER_TOKEN, "/api/messages/" + id)), 200);

        var group = message.path("fingerprint").asString();
        assertThat(group).hasSize(32);
        assertThat(group)
                .as("the right guess hashed as the console used to")
                .isNotEqualTo(FailureFingerprint.of(reason))
                .as("the masked reason hashed without the console's key")
                .isNotEqualTo(FailureFingerprint.of("login refused: secret=" + M + " for service billing"));
        assertThat(message.path("failureTemplate").asString()).doesNotContain("swordfish");
    }

    private long parkOne(String prefix, String body, Map<String, MessageAttribute> attributes) {
        var queues = queues(prefix);
        sqs.send(CONNECTION, queues.dlqUrl(), OutgoingMessage.of(body, attributes));
        return park(queues).getFirst();
    }

    private String dlqOf(long id) {
        return jdbc.queryForObject("SELECT dlq_name FROM parked_message WHERE id = ?", String.class, id);
    }

    private int search(String dlq, String text) {
        var page = body(
                send(bearer(
                        VIEWER_TOKEN,
                        "/api/messages?dlq=" + dlq + "&q=" + URLEncoder.encode(text, StandardCharsets.UTF_8))),
                200);
        return page.path("messages").size();
    }

    private static JsonNode attribute(JsonNode message, String name) {
        for (var attribute : message.path("attributes")) {
            if (attribute.path("name").asString().equals(name)) {
                return attribute;
            }
        }
        throw new AssertionError("no attribute " + name + " in " + message.path("attributes"));
    }
}
