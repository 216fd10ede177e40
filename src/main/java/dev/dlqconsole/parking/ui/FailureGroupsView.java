package dev.dlqconsole.parking.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.dlqconsole.base.ui.Formats;
import dev.dlqconsole.parking.FailureGroup;
import dev.dlqconsole.parking.MessageFilter;
import dev.dlqconsole.parking.ParkedStatus;
import dev.dlqconsole.parking.ParkingService;
import dev.dlqconsole.runbook.RunbookLibrary;
import dev.dlqconsole.runbook.ui.TopRunbook;
import dev.dlqconsole.security.Roles;
import jakarta.annotation.security.PermitAll;
import java.util.List;

/** Parked messages grouped by how they failed, biggest group first; a click opens the group's messages. */
@Route("groups")
@PageTitle("Failure groups · DLQ Console")
@Menu(order = 20, icon = "vaadin:cluster", title = "Failure groups")
@PermitAll
public class FailureGroupsView extends VerticalLayout {

    private final ParkingService parking;
    private final Grid<FailureGroup> grid = new Grid<>();
    private final Select<ParkedStatus> status = new Select<>();
    private final Span summary = new Span();

    FailureGroupsView(ParkingService parking, RunbookLibrary runbooks, AuthenticationContext authentication) {
        this.parking = parking;
        setId("groups-view");
        setSizeFull();
        addClassName("page");

        status.setId("groups-status");
        status.setLabel("Status");
        status.setItems(ParkedStatus.values());
        status.setItemLabelGenerator(s -> s == null ? "Any" : s.label());
        status.setEmptySelectionAllowed(true);
        status.setEmptySelectionCaption("Any");
        status.setValue(ParkedStatus.PARKED);
        status.addValueChangeListener(e -> refresh());
        summary.addClassName("page-summary");
        summary.setId("groups-summary");
        var header = new HorizontalLayout(new H2("Failure groups"), summary, status);
        header.setWidthFull();
        header.setAlignItems(Alignment.BASELINE);
        header.expand(summary);

        grid.setId("groups-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setSizeFull();
        grid.addColumn(FailureGroup::template)
                .setHeader("Failure")
                .setTooltipGenerator(g -> "Example: " + g.sampleReason())
                .setFlexGrow(5)
                // The failure is what operators read first: it keeps room beside the fixed columns.
                .setWidth("14rem")
                .setKey("failure");
        grid.addColumn(g -> String.format("%,d", g.count()))
                .setHeader("Messages")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(g -> String.join(", ", g.dlqs()))
                .setHeader("DLQs")
                .setTooltipGenerator(g -> String.join(", ", g.dlqs()))
                .setWidth("8rem")
                .setFlexGrow(1);
        // A link is focusable, so clicking it opens the runbook and not the group's messages.
        grid.addComponentColumn(g -> new TopRunbook(runbooks, g.dlqs(), g.sampleReason(), context(g)))
                .setHeader("Runbook")
                .setWidth("13rem")
                .setFlexGrow(1)
                .setKey("runbook");
        grid.addColumn(g -> Formats.shortTime(g.firstSeen()))
                .setHeader("First seen")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(g -> Formats.shortTime(g.lastSeen()))
                .setHeader("Last seen")
                .setAutoWidth(true)
                .setFlexGrow(0);
        if (authentication.hasAnyRole(Roles.OPERATOR, Roles.ADMIN)) {
            grid.addComponentColumn(group -> {
                        var replay = new Button(
                                "Replay…",
                                new Icon(VaadinIcon.PLAY),
                                click -> getUI().ifPresent(ui -> ui.navigate(
                                        "replay/new",
                                        MessageFilters.toQuery(MessageFilter.ALL
                                                .withFingerprint(group.fingerprint())
                                                .withStatus(ParkedStatus.PARKED)))));
                        replay.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                        replay.addClassName("replay-group");
                        replay.setTooltipText("Replay this group's parked messages");
                        // The row's own click opens the group's messages; this click is the button's alone.
                        replay.getElement()
                                .addEventListener("click", ignored -> {})
                                .addEventData("event.stopPropagation()");
                        var incident = new Button(
                                "Incident…",
                                new Icon(VaadinIcon.FLAG_O),
                                click -> getUI().ifPresent(ui -> {
                                    var query = new java.util.HashMap<>(
                                            context(group).getParameters());
                                    runbooks.applicableToAny(group.dlqs(), group.sampleReason()).stream()
                                            .findFirst()
                                            .ifPresent(r -> query.put("runbook", List.of(r.id())));
                                    ui.navigate("incidents/new", new QueryParameters(query));
                                }));
                        incident.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                        incident.addClassName("start-group-incident");
                        incident.setTooltipText("Start an incident about this group, with the runbook that applies");
                        incident.getElement()
                                .addEventListener("click", ignored -> {})
                                .addEventData("event.stopPropagation()");
                        return new Span(incident, replay);
                    })
                    .setAutoWidth(true)
                    .setFrozenToEnd(true)
                    .setFlexGrow(0);
        }
        grid.addItemClickListener(click -> getUI().ifPresent(ui -> ui.navigate(
                MessagesView.class,
                MessageFilters.toQuery(MessageFilter.ALL
                        .withFingerprint(click.getItem().fingerprint())
                        .withStatus(status.getValue())))));
        grid.setEmptyStateText("No failure groups: the parking lot holds no such messages.");
        add(header, grid);
        refresh();
    }

    /** What a link from a group carries: the group, and its DLQ when it has one. */
    private static QueryParameters context(FailureGroup group) {
        var query = new java.util.HashMap<String, List<String>>();
        query.put("fingerprint", List.of(group.fingerprint()));
        if (group.dlqs().size() == 1) {
            query.put("dlq", List.of(group.dlqs().getFirst()));
        }
        return new QueryParameters(query);
    }

    private void refresh() {
        var groups = parking.groups(status.getValue());
        grid.setItems(groups);
        summary.setText(String.format(
                "%d groups · %,d messages",
                groups.size(), groups.stream().mapToLong(FailureGroup::count).sum()));
    }
}
