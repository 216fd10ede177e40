package dev.dlqconsole.api;

import dev.dlqconsole.parking.MessageEditService;
import dev.dlqconsole.parking.MessageEdits;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Edits of parked messages: each is a new version (the message as parked stays), and a replay sends
 * the latest. The service checks the edit role ({@code dlq-console.edit.role}, ADMIN by default) and
 * records each edit, and each find-and-replace as one event, in the audit trail.
 */
@RestController
@Tag(name = "Edits", description = "Edit parked messages before a replay: new versions, never a changed original.")
class EditsController {

    private static final JsonMapper json = JsonMapper.builder().build();

    private final MessageEditService edits;

    EditsController(MessageEditService edits) {
        this.edits = edits;
    }

    @Operation(
            operationId = "getMessageVersions",
            summary = "A parked message's versions, and a diff of the original and the latest, masked. VIEWER.")
    @GetMapping("/api/messages/{id}/versions")
    VersionDocuments.Versions versions(@Parameter(description = "The parked message's id.") @PathVariable long id) {
        return VersionDocuments.Versions.of(edits.versions(id));
    }

    @Operation(
            operationId = "editMessage",
            summary = "Edit a parked message: its next version. The edit role (ADMIN by default).",
            description = """
                    The body (and the attributes, if given) replace those of the latest version. Values that
                    `GET /api/messages/{id}` shows masked (`••••••`) keep their stored value where the edit
                    leaves the marker; a marker anywhere else is refused (400), as is a body that is no longer
                    well-formed JSON when the message was JSON, and an edit that changes nothing. A message
                    that is not parked, or that a replay job still is to send, answers 409, and so does an
                    edit made from an older version. A replay of edited messages waits for a second person
                    when approvals are on.""",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            schema = @Schema(implementation = NewVersion.class))))
    @ApiResponse(
            responseCode = "201",
            description = "The new version.",
            headers = @Header(name = "Location", description = "`/api/messages/{id}/versions`."),
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = VersionDocuments.Version.class)))
    @PostMapping("/api/messages/{id}/versions")
    ResponseEntity<VersionDocuments.Version> edit(
            @Parameter(description = "The parked message's id.") @PathVariable long id,
            @Parameter(hidden = true) @RequestBody JsonNode body) {
        var input = StrictJson.read(body, NewVersion.class);
        if (input.basedOn() == null || input.basedOn() < 0) {
            throw new BadInput("basedOn", "is required: the version the edit was made from (0: as parked)");
        }
        if (input.body() == null) {
            throw new BadInput("body", "is required: the whole new body");
        }
        var attributes = input.attributes() == null ? edits.editor(id).attributes() : attributes(input);
        var version = edits.save(id, new MessageEdits.Edit(input.basedOn(), input.body(), attributes, input.reason()));
        return ResponseEntity.created(URI.create("/api/messages/" + id + "/versions"))
                .body(VersionDocuments.Version.of(version));
    }

    @Operation(
            operationId = "bulkEditMessages",
            summary = "Find and replace in the bodies a filter selects: new versions, one audit event. The edit role.",
            description = """
                    Works on the bodies as shown (masked), so a masked value can be neither found nor changed;
                    each body that holds the text gets a new version. With `dryRun` nothing is saved and the
                    answer shows the first five changes. Messages that are not parked, that a replay job is to
                    send, or whose JSON the replacement would break are refused and counted. At most
                    `dlq-console.edit.bulk-max` messages (10,000) may match.""",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            schema = @Schema(implementation = BulkEditInput.class))))
    @PostMapping("/api/messages/bulk-edit")
    VersionDocuments.BulkOutcome bulkEdit(@Parameter(hidden = true) @RequestBody JsonNode body) {
        var input = StrictJson.read(body, BulkEditInput.class);
        if (input.filter() == null) {
            throw new BadInput("filter", "is required: which messages to edit");
        }
        if (input.find() == null || input.replace() == null) {
            throw new BadInput(input.find() == null ? "find" : "replace", "is required");
        }
        var bulk = new MessageEdits.BulkEdit(
                input.filter().toFilter("filter."),
                input.find(),
                input.replace(),
                input.reason() == null ? "" : input.reason());
        var dryRun = Boolean.TRUE.equals(input.dryRun());
        return VersionDocuments.BulkOutcome.of(dryRun ? edits.previewBulk(bulk) : edits.applyBulk(bulk), dryRun);
    }

    /** The attributes in the form the editor reads: name to type and value (or base64). */
    private static String attributes(NewVersion input) {
        var out = json.createObjectNode();
        input.attributes().forEach((name, attribute) -> {
            if (attribute == null) {
                throw new BadInput("attributes." + name, "must be an object with a type and a value");
            }
            var node = out.putObject(name);
            if (attribute.type() != null) {
                node.put("type", attribute.type());
            }
            if (attribute.value() != null) {
                node.put("value", attribute.value());
            }
            if (attribute.base64() != null) {
                node.put("base64", attribute.base64());
            }
        });
        return json.writeValueAsString(out);
    }
}
