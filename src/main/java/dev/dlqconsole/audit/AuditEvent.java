package dev.dlqconsole.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One recorded action: who, when, what, on what, why, under which incident step, and how it ended. */
public record AuditEvent(
        long id,
        Instant at,
        String actor,
        String action,
        @Nullable String targets,
        @Nullable String reason,
        @Nullable Long incidentId,
        @Nullable Integer step,
        Outcome outcome,
        @Nullable String detail,
        String prevHash,
        String hash) {

    public enum Outcome {
        OK,
        DENIED,
        FAILED
    }
}
