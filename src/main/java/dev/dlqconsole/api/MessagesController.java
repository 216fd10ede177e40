package dev.dlqconsole.api;

import dev.dlqconsole.parking.ExportFormat;
import dev.dlqconsole.parking.MessageImportResult;
import dev.dlqconsole.parking.ParkingService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Parked messages, searched with the Messages view's filters, sensitive values masked. As in the UI,
 * reading is not audited; what changes messages (a replay, a discard) is, and so is an admin's unmask.
 */
@RestController
@Tag(name = "Messages", description = "Parked messages, searched with the Messages view's filters.")
class MessagesController {

    private final ParkingService parking;

    MessagesController(ParkingService parking) {
        this.parking = parking;
    }

    /** Newest first, paged by keyset: {@code before} is the previous page's {@code nextBefore}. */
    @Operation(
            operationId = "searchMessages",
            summary = "Search parked messages, newest first, with the Messages view's filters. VIEWER.",
            description = """
                    The parameters are those of the Messages view's link, so a link pasted into an incident
                    channel turns into this call. All filters are optional and combine with AND. Pages go
                    by keyset: pass the previous page's `nextBefore` as `before`.""",
            parameters = {
                @Parameter(
                        in = ParameterIn.QUERY,
                        name = "dlq",
                        description = FilterInput.DLQ,
                        schema = @Schema(type = "string")),
                @Parameter(
                        in = ParameterIn.QUERY,
                        name = "source",
                        description = FilterInput.SOURCE,
                        schema = @Schema(type = "string")),
                @Parameter(
                        in = ParameterIn.QUERY,
                        name = "status",
                        description = FilterInput.STATUS,
                        schema = @Schema(allowableValues = {"parked", "replaying", "replayed", "discarded"})),
                @Parameter(
                        in = ParameterIn.QUERY,
                        name = "group",
                        description = FilterInput.GROUP,
                        schema = @Schema(type = "string")),
                @Parameter(
                        in = ParameterIn.QUERY,
                        name = "from",
                        description = FilterInput.FROM,
                        schema = @Schema(type = "string", format = "date-time")),
                @Parameter(
                        in = ParameterIn.QUERY,
                        name = "to",
                        description = FilterInput.TO,
                        schema = @Schema(type = "string", format = "date-time")),
                @Parameter(
                        in = ParameterIn.QUERY,
                        name = "q",
                        description = FilterInput.Q,
                        schema = @Schema(type = "string", maxLength = 200)),
                @Parameter(
                        in = ParameterIn.QUERY,
                        name = "trace",
                        description = FilterInput.TRACE,
                        schema = @Schema(type = "string")),
                @Parameter(
                        in = ParameterIn.QUERY,
                        name = "traced",
                        description = FilterInput.TRACED,
                        schema = @Schema(type = "boolean")),
                @Parameter(
                        in = ParameterIn.QUERY,
                        name = "connection",
                        description = FilterInput.CONNECTION,
                        schema = @Schema(type = "string")),
                @Parameter(
                        in = ParameterIn.QUERY,
                        name = "before",
                        description = "Only messages with an id below this one (the previous page's `nextBefore`).",
                        schema = @Schema(type = "integer", format = "int64")),
                @Parameter(
                        in = ParameterIn.QUERY,
                        name = "limit",
                        description = QueryParameters.LIMIT,
                        schema =
                                @Schema(
                                        type = "integer",
                                        minimum = "1",
                                        maximum = "" + QueryParameters.MAX_LIMIT,
                                        defaultValue = "" + QueryParameters.DEFAULT_LIMIT))
            })
    @GetMapping("/api/messages")
    MessagePage search(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters) {
        var query = new QueryParameters(parameters);
        var filter = FilterInput.from(query).toFilter("");
        var before = query.whole("before");
        var limit = query.limit();
        query.refuseUnknown();
        return MessagePage.of(parking.page(filter, before, limit + 1), limit);
    }

    /** With {@code unmasked=true} (admins only, audited) the sensitive values are shown as they are. */
    @Operation(
            operationId = "getMessage",
            summary = "One parked message with its body, attributes, trace and history. VIEWER (ADMIN to unmask).",
            description = """
                    Sensitive values come masked (see `masking` in the answer). With `unmasked=true` an admin
                    gets them as they were parked, and the read is recorded in the audit trail as
                    `message.unmask`; anyone else gets 403 (recorded as a denied attempt).""",
            parameters =
                    @Parameter(
                            in = ParameterIn.QUERY,
                            name = "unmasked",
                            description = "`true` to read the sensitive values as they are: ADMIN only, audited.",
                            schema = @Schema(type = "boolean", defaultValue = "false")))
    @GetMapping("/api/messages/{id}")
    MessageDocument message(
            @Parameter(description = "The parked message's id.") @PathVariable long id,
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters) {
        var query = new QueryParameters(parameters);
        var unmasked = Boolean.TRUE.equals(query.bool("unmasked"));
        query.refuseUnknown();
        return MessageDocument.of(unmasked ? parking.unmasked(id) : parking.details(id));
    }

