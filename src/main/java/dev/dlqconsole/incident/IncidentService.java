package dev.dlqconsole.incident;

import dev.dlqconsole.audit.AuditEntry;
import dev.dlqconsole.audit.AuditEvent;
import dev.dlqconsole.audit.AuditLog;
import dev.dlqconsole.parking.FailureGroupsRenamed;
import dev.dlqconsole.runbook.RunbookLibrary;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Incidents as operators run them: start one from a runbook, work through its steps, add notes, close
 * it with a summary. Starting or opening an incident makes it the operator's current one, so their
 * other actions in the console are recorded against it.
 */
@Service
public class IncidentService {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(IncidentService.class);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final Pattern JOB = Pattern.compile("replay job (\\d+)");
    private static final Pattern MESSAGES = Pattern.compile("^messages ([\\d, ]+)");

    private final Incidents incidents;
    private final RunbookLibrary runbooks;
    private final AuditLog audit;
    private final Clock clock;

    /** An incident scoped to a failure group keeps following it when the group gets a new id. */
    @EventListener
    @Transactional
    void failureGroupsRenamed(FailureGroupsRenamed renamed) {
        var moved = incidents.renameScopeFingerprints(renamed.newByOld());
        if (moved > 0) {
            log.info("{} incidents follow their failure group to its new id", moved);
        }
    }

    IncidentService(Incidents incidents, RunbookLibrary runbooks, AuditLog audit, Clock clock) {
        this.incidents = incidents;
        this.runbooks = runbooks;
        this.audit = audit;
        this.clock = clock;
    }

