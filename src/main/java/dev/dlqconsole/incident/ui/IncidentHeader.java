package dev.dlqconsole.incident.ui;

import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import dev.dlqconsole.base.ui.Formats;
import dev.dlqconsole.incident.Incident;

/**
 * The incident's title, status and scope, whether the operator is working on it, and what can be
 * done with it as a whole: work on it or stop, export it, close it. The view carries out each action.
 */
class IncidentHeader extends Div {

    /** What the header's buttons ask the view to do. */
    record Actions(Runnable workOn, Runnable stopWorking, Runnable export, Runnable close) {}

    private final boolean operator;
    private final Actions actions;

    IncidentHeader(boolean operator, Actions actions) {
        this.operator = operator;
        this.actions = actions;
        addClassName("incident-header");
    }

    /** Shows the incident; {@code mine} says whether the operator is working on it (open incidents only). */
    void show(Incident incident, boolean mine) {
        removeAll();
        add(titleRow(incident), meta(incident));
        if (!incident.open()) {
            var summary = new Div(new Span("Closed by " + incident.closedBy() + ", "
                    + Formats.shortTime(incident.closedAt()) + ": " + incident.summary()));
            summary.addClassName("incident-banner");
            add(summary);
        } else if (operator) {
            add(workingBanner(mine));
        }
        var buttons = new HorizontalLayout();
        buttons.add(
                new ActionButton("Export Markdown", "incident-export", ButtonVariant.LUMO_TERTIARY, actions.export()));
        if (operator && incident.open()) {
            buttons.add(
                    new ActionButton("Close incident…", "incident-close", ButtonVariant.LUMO_ERROR, actions.close()));
        }
        add(buttons);
    }

    private static HorizontalLayout titleRow(Incident incident) {
        var title = new H2(incident.key() + ": " + incident.title());
        var badge = new Span(incident.open() ? "Open" : "Closed");
        badge.setId("incident-status");
        badge.addClassNames("status-badge", incident.open() ? "incident-open" : "incident-closed");
        var titleRow = new HorizontalLayout(title, badge);
        titleRow.setAlignItems(Alignment.BASELINE);
        return titleRow;
    }

    private static Div meta(Incident incident) {
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
        return meta;
    }

    private Div workingBanner(boolean mine) {
        var banner = new Div();
        banner.setId("incident-working");
        banner.addClassNames("incident-banner", mine ? "incident-mine" : "incident-not-mine");
        if (mine) {
            banner.add(new Span("You are working on this incident: what you do in the console is recorded"
                    + " against it and its current step."));
            banner.add(new ActionButton(
                    "Stop working on it", "incident-leave", ButtonVariant.LUMO_TERTIARY, actions.stopWorking()));
        } else {
            banner.add(new Span("Your actions are not recorded against this incident."));
            banner.add(new ActionButton(
                    "Work on this incident", "incident-join", ButtonVariant.LUMO_PRIMARY, actions.workOn()));
        }
        return banner;
    }
}
