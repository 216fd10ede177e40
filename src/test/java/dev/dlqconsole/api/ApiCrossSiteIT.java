package dev.dlqconsole.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dlqconsole.sqs.OutgoingMessage;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A page on another site can make the browser POST a form to the console, and the browser adds the
 * Basic credentials it cached after the console's prompt. Such a form can send only form or plain
 * text content types, so every state-changing API call must say it is JSON.
 */
class ApiCrossSiteIT extends ApiIntegrationTest {

    @Test
    void a_cross_site_form_post_with_cached_basic_credentials_is_refused_and_changes_nothing() {
        var queues = queues("api-cross-site");
        for (int i = 0; i < 20; i++) {
            sqs.send(CONNECTION, queues.dlqUrl(), OutgoingMessage.of("{\"n\":" + i + "}", Map.of()));
        }
        var ids = park(queues);
        var created = body(
                send(postJson(
                        as("operator", "/api/replays"),
                        "{\"ids\": %s, \"reason\": \"slowly\", \"ratePerSecond\": 1}".formatted(ids))),
                201);
        var job = "/api/replays/" + created.path("id").asLong();
        // The documented call: no body, and the JSON content type.
        assertThat(body(send(documented(as("operator", job + "/pause"))), 200)
                        .path("status")
                        .asString())
                .isEqualTo("paused");

        for (var contentType :
                new String[] {"application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x", null
                }) {
            var form = as("operator", job + "/resume")
                    .header("Origin", "https://evil.example")
                    .POST(HttpRequest.BodyPublishers.ofString(contentType == null ? "" : "resume=1"));
            if (contentType != null) {
                form.header("Content-Type", contentType);
            }
            var problem = body(send(form), 415);
            assertThat(problem.path("detail").asString())
                    .as(String.valueOf(contentType))
                    .contains("Content-Type: application/json");
        }
        assertThat(body(send(as("viewer", job)), 200).path("status").asString()).isEqualTo("paused");
        assertThat(audited("replay.resume"))
                .noneMatch(
                        row -> row.endsWith(" replay job " + created.path("id").asLong()));

        assertThat(body(send(documented(as("operator", job + "/resume"))), 200)
                        .path("status")
                        .asString())
                .isEqualTo("running");
        assertThat(body(send(documented(bearer(OPERATOR_TOKEN, job + "/cancel"))), 200)
                        .path("status")
                        .asString())
                .isEqualTo("cancelled");
    }

    private static HttpRequest.Builder documented(HttpRequest.Builder request) {
        return request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody());
    }
}
