package dev.dlqconsole.incident.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.dlqconsole.audit.AuditEvent;
import dev.dlqconsole.base.ui.Formats;
import dev.dlqconsole.base.ui.LiveUpdates;
import dev.dlqconsole.incident.Incident;
import dev.dlqconsole.incident.IncidentService;
import dev.dlqconsole.incident.IncidentStep;
import dev.dlqconsole.parking.MessageFilter;
import dev.dlqconsole.parking.ParkedStatus;
import dev.dlqconsole.parking.ui.MessageFilters;
import dev.dlqconsole.runbook.Runbook;
import dev.dlqconsole.runbook.RunbookLibrary;
import dev.dlqconsole.runbook.ui.RunbookHtml;
import dev.dlqconsole.security.Roles;
import jakarta.annotation.security.PermitAll;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An incident mid-flight: the runbook's steps as a checklist with the current one highlighted and its
 * console actions at hand, notes, and the timeline of everything done under each step.
 */
@Route("incidents/:incidentId([0-9]+)")
@PermitAll
public class IncidentView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private static final Pattern JOB = Pattern.compile("replay job (\\d+)");

    private final IncidentService incidents;
    private final RunbookLibrary runbooks;
    private final boolean operator;
    private final Div header = new Div();
    private final Div steps = new Div();
    private final Div timeline = new Div();
    private long incidentId;
    private int shownEvents = -1;

    IncidentView(IncidentService incidents, RunbookLibrary runbooks, AuthenticationContext authentication) {
        this.incidents = incidents;
        this.runbooks = runbooks;
        this.operator = authentication.hasAnyRole(Roles.OPERATOR, Roles.ADMIN);
        setId("incident-view");
        addClassName("page");
        setMaxWidth("80rem");
        steps.setId("incident-steps");
        steps.addClassName("incident-steps");
        timeline.setId("incident-timeline");
        timeline.addClassName("incident-timeline");
        LiveUpdates.whileAttached(this, 3_000, this::refreshTimeline);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        incidentId = event.getRouteParameters().getLong("incidentId").orElse(-1L);
        removeAll();
        try {
            incidents.incident(incidentId);
        } catch (NoSuchElementException e) {
            add(
                    new H2("Incident not found"),
                    new Span(e.getMessage()),
                    new RouterLink("Incidents", IncidentsView.class));
            return;
        }
        add(new RouterLink("← Incidents", IncidentsView.class), header, new H3("Checklist"), steps);
        if (operator) {
            add(noteForm());
        }
        add(new H3("Timeline"), timeline);
        refresh();
    }

    @Override
    public String getPageTitle() {
        return "INC-" + incidentId + " · DLQ Console";
    }

    private void refresh() {
        var incident = incidents.incident(incidentId);
        var runbook = runbooks.find(incident.runbookId());
        showHeader(incident);
        showSteps(incident, incidents.steps(incidentId), runbook);
        shownEvents = -1;
        refreshTimeline();
    }

    private void showHeader(Incident incident) {
        header.removeAll();
        header.addClassName("incident-header");
        var title = new H2(incident.key() + ": " + incident.title());
        var badge = new Span(incident.open() ? "Open" : "Closed");
        badge.setId("incident-status");
        badge.addClassNames("status-badge", incident.open() ? "incident-open" : "incident-closed");
        var titleRow = new HorizontalLayout(title, badge);
        titleRow.setAlignItems(Alignment.BASELINE);
        var runbook = new Anchor("runbooks/" + incident.runbookId(), incident.runbookTitle());
        var meta = new Div(
                new Span("Runbook: "),
                runbook,
                new Span(" · opened by " + incident.openedBy() + ", " + Formats.shortTime(incident.openedAt())));
        if (incident.scopeDlq() != null) {
            meta.add(new Span(" · DLQ " + incident.scopeDlq()));
        }
        if (incident.scopeFingerprint() != null) {
            meta.add(new Span(" · failure group " + incident.scopeFingerprint()));
        }
        meta.addClassName("incident-meta");
        header.add(titleRow, meta);
        if (!incident.open()) {
            var summary = new Div(new Span("Closed by " + incident.closedBy() + ", "
                    + Formats.shortTime(incident.closedAt()) + ": " + incident.summary()));
            summary.addClassName("incident-banner");
            header.add(summary);
        } else if (operator) {
            var mine = incidents.current().filter(id -> id == incidentId).isPresent();
            var banner = new Div();
            banner.setId("incident-working");
            banner.addClassNames("incident-banner", mine ? "incident-mine" : "incident-not-mine");
            if (mine) {
                banner.add(new Span("You are working on this incident: what you do in the console is recorded"
                        + " against it and its current step."));
                banner.add(button("Stop working on it", "incident-leave", ButtonVariant.LUMO_TERTIARY, () -> {
                    incidents.stopWorking();
                    refresh();
                }));
            } else {
                banner.add(new Span("Your actions are not recorded against this incident."));
                banner.add(button("Work on this incident", "incident-join", ButtonVariant.LUMO_PRIMARY, () -> {
                    incidents.workOn(incidentId);
                    refresh();
                }));
            }
            header.add(banner);
        }
        var actions = new HorizontalLayout();
        actions.add(button("Export Markdown", "incident-export", ButtonVariant.LUMO_TERTIARY, this::export));
        if (operator && incident.open()) {
            actions.add(button("Close incident…", "incident-close", ButtonVariant.LUMO_ERROR, this::closeDialog));
        }
        header.add(actions);
    }

    private void showSteps(Incident incident, List<IncidentStep> list, Optional<Runbook> runbook) {
        steps.removeAll();
        var current = IncidentStep.current(list).orElse(-1);
        for (var step : list) {
            var row = new Div();
            row.setId("incident-step-" + step.number());
            row.addClassNames("incident-step", "step-" + step.state().name().toLowerCase());
            if (step.number() == current) {
                row.addClassName("step-current");
            }
            var name = new Span(step.number() + ". " + step.title());
            name.addClassName("step-title");
            var state = new Span(step.number() == current ? "Current step" : label(step.state()));
            state.addClassNames("status-badge", "step-state");
            var top = new Div(state, name);
            top.addClassName("step-top");
            row.add(top);
            if (step.state() != IncidentStep.State.OPEN) {
                var who = new Span(label(step.state()) + " by " + step.by() + ", " + Formats.shortTime(step.at())
                        + (step.note() == null ? "" : ": " + step.note()));
                who.addClassName("step-who");
                row.add(who);
            }
            if (operator && incident.open() && step.state() == IncidentStep.State.OPEN) {
                row.add(stepActions(incident, step, step.number() == current));
            }
            runbook.flatMap(r -> r.step(step.number())).ifPresent(s -> {
                var text = new Details("What the runbook says", new RunbookHtml(s.html()));
                text.setOpened(step.number() == current);
                row.add(text);
            });
            steps.add(row);
        }
    }

    private Component stepActions(Incident incident, IncidentStep step, boolean current) {
        var note = new TextField();
        note.setPlaceholder("Note (what you found, why you skip)");
        note.setId("step-" + step.number() + "-note");
        note.setWidth("22rem");
        var done = button("Done", "step-" + step.number() + "-done", ButtonVariant.LUMO_SUCCESS, () -> {
            incidents.completeStep(incidentId, step.number(), IncidentStep.State.DONE, note.getValue());
            refresh();
        });
        var skip = button("Skip", "step-" + step.number() + "-skip", ButtonVariant.LUMO_TERTIARY, () -> {
            incidents.completeStep(incidentId, step.number(), IncidentStep.State.SKIPPED, note.getValue());
            refresh();
        });
        var box = new HorizontalLayout(note, done, skip);
        box.setAlignItems(Alignment.BASELINE);
        box.addClassName("step-actions");
        if (current) {
            var filter = new MessageFilter(
                    incident.scopeDlq(),
                    null,
                    ParkedStatus.PARKED,
                    incident.scopeFingerprint(),
                    null,
                    null,
                    null,
                    null);
            var messages = button(
                    "Messages in scope",
                    "step-" + step.number() + "-messages",
                    ButtonVariant.LUMO_TERTIARY,
                    () -> getUI().ifPresent(ui -> ui.navigate("messages", MessageFilters.toQuery(filter))));
            var replay = button(
                    "Replay messages in scope…",
                    "step-" + step.number() + "-replay",
                    ButtonVariant.LUMO_PRIMARY,
                    () -> {
                        var query = new HashMap<String, List<String>>(
                                MessageFilters.toQuery(filter).getParameters());
                        var label = incident.key() + " step " + step.number() + ": " + step.title();
                        query.put("step", List.of(label.length() <= 300 ? label : label.substring(0, 299) + "…"));
                        // Replaying for this incident's step means working on it: the replay is then
                        // recorded here, not under another incident the operator had open.
                        if (incidents.current().filter(id -> id == incidentId).isEmpty()) {
                            incidents.workOn(incidentId);
                        }
                        getUI().ifPresent(ui -> ui.navigate("replay/new", new QueryParameters(query)));
                    });
            box.add(messages, replay);
        }
        return box;
    }

    private Component noteForm() {
        var note = new TextArea("Add a note to the timeline");
        note.setId("incident-note");
        note.setWidthFull();
        note.setMaxHeight("8rem");
        var add = button("Add note", "incident-add-note", ButtonVariant.LUMO_PRIMARY, () -> {
            incidents.addNote(incidentId, note.getValue());
            note.clear();
            refresh();
        });
        var box = new VerticalLayout(note, add);
        box.setPadding(false);
        box.setSpacing(false);
        box.addClassName("incident-note-form");
        return box;
    }

    private void refreshTimeline() {
        if (incidentId <= 0) {
            return;
        }
        var events = incidents.timeline(incidentId);
        if (events.size() == shownEvents) {
            return;
        }
        shownEvents = events.size();
        var titles = new HashMap<Integer, String>();
        incidents.steps(incidentId).forEach(s -> titles.put(s.number(), s.title()));
        var byStep = new LinkedHashMap<@Nullable Integer, Div>();
        timeline.removeAll();
        for (var event : events) {
            var group = byStep.computeIfAbsent(event.step(), step -> {
                var box = new Div();
                box.addClassName("timeline-group");
                box.setId("timeline-step-" + (step == null ? "none" : step));
                var heading = new Span(
                        step == null
                                ? "Outside the runbook's steps"
                                : "Step " + step + ". " + titles.getOrDefault(step, ""));
                heading.addClassName("timeline-heading");
                box.add(heading);
                timeline.add(box);
                return box;
            });
            group.add(entry(event));
        }
        if (events.isEmpty()) {
            timeline.add(new Span("Nothing recorded yet."));
        }
    }

    private Component entry(AuditEvent event) {
        var line = new Div();
        line.addClassName("timeline-entry");
        var when = new Span(Formats.time(event.at()));
        when.addClassName("timeline-time");
        var who = new Span(event.actor());
        who.addClassName("timeline-actor");
        var what = new Span(describe(event.action()));
        what.addClassName("timeline-action");
        line.add(when, who, what);
        if (event.targets() != null) {
            var matcher = JOB.matcher(event.targets());
            if (matcher.find()) {
                var link = new Anchor("replays/" + matcher.group(1), event.targets());
                link.addClassName("timeline-target");
                line.add(link);
            } else {
                var target = new Span(event.targets());
                target.addClassName("timeline-target");
                line.add(target);
            }
        }
        if (event.reason() != null) {
            var reason = new Span("“" + event.reason() + "”");
            reason.addClassName("timeline-reason");
            line.add(reason);
        }
        if (event.outcome() != AuditEvent.Outcome.OK) {
            var outcome = new Span(event.outcome().name().toLowerCase());
            outcome.addClassNames(
                    "status-badge", "outcome-" + event.outcome().name().toLowerCase());
            line.add(outcome);
        }
        return line;
    }

    private void export() {
        var markdown = incidents.markdown(incidentId);
        var dialog = new Dialog();
        dialog.setHeaderTitle("INC-" + incidentId + " as Markdown");
        var text = new TextArea();
        text.setId("incident-markdown");
        text.setValue(markdown);
        text.setReadOnly(true);
        text.setWidth("60rem");
        text.setHeight("28rem");
        var download = new Anchor(
                DownloadHandler.fromInputStream(ignored -> new com.vaadin.flow.server.streams.DownloadResponse(
                        new java.io.ByteArrayInputStream(markdown.getBytes(StandardCharsets.UTF_8)),
                        "INC-" + incidentId + ".md",
                        "text/markdown",
                        markdown.getBytes(StandardCharsets.UTF_8).length)),
                "Download INC-" + incidentId + ".md");
        download.setId("incident-download");
        dialog.add(text);
        dialog.getFooter().add(download, new Button("Close", click -> dialog.close()));
        dialog.open();
    }

    private void closeDialog() {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Close INC-" + incidentId);
        var summary = new TextArea("Summary for the postmortem");
        summary.setId("incident-summary");
        summary.setWidth("36rem");
        summary.setRequired(true);
        var close = button("Close incident", "incident-close-confirm", ButtonVariant.LUMO_ERROR, () -> {
            incidents.close(incidentId, summary.getValue());
            dialog.close();
            refresh();
        });
        dialog.add(summary);
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), close);
        dialog.open();
    }

    private Button button(String label, String id, ButtonVariant variant, Runnable action) {
        var button = new Button(label, click -> {
            try {
                action.run();
            } catch (IllegalArgumentException | IllegalStateException e) {
                Notification.show(e.getMessage(), 6_000, Notification.Position.BOTTOM_START)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        });
        button.setId(id);
        button.addThemeVariants(variant);
        return button;
    }

    private static String label(IncidentStep.State state) {
        return switch (state) {
            case OPEN -> "Open";
            case DONE -> "Done";
            case SKIPPED -> "Skipped";
        };
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
