package dev.dlqconsole.incident.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import dev.dlqconsole.audit.AuditEvent;
import dev.dlqconsole.base.ui.Formats;
import java.util.regex.Pattern;

/** One line of the timeline: when, who, what, on what (a replay job as a link), why and, if not OK, how it ended. */
class TimelineEntry extends Div {

    private static final Pattern JOB = Pattern.compile("replay job (\\d+)");

    TimelineEntry(AuditEvent event) {
        addClassName("timeline-entry");
        var when = new Span(Formats.time(event.at()));
        when.addClassName("timeline-time");
        var who = new Span(event.actor());
        who.addClassName("timeline-actor");
        var what = new Span(describe(event.action()));
        what.addClassName("timeline-action");
        add(when, who, what);
        if (event.targets() != null) {
            var matcher = JOB.matcher(event.targets());
            if (matcher.find()) {
                var link = new Anchor("replays/" + matcher.group(1), event.targets());
                link.addClassName("timeline-target");
                add(link);
            } else {
                var target = new Span(event.targets());
                target.addClassName("timeline-target");
                add(target);
            }
        }
        if (event.reason() != null) {
            var reason = new Span("“" + event.reason() + "”");
            reason.addClassName("timeline-reason");
            add(reason);
        }
        if (event.outcome() != AuditEvent.Outcome.OK) {
            var outcome = new Span(event.outcome().name().toLowerCase());
            outcome.addClassNames(
                    "status-badge", "outcome-" + event.outcome().name().toLowerCase());
            add(outcome);
        }
    }

    /** Audit actions as people say them. */
    static String describe(String action) {
        return switch (action) {
            case "incident.start" -> "started the incident";
            case "incident.join" -> "started working on the incident";
            case "incident.note" -> "noted";
            case "incident.close" -> "closed the incident";
            case "step.done" -> "marked the step done";
            case "step.skipped" -> "skipped the step";
            case "replay.create" -> "started a replay";
            case "replay.force" -> "forced a replay";
            case "replay.pause" -> "paused a replay";
            case "replay.resume" -> "resumed a replay";
            case "replay.cancel" -> "cancelled a replay";
            case "message.discard" -> "discarded";
            case "dlq.park-now" -> "parked now";
            case "denied" -> "was denied";
            default -> action;
        };
    }
}
