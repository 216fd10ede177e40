package dev.dlqconsole.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What the Audit view filters by; every field is optional. {@code target} is searched for in the
 * targets (a message id, a job id, a DLQ name).
 */
public record AuditQuery(
        @Nullable String actor,
        @Nullable String action,
        @Nullable Instant from,
        @Nullable Instant to,
        @Nullable Long incidentId,
        @Nullable String target) {

    public static final AuditQuery ALL = new AuditQuery(null, null, null, null, null, null);

    public AuditQuery {
        actor = blankToNull(actor);
        action = blankToNull(action);
        target = blankToNull(target);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
