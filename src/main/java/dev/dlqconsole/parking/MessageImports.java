package dev.dlqconsole.parking;

import dev.dlqconsole.audit.AuditEntry;
import dev.dlqconsole.audit.AuditEvent;
import dev.dlqconsole.audit.AuditLog;
import dev.dlqconsole.sqs.DeadLetterQueue;
import dev.dlqconsole.sqs.DlqDiscovery;
import dev.dlqconsole.sqs.MessageAttribute;
import dev.dlqconsole.sqs.ReceivedMessage;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a JSON Lines export ({@link ExportLine}, one message a line) back into the parking lot, so a
 * message can move between environments: to reproduce a failure in staging, say. Each line goes through
 * the parker's own extraction (failure, group, trace, masking, search text), so an imported message is
 * parked as a dead letter of its target DLQ would be, and marked as imported beside it
 * ({@code message_import}). The file is streamed: a hundred lines are parsed and written at a time, in
 * one transaction each.
 *
 * <p>Nothing half-read is kept: a line that is not a message of the export format is refused with its
 * line number and why, and the lines around it are imported. Its key is the exported message's SQS id
 * under {@code import:}, so importing a file again (after fixing a refused line, say) adds only what is
 * not there yet.
 */
@Component
class MessageImports {

    /** Lines parsed and written at a time, in one transaction. */
    static final int CHUNK = 100;
    /** The longest line read: a 1 MiB body in base64 with its attributes fits. */
    static final int MAX_LINE_CHARS = 3 * 1024 * 1024;
    /** Refused lines reported one by one; the rest are counted. */
    static final int REPORTED_REFUSALS = 20;

    static final String KEY_PREFIX = "import:";

    private final DlqDiscovery discovery;
    private final MessageExtraction extraction;
    private final ParkingLot lot;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final AuditLog audit;
    private final Clock clock;
    private final JsonMapper json;

    MessageImports(
            DlqDiscovery discovery,
            MessageExtraction extraction,
            ParkingLot lot,
            JdbcTemplate jdbc,
            TransactionTemplate transaction,
            AuditLog audit,
            Clock clock,
            JsonMapper json) {
        this.discovery = discovery;
        this.extraction = extraction;
        this.lot = lot;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.audit = audit;
        this.clock = clock;
        this.json = json;
    }

    /**
     * Imports every line of {@code in}: into {@code target} when one is given, else into the DLQ each
     * line names, which must be a DLQ of this console. Records one {@code message.import} audit event.
     */
    MessageImportResult importLines(Reader in, @Nullable DeadLetterQueue target, String fileName, String user) {
        var tally = new Tally();
        var event = AuditEntry.of("message.import", target == null ? "the DLQs named in the file" : name(target), null);
        try {
            var reader = new LineReader(in);
            var chunk = new ArrayList<Parsed>();
            String line;
            while ((line = reader.next()) != null) {
                tally.lines++;
                if (reader.tooLong()) {
                    tally.refuse(tally.lines, "longer than " + MAX_LINE_CHARS + " characters");
                    continue;
                }
                if (line.isBlank()) {
                    continue;
                }
                try {
                    chunk.add(parse(tally.lines, line, target));
                } catch (Refused e) {
                    tally.refuse(tally.lines, e.getMessage());
                }
                if (chunk.size() == CHUNK) {
                    write(chunk, fileName, user, tally);
                    chunk.clear();
                }
            }
            write(chunk, fileName, user, tally);
        } catch (RuntimeException e) {
            var result = tally.result();
            audit.recordAlone(event.withOutcome(
                    AuditEvent.Outcome.FAILED,
                    fileName + ": stopped after " + result.summary() + ": " + e.getMessage()));
            throw new IllegalStateException("The import stopped after " + result.summary() + ": " + e.getMessage(), e);
        }
        var result = tally.result();
        audit.recordAlone(event.withDetail(fileName + ": " + result.summary()
                + (result.refusals().isEmpty()
                        ? ""
                        : " (first refused: " + result.refusals().getFirst() + ")")));
        return result;
    }

    private void write(List<Parsed> chunk, String fileName, String user, Tally tally) {
        if (chunk.isEmpty()) {
            return;
        }
        var now = clock.instant();
        transaction.executeWithoutResult(status -> {
            var drafts = chunk.stream()
                    .map(p -> extraction.extract(p.target(), p.message(), now))
                    .toList();
            var inserted = lot.insertEach(drafts);
            var marks = new ArrayList<Object[]>();
            for (int i = 0; i < inserted.length; i++) {
                var p = chunk.get(i);
                if (!inserted[i]) {
                    tally.alreadyHere++;
                    continue;
                }
                tally.imported++;
                tally.masked += p.maskedValues() > 0 ? 1 : 0;
                var id = jdbc.queryForObject(
                        "SELECT id FROM parked_message WHERE connection_name = ? AND dlq_name = ? AND sqs_message_id = ?",
                        Long.class,
                        p.target().connection(),
                        p.target().name(),
                        p.message().messageId());
                marks.add(new Object[] {
                    id,
                    Timestamp.from(now),
                    user,
                    ShownValues.truncate(fileName, 200),
                    p.originalConnection(),
                    p.originalDlq(),
                    p.originalId(),
                    p.maskedValues()
                });
            }
            jdbc.batchUpdate(
                    "INSERT INTO message_import (message_id, imported_at, imported_by, file_name, original_connection,"
                            + " original_dlq, original_id, masked_values) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    marks);
        });
    }

    private Parsed parse(long number, String line, @Nullable DeadLetterQueue target) {
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JacksonException e) {
            throw new Refused("not JSON (" + firstLine(e.getOriginalMessage()) + ")");
        }
        if (node == null || !node.isObject()) {
            throw new Refused("not a JSON object");
        }
        var messageId = text(node, "sqsMessageId", true);
        var connection = text(node, "connection", target == null);
        var dlqName = text(node, "dlq", target == null);
        var dlq = target != null
                ? target
                : discovery
                        .find(connection, dlqName)
                        .orElseThrow(() -> new Refused("no DLQ named '" + dlqName + "' on connection '" + connection
                                + "' here: import into a DLQ of this console instead"));
        var key = KEY_PREFIX + messageId;
        if (key.length() > 100) {
            throw new Refused("sqsMessageId is longer than 93 characters");
        }
        var body = body(node);
        var system = new LinkedHashMap<String, String>();
        var systemNode = node.path("systemAttributes");
        if (systemNode.isObject()) {
            for (var entry : systemNode.properties()) {
                system.put(entry.getKey(), entry.getValue().asString(""));
            }
        }
        // Where it came from there names a queue of that environment: keep it only when the target
        // DLQ has a source of that name, so a replay goes to this environment's queue.
        system.remove("DeadLetterQueueSourceArn");
        var source = text(node, "source", false);
        if (source != null) {
            dlq.sources().stream()
                    .filter(s -> s.name().equals(source))
                    .findFirst()
                    .ifPresent(s -> system.put("DeadLetterQueueSourceArn", s.arn()));
        }
        var message = new ReceivedMessage(key, "", body, attributes(node), system);
        return new Parsed(
                message,
                dlq,
                connection,
                dlqName,
                node.path("id").canConvertToLong() ? node.path("id").asLong() : null,
                node.path("maskedValues").asInt(0));
    }

