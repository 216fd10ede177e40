package dev.dlqconsole.incident.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.QueryParameters;
import dev.dlqconsole.base.ui.Formats;
import dev.dlqconsole.incident.Incident;
import dev.dlqconsole.incident.IncidentStep;
import dev.dlqconsole.parking.DlqParkingCount;
import dev.dlqconsole.parking.MessageFilter;
import dev.dlqconsole.parking.ParkedStatus;
import dev.dlqconsole.parking.ui.MessageFilters;
import dev.dlqconsole.runbook.Runbook;
import dev.dlqconsole.runbook.ui.RunbookHtml;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The runbook's steps as a checklist: the current one ({@link IncidentStep#current}) highlighted with
 * the runbook's text open and its console actions at hand, each open step done or skipped with a note.
 */
class IncidentChecklist extends Div {

    /** Marks a step done or skipped; the view records it and shows the incident again. */
    interface Completion {
        void complete(int step, IncidentStep.State state, String note);
    }

    private final boolean operator;
    private final Completion completion;
    private final Runnable workOnIncident;
    private final Supplier<List<DlqParkingCount>> parkedByDlq;

    /**
     * @param workOnIncident makes the operator work on this incident before a replay from one of its
     *     steps, so that the replay is recorded here
     * @param parkedByDlq what "every parked message" is, for an incident without a scope
     */
    IncidentChecklist(
            boolean operator,
            Completion completion,
            Runnable workOnIncident,
            Supplier<List<DlqParkingCount>> parkedByDlq) {
        this.operator = operator;
        this.completion = completion;
        this.workOnIncident = workOnIncident;
        this.parkedByDlq = parkedByDlq;
        setId("incident-steps");
        addClassName("incident-steps");
    }

    void show(Incident incident, List<IncidentStep> steps, Optional<Runbook> runbook) {
        removeAll();
        var current = IncidentStep.current(steps).orElse(-1);
        for (var step : steps) {
            add(row(incident, step, step.number() == current, runbook));
        }
    }

    private Div row(Incident incident, IncidentStep step, boolean current, Optional<Runbook> runbook) {
        var row = new Div();
        row.setId("incident-step-" + step.number());
        row.addClassNames("incident-step", "step-" + step.state().name().toLowerCase());
        if (current) {
            row.addClassName("step-current");
        }
        var name = new Span(step.number() + ". " + step.title());
        name.addClassName("step-title");
        var state = new Span(current ? "Current step" : label(step.state()));
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
            row.add(actions(incident, step, current));
        }
        runbook.flatMap(r -> r.step(step.number())).ifPresent(s -> {
            var text = new Details("What the runbook says", new RunbookHtml(s.html()));
            text.setOpened(current);
            row.add(text);
        });
        return row;
    }

    private Component actions(Incident incident, IncidentStep step, boolean current) {
        var note = new TextField();
        note.setPlaceholder("Note (what you found, why you skip)");
        note.setId("step-" + step.number() + "-note");
        note.setWidth("22rem");
        var done = new ActionButton(
                "Done",
                "step-" + step.number() + "-done",
                ButtonVariant.LUMO_SUCCESS,
                () -> completion.complete(step.number(), IncidentStep.State.DONE, note.getValue()));
        var skip = new ActionButton(
                "Skip",
                "step-" + step.number() + "-skip",
                ButtonVariant.LUMO_TERTIARY,
                () -> completion.complete(step.number(), IncidentStep.State.SKIPPED, note.getValue()));
        var box = new HorizontalLayout(note, done, skip);
        box.setAlignItems(Alignment.BASELINE);
        box.addClassName("step-actions");
        if (current) {
            box.add(messagesInScope(incident, step), replayInScope(incident, step));
        }
        return box;
    }

    private ActionButton messagesInScope(Incident incident, IncidentStep step) {
        return new ActionButton(
                "Messages in scope",
                "step-" + step.number() + "-messages",
                ButtonVariant.LUMO_TERTIARY,
                () -> getUI().ifPresent(ui -> ui.navigate("messages", MessageFilters.toQuery(scope(incident)))));
    }

    private ActionButton replayInScope(Incident incident, IncidentStep step) {
        return new ActionButton(
                "Replay messages in scope…", "step-" + step.number() + "-replay", ButtonVariant.LUMO_PRIMARY, () -> {
                    if (incident.scopeDlq() == null && incident.scopeFingerprint() == null) {
                        // No scope is not "everything": nothing is selected until the operator chooses.
                        new NoScopeDialog(parkedByDlq.get(), () -> {
                                    workOnIncident.run();
                                    getUI().ifPresent(ui ->
                                            ui.navigate("messages", MessageFilters.toQuery(scope(incident))));
                                })
                                .open();
                        return;
                    }
                    var query = new HashMap<String, List<String>>(
                            MessageFilters.toQuery(scope(incident)).getParameters());
                    var label = incident.key() + " step " + step.number() + ": " + step.title();
                    query.put("step", List.of(label.length() <= 300 ? label : label.substring(0, 299) + "…"));
                    // Replaying for this incident's step means working on it: the replay is then
                    // recorded here, not under another incident the operator had open.
                    workOnIncident.run();
                    getUI().ifPresent(ui -> ui.navigate("replay/new", new QueryParameters(query)));
                });
    }

    /** The parked messages the incident is about. */
    private static MessageFilter scope(Incident incident) {
        return new MessageFilter(
                incident.scopeDlq(), null, ParkedStatus.PARKED, incident.scopeFingerprint(), null, null, null, null);
    }

    private static String label(IncidentStep.State state) {
        return switch (state) {
            case OPEN -> "Open";
            case DONE -> "Done";
            case SKIPPED -> "Skipped";
        };
    }
}
