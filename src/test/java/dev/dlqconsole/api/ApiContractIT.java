package dev.dlqconsole.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dlqconsole.sqs.MessageAttribute;
import dev.dlqconsole.sqs.OutgoingMessage;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The generated contract and the API's real answers agree: every operation is called over HTTP
 * against the whole console (ElasticMQ, the parking lot, a replay job), and each answer, errors
 * included, is checked against the schema the contract gives for its status. A record component the
 * contract does not name, a required one that is missing, a wrong type or a null where the contract
 * allows none fails the test.
 */
// Approvals on, as in production: a forced replay waits for a second person, so approve and reject answer too.
@org.springframework.test.context.TestPropertySource(properties = "dlq-console.replay.approval-required=true")
class ApiContractIT extends ApiIntegrationTest {

    private final List<String> mismatches = new ArrayList<>();
    private final TreeSet<String> answered = new TreeSet<>();
    private Map<String, Object> contract = Map.of();

    @Test
    void every_answer_of_every_operation_matches_its_schema_in_the_contract() {
        contract = new Yaml().load(send(anonymous("/api/openapi.yaml")).body());
        var queues = queues("contract");
        sqs.send(
                CONNECTION,
                queues.dlqUrl(),
                OutgoingMessage.of(
                        "{\"order\": 1, \"card\": \"4111\"}",
                        Map.of(
                                "error",
                                MessageAttribute.string("inventory-service timed out after 30 s"),
                                "traceparent",
                                MessageAttribute.string("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
                                "blob",
                                MessageAttribute.binary(new byte[] {1, 2, 3}))));
        sqs.send(CONNECTION, queues.dlqUrl(), OutgoingMessage.of("{\"order\": 2}", Map.of()));
        var ids = park(queues);
        var dlq = queues.dlqName();

        check("GET", "/api/dlqs", send(bearer(VIEWER_TOKEN, "/api/dlqs")));
        check("GET", "/api/messages", send(bearer(VIEWER_TOKEN, "/api/messages?limit=1&dlq=" + dlq)));
        for (var id : ids) {
            check("GET", "/api/messages/{id}", send(bearer(VIEWER_TOKEN, "/api/messages/" + id)));
        }
        check(
                "GET",
                "/api/messages/{id}",
                send(bearer(ADMIN_TOKEN, "/api/messages/" + ids.getFirst() + "?unmasked=true")));
        check("POST", "/api/replays", send(postJson(bearer(OPERATOR_TOKEN, "/api/replays"), """
                {"filter": {"dlq": "%s"}, "reason": "contract", "dryRun": true}
                """.formatted(dlq))));
        var created = send(postJson(bearer(OPERATOR_TOKEN, "/api/replays"), """
                {"ids": %s, "reason": "contract", "ratePerSecond": 1}
                """.formatted(ids)));
        check("POST", "/api/replays", created);
        var job = "/api/replays/" + json.readTree(created.body()).path("id").asLong();
        check("GET", "/api/replays/{id}", send(bearer(VIEWER_TOKEN, job)));
        check("POST", "/api/replays/{id}/pause", send(post(bearer(OPERATOR_TOKEN, job + "/pause"))));
        check("POST", "/api/replays/{id}/resume", send(post(bearer(OPERATOR_TOKEN, job + "/resume"))));
        check("POST", "/api/replays/{id}/cancel", send(post(bearer(OPERATOR_TOKEN, job + "/cancel"))));
        check("POST", "/api/replays/{id}/retry-failed", send(post(bearer(OPERATOR_TOKEN, job + "/retry-failed"))));
        check("POST", "/api/replays/{id}/skip-held", send(post(bearer(OPERATOR_TOKEN, job + "/skip-held"))));
        // The cancelled job gives its messages back after its wave in flight: wait, or the forced replays
        // below would find them still claimed, skip every one and be refused.
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from message_state where dlq_name = ? and status = 'REPLAYING'",
                                Integer.class,
                                dlq)
                        == 0);
        for (var decision : List.of("approve", "reject")) {
            var forced = send(postJson(bearer(ADMIN_TOKEN, "/api/replays"), """
                    {"ids": %s, "reason": "contract, %s", "ratePerSecond": 1, "force": true}
                    """.formatted(ids, decision)));
            check("POST", "/api/replays", forced);
            var waiting =
                    "/api/replays/" + json.readTree(forced.body()).path("id").asLong();
            check(
                    "POST",
                    "/api/replays/{id}/" + decision,
                    send(postJson(bearer(OPERATOR_TOKEN, waiting + "/" + decision), """
                    {"reason": "contract"}
                    """)));
            check("POST", "/api/replays/{id}/cancel", send(post(bearer(OPERATOR_TOKEN, waiting + "/cancel"))));
            // The approved job runs until the cancel: wait until it gave its messages back, as above.
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> jdbc.queryForObject(
                                    "select count(*) from message_state where dlq_name = ? and status = 'REPLAYING'",
                                    Integer.class,
                                    dlq)
                            == 0);
        }
        // Edits on messages of their own: an edited message in the jobs above would make them wait for approval.
        var editQueues = queues("contract-edit");
        sqs.send(CONNECTION, editQueues.dlqUrl(), OutgoingMessage.of("{\"order\": 5}", Map.of()));
        var edited = park(editQueues).getFirst();
        check(
                "POST",
                "/api/messages/bulk-edit",
                send(postJson(bearer(ADMIN_TOKEN, "/api/messages/bulk-edit"), """
                        {"filter": {"dlq": "%s"}, "find": "\\"order\\"", "replace": "\\"orderNo\\"", "dryRun": true}
                        """.formatted(editQueues.dlqName()))));
        var edit = send(postJson(bearer(ADMIN_TOKEN, "/api/messages/" + edited + "/versions"), """
                {"basedOn": 0, "body": "{\\"order\\": 3}", "reason": "contract",
                 "attributes": {"tenant": {"type": "String", "value": "t1"}}}
                """));
        assertThat(edit.statusCode()).as(edit.body()).isEqualTo(201);
        check("POST", "/api/messages/{id}/versions", edit);
        check(
                "POST",
                "/api/messages/{id}/versions",
                send(postJson(bearer(OPERATOR_TOKEN, "/api/messages/" + edited + "/versions"), """
                        {"basedOn": 1, "body": "{\\"order\\": 4}", "reason": "contract"}
                        """)));
        check(
                "GET",
                "/api/messages/{id}/versions",
                send(bearer(VIEWER_TOKEN, "/api/messages/" + edited + "/versions")));
        check(
                "GET",
                "/api/messages/{id}/versions",
                send(bearer(VIEWER_TOKEN, "/api/messages/" + ids.getFirst() + "/versions")));
        check("GET", "/api/audit-events", send(bearer(OPERATOR_TOKEN, "/api/audit-events?limit=3")));
        check(
                "GET",
                "/api/messages/export",
                send(bearer(OPERATOR_TOKEN, "/api/messages/export?format=csv&dlq=" + dlq)));
        var exported = send(bearer(OPERATOR_TOKEN, "/api/messages/export?format=jsonl&dlq=" + dlq));
        check(
                "POST",
                "/api/messages/import",
                send(bearer(ADMIN_TOKEN, "/api/messages/import?file=contract.jsonl")
                        .header("Content-Type", "application/x-ndjson")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(exported.body()))));

        check("GET", "/api/messages", send(bearer(VIEWER_TOKEN, "/api/messages?limit=0")));
        check("GET", "/api/dlqs", send(anonymous("/api/dlqs")));
        check("POST", "/api/replays/{id}/pause", send(post(bearer(VIEWER_TOKEN, job + "/pause"))));
        check("GET", "/api/replays/{id}", send(bearer(VIEWER_TOKEN, "/api/replays/987654321")));
        check("POST", "/api/replays/{id}/pause", send(post(bearer(OPERATOR_TOKEN, job + "/pause"))));
        check(
                "POST",
                "/api/replays/{id}/pause",
                send(bearer(OPERATOR_TOKEN, job + "/pause").POST(java.net.http.HttpRequest.BodyPublishers.noBody())));

        assertThat(mismatches).as("answers that disagree with the contract").isEmpty();
        assertThat(answered).as("statuses checked").contains("400", "401", "403", "404", "409", "415");
        assertThat(answered).as("operations answered with success").containsAll(successes());
    }

    /** Checks the answer against the contract's schema for its status, and notes what was checked. */
    @SuppressWarnings("unchecked")
    private void check(String method, String path, HttpResponse<String> response) {
        var status = String.valueOf(response.statusCode());
        var where = method + " " + path + " " + status;
        var operation =
                (Map<String, Object>) OpenApiSpecIT.paths(contract).get(path).get(method.toLowerCase());
        var responses = (Map<String, Object>) operation.get("responses");
        if (!(responses.get(status) instanceof Map<?, ?> documented)) {
            mismatches.add(where + " is not in the contract: " + response.body());
            return;
        }
        var schemas = new ContractSchemas(contract);
        var content = (Map<String, Map<String, Object>>)
                schemas.resolve((Map<String, Object>) documented).get("content");
        var type = response.headers().firstValue("Content-Type").orElse("").split(";")[0];
        if (content == null || !content.containsKey(type)) {
            mismatches.add(where + " answered " + type + ", the contract says "
                    + (content == null ? "no content" : content.keySet()));
            return;
        }
        // A stream that is not JSON (an export's CSV or JSON Lines) is checked by its type alone.
        if (type.endsWith("json")) {
            var schema = (Map<String, Object>) content.get(type).get("schema");
            schemas.mismatches(json.readTree(response.body()), schema).forEach(m -> mismatches.add(where + ": " + m));
        }
        answered.add(status);
        answered.add(where);
    }

    /** "GET /api/dlqs 200" for each operation and each of its successful statuses in the contract. */
    private List<String> successes() {
        var expected = new ArrayList<String>();
        OpenApiSpecIT.paths(contract)
                .forEach((path, item) -> item.forEach((method, operation) -> {
                    @SuppressWarnings("unchecked")
                    var responses = (Map<String, Object>) ((Map<String, Object>) operation).get("responses");
                    responses.keySet().stream()
                            .filter(status -> status.startsWith("2"))
                            .forEach(status -> expected.add(method.toUpperCase() + " " + path + " " + status));
                }));
        // Retry-failed and skip-held need a job with failed messages; a cancelled job answers 409 (checked).
        expected.removeIf(s -> s.contains("/retry-failed ") || s.contains("/skip-held "));
        return expected;
    }
}
