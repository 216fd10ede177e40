package dev.dlqconsole.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dlqconsole.security.SensitiveValues;
import dev.dlqconsole.sqs.MessageAttribute;
import dev.dlqconsole.sqs.OutgoingMessage;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Sensitive values over the API: masked in searches and reads, unmasked only for an admin who asks, audited. */
class ApiMaskingIT extends ApiIntegrationTest {

    private static final String M = SensitiveValues.MARKER;
    private static final String BODY = "{\"user\":\"ada\",\"password\":\"hunter2\",\"card\":{\"cvv\":987}}";

    private String dlq;
    private long id;

    @BeforeEach
    void parkASensitiveMessage() {
        var queues = queues("api-mask");
        dlq = queues.dlqName();
        sqs.send(
                CONNECTION,
                queues.dlqUrl(),
                OutgoingMessage.of(
                        BODY,
                        Map.of(
                                "Authorization", MessageAttribute.string("Bearer abc.def"),
                                "error", MessageAttribute.string("Card declined"))));
        id = park(queues).getFirst();
    }

    @Test
    void a_search_returns_previews_with_sensitive_values_masked() {
        var page = body(send(bearer(VIEWER_TOKEN, "/api/messages?dlq=" + dlq)), 200);

        var preview = page.path("messages").get(0).path("bodyPreview").asString();
        assertThat(preview).isEqualTo("{\"user\":\"ada\",\"password\":\"" + M + "\",\"card\":{\"cvv\":\"" + M + "\"}}");
    }

    @Test
    void a_message_comes_masked_and_says_what_is_masked() {
        var message = body(send(as("operator", "/api/messages/" + id)), 200);

        var body = json.readTree(message.path("body").asString());
        assertThat(body.path("password").asString()).isEqualTo(M);
        assertThat(body.path("card").path("cvv").asString()).isEqualTo(M);
        assertThat(body.path("user").asString()).isEqualTo("ada");
        var authorization = attribute(message, "Authorization");
        assertThat(authorization.path("value").asString()).isEqualTo(M);
        assertThat(authorization.path("masked").asBoolean()).isTrue();
        assertThat(attribute(message, "error").path("masked").asBoolean()).isFalse();
        var masking = message.path("masking");
        assertThat(message.path("bodySha256").isNull())
                .as("no hash to test guesses against")
                .isTrue();
        assertThat(masking.path("unmasked").asBoolean()).isFalse();
        assertThat(masking.path("sensitiveValues").asInt()).isEqualTo(3);
        assertThat(masking.path("bodyValues").asInt()).isEqualTo(2);
        assertThat(masking.path("attributes").get(0).asString()).isEqualTo("Authorization");
        assertThat(masking.path("bodyMaskable").asBoolean()).isTrue();
        assertThat(masking.path("marker").asString()).isEqualTo(M);
        assertThat(message.toString()).doesNotContain("hunter2", "987", "abc.def");
    }

    @Test
    void an_admin_reads_the_message_masked_unless_asking_and_each_unmasked_read_is_audited() {
        assertThat(body(send(as("admin", "/api/messages/" + id)), 200).toString())
                .doesNotContain("hunter2");
        assertThat(audited("message.unmask")).doesNotContain("admin OK message " + id);

        var message = body(send(as("admin", "/api/messages/" + id + "?unmasked=true")), 200);

        assertThat(message.path("body").asString()).isEqualTo(BODY);
        assertThat(attribute(message, "Authorization").path("value").asString()).isEqualTo("Bearer abc.def");
        assertThat(message.path("masking").path("unmasked").asBoolean()).isTrue();
        assertThat(message.path("bodySha256").asString()).hasSize(64);
        assertThat(message.path("masking").path("sensitiveValues").asInt()).isEqualTo(3);
        assertThat(audited("message.unmask")).containsOnlyOnce("admin OK message " + id);

        body(send(bearer(ADMIN_TOKEN, "/api/messages/" + id + "?unmasked=true")), 200);
        assertThat(audited("message.unmask")).contains("release-admin OK message " + id);
    }

    @Test
    void unmasking_is_forbidden_below_admin_and_the_attempt_is_recorded() {
        var forbidden = body(send(bearer(OPERATOR_TOKEN, "/api/messages/" + id + "?unmasked=true")), 403);
        assertThat(forbidden.path("title").asString()).isEqualTo("Forbidden");
        body(send(as("viewer", "/api/messages/" + id + "?unmasked=true")), 403);

        assertThat(audited("message.unmask")).noneMatch(row -> row.endsWith("message " + id));
        assertThat(audited("denied"))
                .anyMatch(row -> row.startsWith("deploy-bot DENIED") && row.contains("unmasked(" + id + ")"))
                .anyMatch(row -> row.startsWith("viewer DENIED") && row.contains("unmasked(" + id + ")"));
    }

    @Test
    void unmasked_false_is_the_masked_read_and_a_bad_value_or_unknown_parameter_is_400() {
        var message = body(send(as("admin", "/api/messages/" + id + "?unmasked=false")), 200);
        assertThat(message.path("masking").path("unmasked").asBoolean()).isFalse();
        assertThat(message.toString()).doesNotContain("hunter2");

        badRequest(send(as("admin", "/api/messages/" + id + "?unmasked=yes")), "unmasked");
        badRequest(send(as("admin", "/api/messages/" + id + "?unmask=true")), "unmask");
        assertThat(audited("message.unmask")).noneMatch(row -> row.endsWith("message " + id));
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
