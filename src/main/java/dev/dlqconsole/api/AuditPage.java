package dev.dlqconsole.api;

import dev.dlqconsole.audit.AuditEvent;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A page of audit events, newest first; {@code nextOffset} is the {@code offset} of the next page,
 * null on the last. Each event carries its chain hashes, so a copy can be verified elsewhere.
 */
record AuditPage(
        List<Event> events,

        @Schema(description = "The `offset` of the next page; null on the last page.") @Nullable
        Integer nextOffset) {

    @Schema(name = "AuditEvent")
    record Event(
            long id,
            Instant at,

            @Schema(description = "The user or service account, or `system`.")
            String actor,

            String action,
            @Nullable String targets,
            @Nullable String reason,
            @Nullable Long incidentId,
            @Nullable Integer step,

            @Schema(allowableValues = {"ok", "denied", "failed"})
            String outcome,

            @Nullable String detail,

            @Schema(description = "The previous event's hash; the chain can be verified from a copy.")
            String prevHash,

            String hash) {

        static Event of(AuditEvent e) {
            return new Event(
                    e.id(),
                    e.at(),
                    e.actor(),
                    e.action(),
                    e.targets(),
                    e.reason(),
                    e.incidentId(),
                    e.step(),
                    e.outcome().name().toLowerCase(Locale.ROOT),
                    e.detail(),
                    e.prevHash(),
                    e.hash());
        }
    }

    /** {@code events} holds up to {@code limit + 1}: one more than the page tells there is a next. */
    static AuditPage of(List<AuditEvent> events, int offset, int limit) {
        var page = events.stream().limit(limit).map(Event::of).toList();
        return new AuditPage(page, events.size() > limit ? offset + limit : null);
    }
}