    @PreAuthorize("hasRole('OPERATOR')")
    @Transactional
    public Incident start(
            String runbookId, String title, @Nullable String scopeDlq, @Nullable String scopeFingerprint) {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("An incident needs a title");
        }
        if (title.strip().length() > 300) {
            throw new IllegalArgumentException("Keep the title under 300 characters");
        }
        var runbook = runbooks.find(runbookId)
                .orElseThrow(() -> new IllegalArgumentException("No runbook has id " + runbookId));
        var user = user();
        var now = clock.instant();
        var dlq = checked(scopeDlq, 100, "The DLQ name");
        var fingerprint = checked(scopeFingerprint, 1_000, "The failure group");
        var id = incidents.insert(title.strip(), runbook.id(), runbook.title(), dlq, fingerprint, user, now);
        for (var step : runbook.steps()) {
            incidents.insertStep(id, step.number(), step.title(), user, now);
        }
        incidents.workOn(user, id);
        audit.record(AuditEntry.of("incident.start", "INC-" + id + (dlq == null ? "" : ", DLQ " + dlq), title.strip())
                .withDetail("runbook " + runbook.id())
                .under(
                        id,
                        runbook.steps().isEmpty()
                                ? null
                                : runbook.steps().getFirst().number()));
        return incident(id);
    }

    /** Makes this incident the current user's: their actions are recorded against it from now on. */
    @PreAuthorize("hasRole('OPERATOR')")
    @Transactional
    public void workOn(long incidentId) {
        var incident = incident(incidentId);
        if (!incident.open()) {
            throw new IllegalStateException(incident.key() + " is closed");
        }
        incidents.workOn(user(), incidentId);
        audit.record(AuditEntry.of("incident.join", incident.key(), null));
    }

    @PreAuthorize("hasRole('OPERATOR')")
    @Transactional
    public void stopWorking() {
        incidents.stopWorking(user());
    }

    @PreAuthorize("hasRole('OPERATOR')")
    @Transactional
    public void completeStep(long incidentId, int step, IncidentStep.State state, @Nullable String note) {
        if (state == IncidentStep.State.OPEN) {
            throw new IllegalArgumentException("A step is marked done or skipped");
        }
        var incident = openIncident(incidentId);
        var text = checked(note, 2_000, "The note");
        if (state == IncidentStep.State.SKIPPED && text == null) {
            throw new IllegalArgumentException("Say why the step is skipped");
        }
        if (incidents.completeStep(incidentId, step, state, text, user(), clock.instant()) == 0) {
            throw new IllegalStateException("Step " + step + " of " + incident.key() + " is not open");
        }
        audit.record(AuditEntry.of(
                        state == IncidentStep.State.DONE ? "step.done" : "step.skipped",
                        incident.key() + " step " + step,
                        text)
                .under(incidentId, step));
    }

    @PreAuthorize("hasRole('OPERATOR')")
    @Transactional
    public void addNote(long incidentId, String note) {
        var incident = openIncident(incidentId);
        var text = checked(note, 2_000, "The note");
        if (text == null) {
            throw new IllegalArgumentException("The note is empty");
        }
        audit.record(AuditEntry.of("incident.note", incident.key(), text).under(incidentId, currentStep(incidentId)));
    }

    @PreAuthorize("hasRole('OPERATOR')")
    @Transactional
    public void close(long incidentId, String summary) {
        var incident = openIncident(incidentId);
        var text = checked(summary, 4_000, "The summary");
        if (text == null) {
            throw new IllegalArgumentException("Closing an incident needs a summary for the postmortem");
        }
        incidents.close(incidentId, text, user(), clock.instant());
        audit.record(AuditEntry.of("incident.close", incident.key(), text).under(incidentId, null));
    }

    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public Incident incident(long incidentId) {
        return incidents
                .find(incidentId)
                .orElseThrow(() -> new NoSuchElementException("No incident has id " + incidentId));
    }

    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public List<Incident> recent(int limit) {
        return incidents.recent(Math.clamp(limit, 1, 500));
    }

    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public List<IncidentStep> steps(long incidentId) {
        return incidents.steps(incidentId);
    }

    /** The incident the current user works on, if it is still open. */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public Optional<Long> current() {
        return incidents.activeFor(user()).map(ref -> ref.incidentId());
    }

    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public List<AuditEvent> timeline(long incidentId) {
        return audit.timeline(incidentId);
    }

    /** The incident as Markdown for the postmortem: the checklist, then every event under its step. */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public String markdown(long incidentId) {
        var incident = incident(incidentId);
        var steps = steps(incidentId);
        var md = new StringBuilder();
        md.append("# ")
                .append(incident.key())
                .append(": ")
                .append(escape(incident.title()))
                .append("\n\n");
        md.append("- Runbook: ")
                .append(escape(incident.runbookTitle()))
                .append(" (`")
                .append(incident.runbookId())
                .append("`)\n");
        md.append("- Opened by ")
                .append(escape(incident.openedBy()))
                .append(" at ")
                .append(TIME.format(incident.openedAt()))
                .append('\n');
        if (incident.scopeDlq() != null) {
            md.append("- DLQ: ").append(escape(incident.scopeDlq())).append('\n');
        }
        if (incident.scopeFingerprint() != null) {
            md.append("- Failure group: ")
                    .append(escape(incident.scopeFingerprint()))
                    .append('\n');
        }
        md.append("- Status: ")
                .append(
                        incident.open()
                                ? "open"
                                : "closed by " + escape(String.valueOf(incident.closedBy())) + " at "
                                        + TIME.format(incident.closedAt()))
                .append("\n\n## Steps\n\n");
        for (var step : steps) {
            md.append(step.state() == IncidentStep.State.OPEN ? "- [ ] " : "- [x] ")
                    .append(step.number())
                    .append(". ")
                    .append(escape(step.title()));
            if (step.state() != IncidentStep.State.OPEN) {
                md.append(" — ")
                        .append(step.state() == IncidentStep.State.DONE ? "done" : "skipped")
                        .append(" by ")
                        .append(escape(String.valueOf(step.by())))
                        .append(" at ")
                        .append(TIME.format(step.at()));
                if (step.note() != null) {
                    md.append(": ").append(escape(step.note()));
                }
            }
            md.append('\n');
        }
        md.append("\n## Timeline\n");
        var byStep = new LinkedHashMap<@Nullable Integer, StringBuilder>();
        for (var event : timeline(incidentId)) {
            var line = byStep.computeIfAbsent(event.step(), s -> new StringBuilder());
            line.append("- ")
                    .append(TIME.format(event.at()))
                    .append(" **")
                    .append(escape(event.actor()))
                    .append("** ")
                    .append(event.action());
            if (event.outcome() != AuditEvent.Outcome.OK) {
                line.append(" (").append(event.outcome().name().toLowerCase()).append(')');
            }
            if (event.targets() != null) {
                line.append(": ").append(linked(event.targets()));
            }
            if (event.reason() != null) {
                line.append(" — “").append(escape(event.reason())).append('”');
            }
            if (event.detail() != null) {
                line.append(" (").append(escape(event.detail())).append(')');
            }
            line.append('\n');
        }
        byStep.forEach((step, lines) -> {
            var title = step == null
                    ? "Outside the runbook's steps"
                    : "Step " + step + ". "
                            + steps.stream()
                                    .filter(s -> s.number() == step)
                                    .map(IncidentStep::title)
                                    .findFirst()
                                    .orElse("");
            md.append("\n### ").append(escape(title)).append("\n\n").append(lines);
        });
        if (incident.summary() != null) {
            md.append("\n## Summary\n\n").append(escape(incident.summary())).append('\n');
        }
        return md.toString();
    }

    /** Replay jobs and messages named in a target become links to their pages. */
    private static String linked(String targets) {
        var text = escape(targets);
        text = JOB.matcher(text).replaceAll("[replay job $1](/replays/$1)");
        var messages = MESSAGES.matcher(text);
        if (messages.find()) {
            var ids = messages.group(1).split(",\\s*");
            var links = new StringBuilder("messages ");
            for (int i = 0; i < ids.length; i++) {
                if (!ids[i].isBlank()) {
                    links.append(i == 0 ? "" : ", ")
                            .append("[")
                            .append(ids[i].strip())
                            .append("](/message/")
                            .append(ids[i].strip())
                            .append(")");
                }
            }
            text = links + text.substring(messages.end());
        }
        return text;
    }

    /** Markdown's active characters made literal: a note cannot inject links or HTML into the export. */
    private static String escape(String text) {
        return text.replaceAll("([\\\\`*_\\[\\]()<>#|!~])", "\\\\$1").replaceAll("\\R", " ");
    }

    private @Nullable Integer currentStep(long incidentId) {
        var current = IncidentStep.current(steps(incidentId));
        return current.isPresent() ? current.getAsInt() : null;
    }

    private Incident openIncident(long incidentId) {
        var incident = incident(incidentId);
        if (!incident.open()) {
            throw new IllegalStateException(incident.key() + " is closed");
        }
        return incident;
    }

    private static String user() {
        return SecurityContextHolder.getContext().getAuthentication().getName();
    }

    /** The stripped text, or null when blank; too long for its column is a clear error, not a failed insert. */
    private static @Nullable String checked(@Nullable String value, int max, String what) {
        var text = blankToNull(value);
        if (text != null && text.length() > max) {
            throw new IllegalArgumentException(String.format("%s is limited to %,d characters", what, max));
        }
        return text;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
