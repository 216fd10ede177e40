package dev.dlqconsole.api;

import dev.dlqconsole.parking.ParkingService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
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
}
