package dev.dlqconsole.incident.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.dlqconsole.base.ui.Formats;
import dev.dlqconsole.incident.Incident;
import dev.dlqconsole.incident.IncidentService;
import dev.dlqconsole.security.Roles;
import jakarta.annotation.security.PermitAll;

/** Open incidents first, then the closed ones; operators start a new one from a runbook. */
@Route("incidents")
@PageTitle("Incidents · DLQ Console")
@Menu(order = 40, icon = "vaadin:exclamation-circle-o", title = "Incidents")
@PermitAll
public class IncidentsView extends VerticalLayout {

    IncidentsView(IncidentService incidents, AuthenticationContext authentication) {
        setId("incidents-view");
        setSizeFull();
        addClassName("page");
        var header = new HorizontalLayout(new H2("Incidents"));
        header.setWidthFull();
        header.setAlignItems(Alignment.BASELINE);
        if (authentication.hasAnyRole(Roles.OPERATOR, Roles.ADMIN)) {
            var start = new Button(
                    "Start an incident",
                    new Icon(VaadinIcon.PLUS),
                    click -> getUI().ifPresent(ui -> ui.navigate(NewIncidentView.class)));
            start.setId("new-incident");
            start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            header.add(start);
        }
        var grid = new Grid<Incident>();
        grid.setId("incidents-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setSizeFull();
        grid.addColumn(Incident::key).setHeader("Incident").setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(i -> {
                    var badge = new Span(i.open() ? "Open" : "Closed");
                    badge.addClassNames("status-badge", i.open() ? "incident-open" : "incident-closed");
                    return badge;
                })
                .setHeader("Status")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(Incident::title).setHeader("Title").setFlexGrow(2);
        grid.addColumn(Incident::runbookTitle).setHeader("Runbook").setFlexGrow(2);
        grid.addColumn(i -> i.scopeDlq() == null ? "" : i.scopeDlq())
                .setHeader("DLQ")
                .setAutoWidth(true);
        grid.addColumn(i -> i.openedBy() + ", " + Formats.shortTime(i.openedAt()))
                .setHeader("Opened")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addItemClickListener(click -> getUI().ifPresent(ui -> ui.navigate(
                IncidentView.class,
                new RouteParameters("incidentId", Long.toString(click.getItem().id())))));
        grid.setEmptyStateText("No incidents yet. Start one from a runbook when something goes wrong.");
        grid.setItems(incidents.recent(200));
        add(header, grid);
    }
}