    private static String body(JsonNode node) {
        var encoding = node.path("bodyEncoding").asString("text");
        var body = text(node, "body", true);
        return switch (encoding) {
            case "text" -> body;
            case "base64" -> {
                byte[] bytes;
                try {
                    bytes = Base64.getDecoder().decode(body);
                } catch (IllegalArgumentException e) {
                    throw new Refused("body is not base64 (" + e.getMessage() + ")");
                }
                var text = MessageDetails.utf8(bytes);
                if (text == null) {
                    // An SQS body is text: these bytes could not be parked or replayed as they are.
                    throw new Refused("body bytes are not UTF-8, so SQS could not carry them");
                }
                yield text;
            }
            default -> throw new Refused("bodyEncoding must be text or base64, not '" + encoding + "'");
        };
    }

    private static Map<String, MessageAttribute> attributes(JsonNode node) {
        var attributes = new LinkedHashMap<String, MessageAttribute>();
        var list = node.path("attributes");
        if (list.isMissingNode() || list.isNull()) {
            return attributes;
        }
        if (!list.isArray()) {
            throw new Refused("attributes must be a list");
        }
        for (var a : list) {
            var name = text(a, "name", true);
            var type = a.path("dataType").asString("String");
            var base64 = a.path("binaryBase64").asString(null);
            try {
                attributes.put(
                        name,
                        new MessageAttribute(
                                type,
                                a.path("value").asString(null),
                                base64 == null ? null : Base64.getDecoder().decode(base64)));
            } catch (IllegalArgumentException e) {
                throw new Refused("attribute '" + name + "' is not base64");
            }
        }
        return attributes;
    }

    private static String text(JsonNode node, String field, boolean required) {
        var value = node.path(field);
        if (value.isString()) {
            return value.asString();
        }
        if (!required && (value.isMissingNode() || value.isNull())) {
            return null;
        }
        throw new Refused(field + (value.isMissingNode() ? " is missing" : " must be text"));
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "unreadable";
        }
        var line = message.lines().findFirst().orElse("unreadable");
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }

    private static String name(DeadLetterQueue dlq) {
        return dlq.connection() + "/" + dlq.name();
    }

    private record Parsed(
            ReceivedMessage message,
            DeadLetterQueue target,
            @Nullable String originalConnection,
            @Nullable String originalDlq,
            @Nullable Long originalId,
            int maskedValues) {}

    /** A line that is not a message of the export format, and why. */
    private static final class Refused extends RuntimeException {
        Refused(String why) {
            super(why, null, false, false);
        }
    }

    private static final class Tally {
        long lines;
        long imported;
        long alreadyHere;
        long masked;
        long refused;
        final List<String> refusals = new ArrayList<>();

        void refuse(long line, String why) {
            refused++;
            if (refusals.size() < REPORTED_REFUSALS) {
                refusals.add("line " + line + ": " + why);
            }
        }

        MessageImportResult result() {
            return new MessageImportResult(lines, imported, alreadyHere, refused, masked, List.copyOf(refusals));
        }
    }

    /**
     * Lines of a reader, each at most {@link #MAX_LINE_CHARS}: the rest of a longer one is skipped, and
     * {@link #tooLong} says so, so one runaway line cannot fill the heap.
     */
    private static final class LineReader {
        private final Reader in;
        private final char[] buffer = new char[8192];
        private int position;
        private int limit;
        private boolean tooLong;

        LineReader(Reader in) {
            this.in = in;
        }

        boolean tooLong() {
            return tooLong;
        }

        @Nullable
        String next() {
            var line = new StringBuilder();
            tooLong = false;
            boolean any = false;
            try {
                while (true) {
                    if (position == limit) {
                        limit = in.read(buffer);
                        position = 0;
                        if (limit <= 0) {
                            limit = 0;
                            return any ? line.toString() : null;
                        }
                    }
                    any = true;
                    char c = buffer[position++];
                    if (c == '\n') {
                        return line.toString();
                    }
                    if (c == '\r') {
                        continue;
                    }
                    if (line.length() < MAX_LINE_CHARS) {
                        line.append(c);
                    } else {
                        tooLong = true;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
