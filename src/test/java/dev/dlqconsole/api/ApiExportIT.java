package dev.dlqconsole.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dlqconsole.security.SensitiveValues;
import dev.dlqconsole.sqs.MessageAttribute;
import dev.dlqconsole.sqs.OutgoingMessage;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Exports over the API of messages parked from ElasticMQ: HTML, a sensitive JSON body, and two bodies
 * that SQS cannot carry (binary, invalid UTF-8: written into the parking lot as a parker of raw bytes
 * would). JSON Lines gives each back intact, CSV keeps formulas inert, masked values stay masked.
 */
class ApiExportIT extends ApiIntegrationTest {

    private static final String M = SensitiveValues.MARKER;
    private static final String HTML = "<script>alert('x')</script><b onclick=\"steal()\">Order 42</b>";
    private static final String SENSITIVE = "{\"user\":\"ada\",\"password\":\"hunter2\"}";
    private static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"click\")";
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d};
    private static final byte[] INVALID_UTF8 = {'o', 'k', (byte) 0xc3, (byte) 0x28, (byte) 0xff};
    private static final byte[] SIGNATURE = {1, 2, 3, (byte) 0xfe};

    private String dlq;
    private long html;
    private long png;
    private long invalid;

    @BeforeEach
    void parkMessagesOfEveryKind() {
        var queues = queues("api-export");
        dlq = queues.dlqName();
        var attributes = new LinkedHashMap<String, MessageAttribute>();
        attributes.put("error", MessageAttribute.string(FORMULA));
        attributes.put("Authorization", MessageAttribute.string("Bearer abc.def"));
        attributes.put("signature", MessageAttribute.binary(SIGNATURE));
        for (int i = 1; i <= 7; i++) {
            attributes.put("tag-" + i, MessageAttribute.string("value " + i));
        }
        sqs.send(CONNECTION, queues.dlqUrl(), OutgoingMessage.of(HTML, attributes));
        sqs.send(CONNECTION, queues.dlqUrl(), OutgoingMessage.of(SENSITIVE, Map.of("error", str("-1 balance"))));
        sqs.send(CONNECTION, queues.dlqUrl(), OutgoingMessage.of("png placeholder", Map.of()));
        sqs.send(CONNECTION, queues.dlqUrl(), OutgoingMessage.of("invalid placeholder", Map.of()));
        var ids = park(queues);
        assertThat(ids).hasSize(4);
        html = idWithBody(ids, HTML);
        png = idWithBody(ids, "png placeholder");
        invalid = idWithBody(ids, "invalid placeholder");
        jdbc.update("UPDATE parked_payload SET body = ? WHERE message_id = ?", PNG, png);
        jdbc.update("UPDATE parked_payload SET body = ? WHERE message_id = ?", INVALID_UTF8, invalid);
    }

    @Test
    void json_lines_give_every_body_and_attribute_back_with_sensitive_values_masked() {
        var response = send(bearer(OPERATOR_TOKEN, "/api/messages/export?format=jsonl&dlq=" + dlq));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/x-ndjson"));
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"dlq-messages.jsonl\"");
        var lines = lines(response.body());
        assertThat(lines).hasSize(4);
        assertThat(lines.stream().map(l -> l.path("id").asLong()))
                .as("newest first")
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());

        var htmlLine = line(lines, html);
        assertThat(htmlLine.path("bodyEncoding").asString()).isEqualTo("text");
        assertThat(htmlLine.path("body").asString()).isEqualTo(HTML);
        assertThat(htmlLine.path("dlq").asString()).isEqualTo(dlq);
        assertThat(htmlLine.path("status").asString()).isEqualTo("parked");
        assertThat(htmlLine.path("failureReason").asString()).isEqualTo(FORMULA);
        assertThat(htmlLine.path("timesReplayed").asInt()).isZero();
        var attributes = htmlLine.path("attributes");
        assertThat(attributes).hasSize(10);
        assertThat(attribute(attributes, "tag-7").path("value").asString()).isEqualTo("value 7");
        assertThat(attribute(attributes, "signature").path("binaryBase64").asString())
                .isEqualTo(Base64.getEncoder().encodeToString(SIGNATURE));
        assertThat(attribute(attributes, "Authorization").path("value").asString())
                .isEqualTo(M);
        assertThat(attribute(attributes, "Authorization").path("masked").asBoolean())
                .isTrue();

        var pngLine = line(lines, png);
        assertThat(pngLine.path("bodyEncoding").asString()).isEqualTo("base64");
        assertThat(Base64.getDecoder().decode(pngLine.path("body").asString())).isEqualTo(PNG);
        var invalidLine = line(lines, invalid);
        assertThat(invalidLine.path("bodyEncoding").asString()).isEqualTo("base64");
        assertThat(Base64.getDecoder().decode(invalidLine.path("body").asString()))
                .isEqualTo(INVALID_UTF8);

        assertThat(response.body()).contains("\"password\\\":\\\"" + M).doesNotContain("hunter2", "abc.def");
    }

    @Test
    void csv_has_the_grids_columns_and_formula_cells_are_made_text() {
        var response = send(as("operator", "/api/messages/export?format=csv&dlq=" + dlq));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        var rows = response.body().split("\r\n");
        assertThat(rows).hasSize(5);
        assertThat(rows[0]).isEqualTo("Id,Parked,Connection,DLQ,Source,Failure reason,Receives,Trace,Status,Body");
        var htmlRow = rowOf(rows, html);
        assertThat(htmlRow).contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",");
        assertThat(response.body()).contains(",\"'-1 balance\",").doesNotContain("hunter2", ",=", ",-1");
    }

    @Test
    void a_failure_group_exports_alone() {
        var group = jdbc.queryForObject("SELECT fingerprint FROM parked_message WHERE id = ?", String.class, html);

        var lines = lines(
                send(as("operator", "/api/messages/export?group=" + group)).body());

        assertThat(lines).extracting(l -> l.path("id").asLong()).containsExactly(html);
    }

    @Test
    void a_viewer_may_not_export() {
        var refused = body(send(bearer(VIEWER_TOKEN, "/api/messages/export?dlq=" + dlq)), 403);

        assertThat(refused.path("title").asString()).isEqualTo("Forbidden");
        assertThat(audited("message.export")).noneMatch(event -> event.endsWith(dlq));
    }

    @Test
    void an_unknown_format_is_bad_input() {
        badRequest(send(as("operator", "/api/messages/export?format=xml")), "format");
    }

    @Test
    void each_export_is_audited_with_its_filter_and_how_many_messages_it_wrote() {
        send(as("operator", "/api/messages/export?format=csv&dlq=" + dlq));

        var events = jdbc.queryForList(
                "SELECT actor, outcome, targets, detail FROM audit_event WHERE action = 'message.export'"
                        + " AND targets = ?",
                "all messages matching DLQ " + dlq);
        assertThat(events).hasSize(1);
        assertThat(events.getFirst())
                .containsEntry("ACTOR", "operator")
                .containsEntry("OUTCOME", "OK")
                .containsEntry("DETAIL", "4 messages as CSV");
    }

    private long idWithBody(List<Long> ids, String body) {
        return ids.stream()
                .filter(id -> body.equals(parking.details(id).bodyText()))
                .findFirst()
                .orElseThrow();
    }

    private static MessageAttribute str(String value) {
        return MessageAttribute.string(value);
    }

    private static List<JsonNode> lines(String body) {
        var lines = new ArrayList<JsonNode>();
        body.lines().forEach(line -> lines.add(json.readTree(line)));
        return lines;
    }

    private static JsonNode line(List<JsonNode> lines, long id) {
        return lines.stream()
                .filter(l -> l.path("id").asLong() == id)
                .findFirst()
                .orElseThrow();
    }

    private static JsonNode attribute(JsonNode attributes, String name) {
        for (var a : attributes) {
            if (a.path("name").asString().equals(name)) {
                return a;
            }
        }
        throw new AssertionError("no attribute " + name + " in " + attributes);
    }

    private static String rowOf(String[] rows, long id) {
        for (var row : rows) {
            if (row.startsWith(id + ",")) {
                return row;
            }
        }
        throw new AssertionError("no row for " + id);
    }
}
