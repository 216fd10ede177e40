package dev.dlqconsole.runbook.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import dev.dlqconsole.runbook.Runbook;
import dev.dlqconsole.runbook.RunbookLibrary;
import org.jspecify.annotations.Nullable;

/**
 * "Runbooks for this failure": links to the runbooks that apply to a DLQ and failure reason, most specific
 * first, or one quiet line when none does. For a page about one failure, such as a parked message.
 */
public class ApplicableRunbooks extends Div {

    public ApplicableRunbooks(RunbookLibrary library, String dlqName, @Nullable String reason) {
        addClassName("applicable-runbooks");
        var label = new Span("Runbooks for this failure");
        label.addClassName("applicable-label");
        add(label);
        var runbooks = library.applicableTo(dlqName, reason);
        if (runbooks.isEmpty()) {
            var none = new Span("No runbook applies");
            none.addClassName("applicable-none");
            add(none);
            return;
        }
        runbooks.forEach(runbook -> add(entry(runbook)));
    }

    private static Div entry(Runbook runbook) {
        var entry = new Div(new SeverityBadge(runbook.severity()), link(runbook));
        entry.addClassName("applicable-entry");
        return entry;
    }

    static RouterLink link(Runbook runbook) {
        var link = new RouterLink(runbook.title(), RunbookView.class, new RouteParameters("runbookId", runbook.id()));
        link.addClassName("runbook-link");
        link.getElement().setAttribute("data-runbook", runbook.id());
        return link;
    }
}
