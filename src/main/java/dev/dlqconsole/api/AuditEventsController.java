package dev.dlqconsole.api;

import dev.dlqconsole.audit.AuditLog;
import dev.dlqconsole.audit.AuditQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail, filtered as in the Audit view (operators and admins, as there). */
@RestController
@Tag(name = "Audit", description = "The append-only, hash-chained record of who did what.")
class AuditEventsController {

    /** Deep offsets cost the database a scan each; narrow the time range instead. */
    static final int MAX_OFFSET = 100_000;

    private final AuditLog audit;

    AuditEventsController(AuditLog audit) {
        this.audit = audit;
    }

    @Operation(
            operationId = "listAuditEvents",
            summary = "The audit trail, newest first, filtered as in the Audit view. OPERATOR.",
            parameters = {
                @Parameter(
                        in = ParameterIn.QUERY,
                        name = "actor",
                        description = "Only events by this user or service account (exact name).",
                        schema = @Schema(type = "string")),
                @Parameter(
                        in = ParameterIn.QUERY,
                        name = "action",
                        description = "Only this action, e.g. `replay.create`, `replay.cancel`, `login`, `denied`.",
                        schema = @Schema(type = "string")),
                @Parameter(
                        in = ParameterIn.QUERY,
                        name = "from",
                        description = "Only events at or after this time.",
                        schema = @Schema(type = "string", format = "date-time")),
                @Parameter(
                        in = ParameterIn.QUERY,
                        name = "to",
                        description = "Only events before this time.",
                        schema = @Schema(type = "string", format = "date-time")),
                @Parameter(
                        in = ParameterIn.QUERY,
                        name = "incident",
                        description = "Only events recorded under this incident (its id).",
                        schema = @Schema(type = "integer", format = "int64")),
                @Parameter(
                        in = ParameterIn.QUERY,
                        name = "target",
                        description = "Only events whose targets contain this text (a message id, `replay job 7`,"
                                + " a DLQ name), ignoring case.",
                        schema = @Schema(type = "string")),
                @Parameter(
                        in = ParameterIn.QUERY,
                        name = "offset",
                        description = "Events to skip (the previous page's `nextOffset`). Events recorded meanwhile"
                                + " shift the pages; narrow `to` for a stable listing.",
                        schema =
                                @Schema(
                                        type = "integer",
                                        minimum = "0",
                                        maximum = "" + MAX_OFFSET,
                                        defaultValue = "0")),
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
    @GetMapping("/api/audit-events")
    AuditPage events(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters) {
        var query = new QueryParameters(parameters);
        var from = FilterInput.instant("from", query.text("from"));
        var to = FilterInput.instant("to", query.text("to"));
        if (from != null && to != null && from.isAfter(to)) {
            throw new BadInput("from", "is after 'to': the time range starts after it ends");
        }
        var auditQuery = new AuditQuery(
                query.text("actor"), query.text("action"), from, to, query.whole("incident"), query.text("target"));
        var offset = query.whole("offset");
        if (offset != null && (offset < 0 || offset > MAX_OFFSET)) {
            throw new BadInput("offset", "must be between 0 and " + MAX_OFFSET + ", not " + offset);
        }
        var limit = query.limit();
        query.refuseUnknown();
        var start = offset == null ? 0 : offset.intValue();
        return AuditPage.of(audit.search(auditQuery, start, limit + 1), start, limit);
    }
}