    /** Streams every message the filter selects; nothing is held but a page at a time. */
    @Operation(
            operationId = "exportMessages",
            summary = "Export the messages a filter selects as JSON Lines or CSV, masked. OPERATOR (configurable).",
            description = """
                    Takes the filters of `GET /api/messages` (`group` exports a failure group) and streams every
                    matching message, newest first, as a download. `jsonl`: one JSON document per line with the
                    body (`bodyEncoding` `text`, or `base64` when its bytes are not UTF-8), attributes, failure,
                    trace and status. `csv`: the Messages grid's columns; a cell that starts with `=`, `+`, `-`,
                    `@`, a tab or a carriage return gets a leading `'`, so spreadsheets take it as text.
                    Sensitive values stay masked, for every role. The role it needs is
                    `dlq-console.export.role` (OPERATOR by default; `NONE` turns exports off: 403 for all).
                    Each export is recorded in the audit trail as `message.export` with its filter and how many
                    messages it wrote.""",
            parameters = {
                @Parameter(
                        in = ParameterIn.QUERY,
                        name = "format",
                        description = "`jsonl` (JSON Lines) or `csv`.",
                        schema =
                                @Schema(
                                        allowableValues = {"jsonl", "csv"},
                                        defaultValue = "jsonl")),
                @Parameter(
                        in = ParameterIn.QUERY,
                        name = "dlq",
                        description = FilterInput.DLQ,
                        schema = @Schema(type = "string")),
                @Parameter(
                        in = ParameterIn.QUERY,
                        name = "source",
                        description = FilterInput.SOURCE,
                        schema = @Schema(type = "string")),
                @Parameter(
                        in = ParameterIn.QUERY,
                        name = "status",
                        description = FilterInput.STATUS,
                        schema = @Schema(allowableValues = {"parked", "replaying", "replayed", "discarded"})),
                @Parameter(
                        in = ParameterIn.QUERY,
                        name = "group",
                        description = FilterInput.GROUP,
                        schema = @Schema(type = "string")),
                @Parameter(
                        in = ParameterIn.QUERY,
                        name = "from",
                        description = FilterInput.FROM,
                        schema = @Schema(type = "string", format = "date-time")),
                @Parameter(
                        in = ParameterIn.QUERY,
                        name = "to",
                        description = FilterInput.TO,
                        schema = @Schema(type = "string", format = "date-time")),
                @Parameter(
                        in = ParameterIn.QUERY,
                        name = "q",
                        description = FilterInput.Q,
                        schema = @Schema(type = "string", maxLength = 200)),
                @Parameter(
                        in = ParameterIn.QUERY,
                        name = "trace",
                        description = FilterInput.TRACE,
                        schema = @Schema(type = "string")),
                @Parameter(
                        in = ParameterIn.QUERY,
                        name = "traced",
                        description = FilterInput.TRACED,
                        schema = @Schema(type = "boolean")),
                @Parameter(
                        in = ParameterIn.QUERY,
                        name = "connection",
                        description = FilterInput.CONNECTION,
                        schema = @Schema(type = "string"))
            },
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "The messages, streamed as an attachment.",
                            headers =
                                    @Header(
                                            name = "Content-Disposition",
                                            description = "`attachment; filename=\"dlq-messages.jsonl\"` (or `.csv`).",
                                            schema = @Schema(type = "string")),
                            content = {
                                @Content(mediaType = "application/x-ndjson", schema = @Schema(type = "string")),
                                @Content(mediaType = "text/csv", schema = @Schema(type = "string"))
                            }))
    @GetMapping("/api/messages/export")
    void export(
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters,
            HttpServletResponse response)
            throws IOException {
        var query = new QueryParameters(parameters);
        var format = format(query.text("format"));
        var filter = FilterInput.from(query).toFilter("");
        query.refuseUnknown();
        var export = parking.export(filter, format);
        response.setContentType(export.contentType() + ";charset=UTF-8");
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename(export.fileName())
                        .build()
                        .toString());
        export.writeTo(response.getOutputStream());
    }

    /** Reads the request body as a stream of lines: nothing but the chunk being written is held. */
    @Operation(
            operationId = "importMessages",
            summary = "Import a JSON Lines export into the parking lot. ADMIN.",
            description = """
                    The body is a JSON Lines export (`GET /api/messages/export?format=jsonl`), one message a line.
                    Each message is parked in `dlq` on `connection` when both are given, else in the DLQ its line
                    names (which must be a DLQ of this console), as a dead letter of that DLQ would be, and is
                    marked as imported on its page. A line that is not a message of that format is refused with
                    its line number and why; the others are imported. A message is keyed by its exported SQS id,
                    so importing a file again adds only what is not there yet. Values the export masked stay
                    masked: the message carries the mask, not the value. Recorded in the audit trail as one
                    `message.import` with the counts.""",
            parameters = {
                @Parameter(
                        in = ParameterIn.QUERY,
                        name = "connection",
                        description = "The connection of the DLQ to import into (with `dlq`).",
                        schema = @Schema(type = "string")),
                @Parameter(
                        in = ParameterIn.QUERY,
                        name = "dlq",
                        description = "The DLQ to import into (with `connection`).",
                        schema = @Schema(type = "string")),
                @Parameter(
                        in = ParameterIn.QUERY,
                        name = "file",
                        description = "A name for the file, kept with each imported message.",
                        schema = @Schema(type = "string", maxLength = 200))
            },
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = @Content(mediaType = "application/x-ndjson", schema = @Schema(type = "string"))))
    @PostMapping("/api/messages/import")
    MessageImportResult importMessages(
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters,
            HttpServletRequest request)
            throws IOException {
        var query = new QueryParameters(parameters);
        var connection = query.text("connection");
        var dlq = query.text("dlq");
        var file = query.text("file");
        query.refuseUnknown();
        try (var lines = new java.io.InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8)) {
            return parking.importMessages(lines, connection, dlq, file == null ? "api upload" : file);
        }
    }

    private static ExportFormat format(@Nullable String value) {
        return switch (value == null ? "jsonl" : value) {
            case "jsonl" -> ExportFormat.JSON_LINES;
            case "csv" -> ExportFormat.CSV;
            default -> throw new BadInput("format", "must be jsonl or csv, not '" + value + "'");
        };
    }
}
