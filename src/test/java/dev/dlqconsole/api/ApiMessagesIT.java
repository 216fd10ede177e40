package dev.dlqconsole.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dlqconsole.sqs.MessageAttribute;
import dev.dlqconsole.sqs.OutgoingMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** DLQs and parked messages through the API: the UI's filters, keyset pages, bodies as parked. */
class ApiMessagesIT extends ApiIntegrationTest {

    @Test
    void dlqs_are_listed_with_their_sources_and_what_the_parking_lot_holds() {
        var queues = queues("api-dlqs");
        for (int i = 0; i < 3; i++) {
            sqs.send(CONNECTION, queues.dlqUrl(), OutgoingMessage.of("m" + i, Map.of()));
        }
        park(queues);

        // The parked counts are shared between callers for a few seconds: wait for this DLQ's to show.
        var list = org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(15))
                .until(
                        () -> body(send(bearer(VIEWER_TOKEN, "/api/dlqs")), 200),
                        l -> find(l.path("dlqs"), "name", queues.dlqName())
                                        .path("parked")
                                        .asLong()
                                == 3);

        assertThat(list.path("connections")).anySatisfy(c -> {
            assertThat(c.path("name").asString()).isEqualTo(CONNECTION);
            assertThat(c.path("reachable").asBoolean()).isTrue();
            assertThat(c.path("discoveredAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        });
        var dlq = find(list.path("dlqs"), "name", queues.dlqName());
        assertThat(dlq.path("connection").asString()).isEqualTo(CONNECTION);
        assertThat(dlq.path("fifo").asBoolean()).isFalse();
        assertThat(dlq.path("parked").asLong()).isEqualTo(3);
        assertThat(dlq.path("replayed").asLong()).isZero();
        assertThat(dlq.path("sources")).singleElement().satisfies(s -> {
            assertThat(s.path("name").asString()).isEqualTo(queues.sourceName());
            assertThat(s.path("maxReceiveCount").asInt()).isEqualTo(3);
        });
    }

    @Test
    void the_search_takes_the_messages_views_filters_and_pages_newest_first_by_keyset() {
        var queues = queues("api-search");
        for (int i = 0; i < 5; i++) {
            sqs.send(
                    CONNECTION,
                    queues.dlqUrl(),
                    OutgoingMessage.of(
                            "{\"order\":" + i + "}",
                            Map.of("error", MessageAttribute.string(i % 2 == 0 ? "Timeout after 30s" : "Bad SKU"))));
        }
        var ids = park(queues);
        var dlq = "dlq=" + queues.dlqName();

        var first = body(send(as("viewer", "/api/messages?" + dlq + "&status=parked&limit=2")), 200);
        assertThat(ids(first)).containsExactly(ids.get(0), ids.get(1));
        assertThat(first.path("nextBefore").asLong()).isEqualTo(ids.get(1));
        var second = body(send(as("viewer", "/api/messages?" + dlq + "&limit=2&before=" + ids.get(1))), 200);
        assertThat(ids(second)).containsExactly(ids.get(2), ids.get(3));
        var last = body(send(as("viewer", "/api/messages?" + dlq + "&limit=2&before=" + ids.get(3))), 200);
        assertThat(ids(last)).containsExactly(ids.get(4));
        assertThat(last.path("nextBefore").isNull()).isTrue();

        var timeouts = body(send(as("viewer", "/api/messages?" + dlq + "&q=TIMEOUT")), 200);
        assertThat(timeouts.path("messages")).hasSize(3).allSatisfy(m -> {
            assertThat(m.path("failureReason").asString()).isEqualTo("Timeout after 30s");
            assertThat(m.path("status").asString()).isEqualTo("parked");
            assertThat(m.path("source").asString()).isEqualTo(queues.sourceName());
        });
        var group = timeouts.path("messages").get(0).path("fingerprint").asString();
        var byGroup = body(send(as("viewer", "/api/messages?" + dlq + "&group=" + group)), 200);
        assertThat(ids(byGroup)).isEqualTo(ids(timeouts));
        assertThat(body(send(as("viewer", "/api/messages?" + dlq + "&status=replayed")), 200)
                        .path("messages"))
                .isEmpty();
        var now = java.time.Instant.now().plusSeconds(1);
        assertThat(body(send(as("viewer", "/api/messages?" + dlq + "&from=" + now)), 200)
                        .path("messages"))
                .isEmpty();
        assertThat(body(send(as("viewer", "/api/messages?" + dlq + "&traced=false")), 200)
                        .path("messages"))
                .hasSize(5);
    }

    @Test
    void bad_search_parameters_are_400_naming_the_parameter() {
        badRequest(send(as("viewer", "/api/messages?status=parkd")), "status");
        badRequest(send(as("viewer", "/api/messages?limit=501")), "limit");
        badRequest(send(as("viewer", "/api/messages?limit=0")), "limit");
        badRequest(send(as("viewer", "/api/messages?before=yesterday")), "before");
        badRequest(send(as("viewer", "/api/messages?from=yesterday")), "from");
        badRequest(send(as("viewer", "/api/messages?from=2025-06-02T00:00:00Z&to=2025-06-01T00:00:00Z")), "from");
        badRequest(send(as("viewer", "/api/messages?trace=not-a-trace")), "trace");
        badRequest(send(as("viewer", "/api/messages?traced=maybe")), "traced");
        badRequest(send(as("viewer", "/api/messages?q=" + "x".repeat(201))), "q");
        badRequest(send(as("viewer", "/api/messages?status=parked&status=replayed")), "status");
        var misspelt = badRequest(send(as("viewer", "/api/messages?stauts=parked")), "stauts");
        assertThat(misspelt.path("detail").asString()).contains("is not a parameter of this endpoint");
        assertThat(misspelt.path("instance").asString()).isEqualTo("/api/messages");
    }

    @Test
    void a_message_comes_with_its_body_as_parked_its_attributes_and_history() {
        var queues = queues("api-message");
        var hostile = "{\"note\":\"</script><script>alert(1)</script>\",\"emoji\":\"\u2603\"}";
        var signature = new byte[] {0, 1, 2, (byte) 255};
        sqs.send(
                CONNECTION,
                queues.dlqUrl(),
                OutgoingMessage.of(
                        hostile,
                        Map.of(
                                "error", MessageAttribute.string("Timeout after 30s"),
                                "signature", MessageAttribute.binary(signature))));
        var id = park(queues).getFirst();

        var response = send(bearer(VIEWER_TOKEN, "/api/messages/" + id));
        var message = body(response, 200);

        assertThat(message.path("id").asLong()).isEqualTo(id);
        assertThat(message.path("dlq").asString()).isEqualTo(queues.dlqName());
        assertThat(message.path("source").asString()).isEqualTo(queues.sourceName());
        assertThat(message.path("status").asString()).isEqualTo("parked");
        assertThat(message.path("body").asString()).isEqualTo(hostile);
        assertThat(message.path("bodyBase64").isNull()).isTrue();
        assertThat(message.path("bodySize").asInt()).isEqualTo(hostile.getBytes(StandardCharsets.UTF_8).length);
        assertThat(message.path("failureReason").asString()).isEqualTo("Timeout after 30s");
        assertThat(message.path("parkedAt").asString()).endsWith("Z");
        assertThat(find(message.path("attributes"), "name", "signature")
                        .path("binaryBase64")
                        .asString())
                .isEqualTo(Base64.getEncoder().encodeToString(signature));
        assertThat(find(message.path("attributes"), "name", "error")
                        .path("value")
                        .asString())
                .isEqualTo("Timeout after 30s");
        assertThat(message.path("systemAttributes")
                        .path("ApproximateReceiveCount")
                        .asString())
                .isEqualTo("1");
        assertThat(message.path("history"))
                .anySatisfy(h -> assertThat(h.path("what").asString()).isEqualTo("Parked from " + queues.dlqName()));
        assertThat(message.path("trace").has("traceId")).isTrue();
        // Markup in a body is string content of JSON, which no browser may sniff into HTML.
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void a_body_that_is_not_utf8_comes_as_base64() {
        var queues = queues("api-binary");
        sqs.send(CONNECTION, queues.dlqUrl(), OutgoingMessage.of("placeholder", Map.of()));
        var id = park(queues).getFirst();
        var bytes = new byte[] {(byte) 0xff, (byte) 0xfe, 0, 65};
        jdbc.update("UPDATE parked_payload SET body = ? WHERE message_id = ?", bytes, id);

        var message = body(send(as("viewer", "/api/messages/" + id)), 200);

        assertThat(message.path("body").isNull()).isTrue();
        assertThat(message.path("bodyBase64").asString())
                .isEqualTo(Base64.getEncoder().encodeToString(bytes));
    }

    @Test
    void an_unknown_message_is_404_and_a_malformed_id_400() {
        var missing = body(send(as("viewer", "/api/messages/987654321")), 404);
        assertThat(missing.path("detail").asString()).isEqualTo("No parked message has id 987654321");
        assertThat(missing.path("title").asString()).isEqualTo("Not Found");

        badRequest(send(as("viewer", "/api/messages/" + URLEncoder.encode("12x", StandardCharsets.UTF_8))), "id");
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (var node : array) {
            if (node.path(field).asString().equals(value)) {
                return node;
            }
        }
        throw new AssertionError("no element with " + field + " = " + value + " in " + array);
    }

    private static java.util.List<Long> ids(JsonNode page) {
        var ids = new ArrayList<Long>();
        page.path("messages").forEach(m -> ids.add(m.path("id").asLong()));
        return ids;
    }
}
