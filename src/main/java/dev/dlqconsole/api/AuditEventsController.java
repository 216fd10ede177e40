package dev.dlqconsole.api;

import dev.dlqconsole.audit.AuditLog;
import dev.dlqconsole.audit.AuditQuery;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail, filtered as in the Audit view (operators and admins, as there). */
@RestController
class AuditEventsController {

    /** Deep offsets cost the database a scan each; narrow the time range instead. */
    static final int MAX_OFFSET = 100_000;

    private final AuditLog audit;

    AuditEventsController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/api/audit-events")
    AuditPage events(@RequestParam MultiValueMap<String, String> parameters) {
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
