package dev.dlqconsole.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dlqconsole.TestQueues;
import dev.dlqconsole.parking.MessageFilter;
import dev.dlqconsole.security.SensitiveValues;
import dev.dlqconsole.sqs.MessageAttribute;
import dev.dlqconsole.sqs.OutgoingMessage;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Imports over the API: a JSON Lines export of messages parked from ElasticMQ (HTML, ten attributes with
 * a binary one, a sensitive body, a 1 MiB body) goes into another DLQ intact, masked values stay masked,
 * each imported message says so on its page, a second import of the file adds nothing, a bad line is
 * refused by number while the others land, and only an admin may import.
 */
class ApiImportIT extends ApiIntegrationTest {

    private static final String M = SensitiveValues.MARKER;
    private static final String HTML = "<script>alert('x')</script><b onclick=\"steal()\">Order 42</b>";
    private static final String SENSITIVE = "{\"user\":\"ada\",\"password\":\"hunter2\"}";
    private static final String BIG = "{\"blob\":\"" + "x".repeat(1024 * 1024 - 11) + "\"}";
    private static final byte[] SIGNATURE = {1, 2, 3, (byte) 0xfe};

    private TestQueues from;
    private TestQueues into;
    private String export;

    @BeforeEach
    void exportParkedMessages() {
        from = queues("api-import-from");
        into = queues("api-import-into");
        var attributes = new LinkedHashMap<String, MessageAttribute>();
        attributes.put("error", MessageAttribute.string("Importable failure zulu"));
        attributes.put("signature", MessageAttribute.binary(SIGNATURE));
        for (int i = 1; i <= 8; i++) {
            attributes.put("tag-" + i, MessageAttribute.string("value " + i));
        }
        sqs.send(CONNECTION, from.dlqUrl(), OutgoingMessage.of(HTML, attributes));
        sqs.send(CONNECTION, from.dlqUrl(), OutgoingMessage.of(SENSITIVE, Map.of()));
        sqs.send(CONNECTION, from.dlqUrl(), OutgoingMessage.of(BIG, Map.of()));
        assertThat(park(from)).hasSize(3);
        discovery.refresh(CONNECTION);
        var response = send(as("operator", "/api/messages/export?format=jsonl&dlq=" + from.dlqName()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        export = response.body();
    }

    @Test
    void an_export_imported_into_another_dlq_is_parked_intact_and_marked_as_imported() {
        var result = body(importInto(ADMIN_TOKEN, into, export, "staging-repro.jsonl"), 200);

        assertThat(result.path("imported").asLong()).isEqualTo(3);
        assertThat(result.path("refused").asLong()).isZero();
        assertThat(result.path("withMaskedValues").asLong()).isEqualTo(1);
        var ids = idsIn(into);
        assertThat(ids).hasSize(3);
        var html = parking.details(idWithBody(ids, HTML));
        assertThat(html.attributes()).hasSize(10);
        assertThat(html.attributes())
                .anySatisfy(a -> {
                    assertThat(a.name()).isEqualTo("signature");
                    assertThat(a.binary()).isEqualTo(SIGNATURE);
                })
                .anySatisfy(a -> {
                    assertThat(a.name()).isEqualTo("tag-8");
                    assertThat(a.value()).isEqualTo("value 8");
                });
        assertThat(html.failureReason()).isEqualTo("Importable failure zulu");
        assertThat(html.message().sourceQueue())
                .as("the imported message belongs to this DLQ's source, not the exported one's")
                .isEqualTo(into.sourceName());
        assertThat(html.history()).anySatisfy(entry -> {
            assertThat(entry.what()).isEqualTo("Imported");
            assertThat(entry.who()).isEqualTo("release-admin");
            assertThat(entry.detail()).contains("staging-repro.jsonl", from.dlqName());
        });
        assertThat(ids.stream().map(id -> parking.details(id).bodyText()))
                .as("the sensitive value stays masked: the export never had it")
                .contains(BIG, HTML)
                .anySatisfy(
                        body -> assertThat(body).contains("\"password\":\"" + M).doesNotContain("hunter2"));
        assertThat(parking.details(idWithBody(ids, BIG)).body()).hasSize(BIG.length());
        var events = jdbc.queryForList(
                "SELECT actor, outcome, detail FROM audit_event WHERE action = 'message.import' AND targets = ?",
                CONNECTION + "/" + into.dlqName());
        assertThat(events).hasSize(1);
        assertThat(events.getFirst()).containsEntry("ACTOR", "release-admin").containsEntry("OUTCOME", "OK");
        assertThat((String) events.getFirst().get("DETAIL"))
                .startsWith("staging-repro.jsonl: 3 imported, 0 already here, 0 refused of 3 lines");
    }

    @Test
    void importing_the_same_file_again_adds_nothing() {
        body(importInto(ADMIN_TOKEN, into, export, "once.jsonl"), 200);

        var again = body(importInto(ADMIN_TOKEN, into, export, "once.jsonl"), 200);

        assertThat(again.path("imported").asLong()).isZero();
        assertThat(again.path("alreadyHere").asLong()).isEqualTo(3);
        assertThat(idsIn(into)).hasSize(3);
    }

    @Test
    void a_bad_line_is_refused_by_number_and_the_lines_around_it_are_imported() {
        var lines = export.lines().toList();
        var file = String.join(
                "\n",
                lines.get(0),
                "this is not json",
                "{\"sqsMessageId\": 5, \"body\": \"x\"}",
                "{\"sqsMessageId\": \"bad-utf8\", \"bodyEncoding\": \"base64\", \"body\": \""
                        + Base64.getEncoder().encodeToString(new byte[] {'o', 'k', (byte) 0xc3, 0x28}) + "\"}",
                "{\"sqsMessageId\": \"no-body\"}",
                lines.get(1));

        var result = body(importInto(ADMIN_TOKEN, into, file, "mixed.jsonl"), 200);

        assertThat(result.path("imported").asLong()).isEqualTo(2);
        assertThat(result.path("refused").asLong()).isEqualTo(4);
        var refusals = new java.util.ArrayList<String>();
        result.path("refusals").forEach(n -> refusals.add(n.asString()));
        assertThat(refusals)
                .satisfiesExactly(
                        r -> assertThat(r).startsWith("line 2: not JSON"),
                        r -> assertThat(r).isEqualTo("line 3: sqsMessageId must be text"),
                        r -> assertThat(r).isEqualTo("line 4: body bytes are not UTF-8, so SQS could not carry them"),
                        r -> assertThat(r).isEqualTo("line 5: body is missing"));
        assertThat(idsIn(into)).hasSize(2);
    }

    @Test
    void a_line_naming_a_dlq_this_console_does_not_have_is_refused_without_a_target() {
        var line = export.lines().findFirst().orElseThrow().replace(from.dlqName(), "prod-only-dlq");

        var result = body(importInto(ADMIN_TOKEN, null, line, "elsewhere.jsonl"), 200);

        assertThat(result.path("imported").asLong()).isZero();
        assertThat(result.path("refusals").get(0).asString())
                .isEqualTo("line 1: no DLQ named 'prod-only-dlq' on connection 'embedded' here:"
                        + " import into a DLQ of this console instead");
    }

    @Test
    void without_a_target_each_line_goes_back_to_the_dlq_it_names() {
        // The exported DLQ's own rows went (as after a purge); the file puts them back, marked imported.
        jdbc.update("DELETE FROM parked_message WHERE dlq_name = ?", from.dlqName());

        var result = body(importInto(ADMIN_TOKEN, null, export, "restore.jsonl"), 200);

        assertThat(result.path("imported").asLong()).isEqualTo(3);
        assertThat(idsIn(from)).hasSize(3);
    }

    @Test
    void only_an_admin_may_import() {
        var refused = body(importInto(OPERATOR_TOKEN, into, export, "nope.jsonl"), 403);

        assertThat(refused.path("title").asString()).isEqualTo("Forbidden");
        assertThat(idsIn(into)).isEmpty();
    }

    private java.net.http.HttpResponse<String> importInto(String token, TestQueues target, String file, String name) {
        var path = "/api/messages/import?file=" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                + (target == null ? "" : "&connection=" + CONNECTION + "&dlq=" + target.dlqName());
        return send(bearer(token, path)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(file)));
    }

    private List<Long> idsIn(TestQueues queues) {
        return parking.matchingIds(
                new MessageFilter(queues.dlqName(), null, null, null, null, null, null, null), 1_000);
    }

    private long idWithBody(List<Long> ids, String body) {
        return ids.stream()
                .filter(id -> body.equals(parking.details(id).bodyText()))
                .findFirst()
                .orElseThrow();
    }
}
