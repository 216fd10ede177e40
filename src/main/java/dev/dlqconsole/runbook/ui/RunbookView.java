package dev.dlqconsole.runbook.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.dlqconsole.runbook.Runbook;
import dev.dlqconsole.runbook.RunbookLibrary;
import dev.dlqconsole.runbook.RunbookStep;
import dev.dlqconsole.security.Roles;
import jakarta.annotation.security.PermitAll;

/** One runbook to follow: what it is for, its summary, and its numbered steps; operators start an incident. */
@Route("runbooks/:runbookId")
@PermitAll
public class RunbookView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final RunbookLibrary library;
    private final boolean operator;
    private String title = "Runbook · DLQ Console";
    /** The failure group and DLQ the link came with, carried on to an incident started here. */
    private java.util.Map<String, java.util.List<String>> context = java.util.Map.of();

    RunbookView(RunbookLibrary library, AuthenticationContext authentication) {
        this.library = library;
        this.operator = authentication.hasAnyRole(Roles.OPERATOR, Roles.ADMIN);
        setId("runbook-view");
        addClassName("page");
        setWidthFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        var id = event.getRouteParameters().get("runbookId").orElse("");
        var params = event.getLocation().getQueryParameters().getParameters();
        var carried = new java.util.HashMap<String, java.util.List<String>>();
        for (var name : java.util.List.of("dlq", "fingerprint")) {
            if (params.containsKey(name)) {
                carried.put(name, params.get(name));
            }
        }
        context = carried;
        library.find(id).ifPresentOrElse(this::show, () -> {
            title = "Runbook not found · DLQ Console";
            add(
                    back(),
                    new H2("Runbook not found"),
                    new Span("No runbook has the id '" + id + "'. It may have been renamed, or its file"
                            + " did not load: the Runbooks page lists such problems."));
        });
    }

    @Override
    public String getPageTitle() {
        return title;
    }

    private void show(Runbook runbook) {
        title = runbook.title() + " · DLQ Console";
        var heading = new H2(runbook.title());
        heading.setId("runbook-title");
        var header = new HorizontalLayout(heading, new SeverityBadge(runbook.severity()));
        header.setAlignItems(Alignment.CENTER);
        header.setWidthFull();
        header.addClassName("runbook-header");
        if (operator) {
            var start = new Button("Start an incident from this runbook", new Icon(VaadinIcon.FLAG_O), click -> {
                // The incidents feature owns that route; a route string keeps runbook free of a dependency on it.
                var query = new java.util.HashMap<>(context);
                query.put("runbook", java.util.List.of(runbook.id()));
                getUI().ifPresent(ui -> ui.navigate("incidents/new", new QueryParameters(query)));
            });
            start.setId("start-incident");
            start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            start.addClassName("start-incident");
            header.add(start);
        }
        var summary = new RunbookHtml(runbook.summaryHtml());
        summary.setId("runbook-summary");
        summary.addClassName("runbook-summary");
        var about = new Div(new AppliesTo(runbook, Integer.MAX_VALUE), source(runbook));
        about.addClassName("runbook-about");
        var steps = new Div();
        steps.setId("runbook-steps");
        steps.addClassName("runbook-steps-list");
        runbook.steps().forEach(step -> steps.add(step(step)));
        // A summary can be empty (all of it was unsafe HTML, or the author wrote none): no blank gap then.
        summary.setVisible(!runbook.summaryHtml().isBlank());
        add(back(), header, about, summary, steps);
    }

    private static Component source(Runbook runbook) {
        var label = new Span("File");
        label.addClassName("applies-label");
        var file = new Span(runbook.source() + " · " + RunbooksView.steps(runbook));
        var line = new Div(label, file);
        line.addClassNames("applies-line", "runbook-source");
        return line;
    }

    private static Component step(RunbookStep step) {
        var number = new Span(Integer.toString(step.number()));
        number.addClassName("step-number");
        var title = new H3(step.title());
        var head = new Div(number, title);
        head.addClassName("step-head");
        var section = new Div(head, new RunbookHtml(step.html()));
        section.setId("step-" + step.number());
        section.addClassName("runbook-step");
        return section;
    }

    private static RouterLink back() {
        var back = new RouterLink("← Runbooks", RunbooksView.class);
        back.setId("back-to-runbooks");
        return back;
    }
}
