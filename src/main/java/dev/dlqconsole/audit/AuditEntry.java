package dev.dlqconsole.audit;

import dev.dlqconsole.audit.AuditEvent.Outcome;
import org.jspecify.annotations.Nullable;

/**
 * An event about to be recorded. Without an actor it is the current user's; without an incident it
 * goes to the incident the actor is working on, at its current step.
 */
public record AuditEntry(
        String action,
        @Nullable String targets,
        @Nullable String reason,
        Outcome outcome,
        @Nullable String detail,
        @Nullable String actor,
        @Nullable Long incidentId,
        @Nullable Integer step) {

    public static AuditEntry of(String action, @Nullable String targets, @Nullable String reason) {
        return new AuditEntry(action, targets, reason, Outcome.OK, null, null, null, null);
    }

    public AuditEntry withOutcome(Outcome newOutcome, @Nullable String newDetail) {
        return new AuditEntry(action, targets, reason, newOutcome, newDetail, actor, incidentId, step);
    }

    public AuditEntry withDetail(@Nullable String newDetail) {
        return new AuditEntry(action, targets, reason, outcome, newDetail, actor, incidentId, step);
    }

    public AuditEntry by(String newActor) {
        return new AuditEntry(action, targets, reason, outcome, detail, newActor, incidentId, step);
    }

    public AuditEntry under(long newIncidentId, @Nullable Integer newStep) {
        return new AuditEntry(action, targets, reason, outcome, detail, actor, newIncidentId, newStep);
    }
}
