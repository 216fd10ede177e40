package dev.dlqconsole.incident.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import dev.dlqconsole.incident.IncidentService;
import dev.dlqconsole.parking.FailureGroup;
import dev.dlqconsole.parking.ParkedStatus;
import dev.dlqconsole.parking.ParkingService;
import dev.dlqconsole.runbook.Runbook;
import dev.dlqconsole.runbook.RunbookLibrary;
import dev.dlqconsole.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;

/**
 * Starts an incident: a title, the runbook to follow (pre-selected from the link's {@code runbook}
 * parameter), and optionally the DLQ and failure group it is about.
 */
@Route("incidents/new")
@PageTitle("Start an incident · DLQ Console")
@RolesAllowed(Roles.OPERATOR)
public class NewIncidentView extends VerticalLayout implements BeforeEnterObserver {

    private final ComboBox<Runbook> runbook = new ComboBox<>("Runbook");
    private final TextField title = new TextField("Title");
    private final ComboBox<String> dlq = new ComboBox<>("DLQ (optional)");
    private final ComboBox<FailureGroup> group = new ComboBox<>("Failure group (optional)");

    NewIncidentView(IncidentService incidents, RunbookLibrary runbooks, ParkingService parking) {
        setId("new-incident-view");
        addClassName("page");
        setMaxWidth("48rem");
        runbook.setId("incident-runbook");
        runbook.setItems(runbooks.all());
        runbook.setItemLabelGenerator(r -> r.severity().label() + " · " + r.title());
        runbook.setWidthFull();
        runbook.setRequired(true);
        title.setId("incident-title");
        title.setWidthFull();
        title.setRequired(true);
        title.setPlaceholder("e.g. Orders stuck after the inventory-service outage");
        dlq.setId("incident-dlq");
        dlq.setItems(parking.filterOptions().dlqs());
        dlq.setWidthFull();
        dlq.setAllowCustomValue(true);
        dlq.addCustomValueSetListener(e -> dlq.setValue(e.getDetail()));
        // Chosen by its failure, as people know it, never by a pasted id.
        group.setId("incident-fingerprint");
        group.setWidthFull();
        group.setItems(parking.groups(ParkedStatus.PARKED));
        group.setItemLabelGenerator(
                g -> String.format("%s (%,d in %s)", g.template(), g.count(), String.join(", ", g.dlqs())));
        group.setPlaceholder("Any failure");
        var start = new Button("Start incident", click -> {
            if (runbook.getValue() == null) {
                runbook.setInvalid(true);
                runbook.setErrorMessage("Choose the runbook you will follow");
                return;
            }
            try {
                var incident = incidents.start(
                        runbook.getValue().id(),
                        title.getValue(),
                        dlq.getValue(),
                        group.getValue() == null ? null : group.getValue().fingerprint());
                getUI().ifPresent(ui -> ui.navigate(
                        IncidentView.class, new RouteParameters("incidentId", Long.toString(incident.id()))));
            } catch (IllegalArgumentException | IllegalStateException e) {
                Notification.show(e.getMessage(), 6_000, Notification.Position.BOTTOM_START)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        });
        start.setId("incident-start");
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(
                new H2("Start an incident"),
                new Paragraph("The runbook's steps become the incident's checklist. While you work on the"
                        + " incident, everything you do in the console (park, replay, discard) is recorded"
                        + " against it and its current step."),
                runbook,
                title,
                dlq,
                group,
                start);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var params = event.getLocation().getQueryParameters().getParameters();
        var id = params.getOrDefault("runbook", List.of()).stream().findFirst();
        id.flatMap(value -> runbook.getListDataView()
                        .getItems()
                        .filter(r -> r.id().equals(value))
                        .findFirst())
                .ifPresent(r -> {
                    runbook.setValue(r);
                    if (title.isEmpty()) {
                        title.setValue(r.title());
                    }
                });
        params.getOrDefault("dlq", List.of()).stream().findFirst().ifPresent(dlq::setValue);
        params.getOrDefault("fingerprint", List.of()).stream()
                .findFirst()
                .flatMap(value -> group.getListDataView()
                        .getItems()
                        .filter(g -> g.fingerprint().equals(value))
                        .findFirst())
                .ifPresent(g -> {
                    group.setValue(g);
                    if (dlq.isEmpty() && g.dlqs().size() == 1) {
                        dlq.setValue(g.dlqs().getFirst());
                    }
                });
    }
}
