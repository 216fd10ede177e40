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
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.dlqconsole.base.ui.Formats;
import dev.dlqconsole.base.ui.InflowChart;
import dev.dlqconsole.parking.FailureGroup;
import dev.dlqconsole.parking.FailureGroupService;
import dev.dlqconsole.parking.GroupStatus;
import dev.dlqconsole.parking.Inflow;
import dev.dlqconsole.parking.MessageFilter;
import dev.dlqconsole.parking.ParkedStatus;
import dev.dlqconsole.parking.ParkingService;
import dev.dlqconsole.runbook.RunbookLibrary;
import dev.dlqconsole.runbook.ui.TopRunbook;
import dev.dlqconsole.security.Roles;
import jakarta.annotation.security.PermitAll;
import java.time.Instant;
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
    private final Select<String> work = new Select<>();
    private final Select<String> owner = new Select<>();
    private final FailureGroupService groupWork;
    private final String user;
    private java.util.Map<String, Inflow> inflow = java.util.Map.of();
    private final Span summary = new Span();

    FailureGroupsView(
            ParkingService parking,
            FailureGroupService groupWork,
            RunbookLibrary runbooks,
            AuthenticationContext authentication) {
        this.parking = parking;
        this.groupWork = groupWork;
        this.user = authentication.getPrincipalName().orElse("");
        setId("groups-view");
        setSizeFull();
        addClassName("page");

        status.setId("groups-status");
        status.setLabel("Messages");
        status.setTooltipText("The status of the messages counted");
        status.setItems(ParkedStatus.values());
        status.setItemLabelGenerator(s -> s == null ? "Any" : s.label());
        status.setEmptySelectionAllowed(true);
        status.setEmptySelectionCaption("Any");
        status.setValue(ParkedStatus.PARKED);
        status.addValueChangeListener(e -> refresh());
        work.setId("groups-work");
        work.setLabel("Group");
        work.setItems(WORK_FILTERS);
        work.setItemLabelGenerator(FailureGroupsView::workLabel);
        work.setValue(OPEN);
        work.addValueChangeListener(e -> refresh());
        owner.setId("groups-owner");
        owner.setLabel("Owner");
        owner.setItemLabelGenerator(o -> o.equals(ANYONE) ? "Anyone" : o.equals(MINE) ? "Me" : o);
        owner.setItems(ANYONE, MINE);
        owner.setValue(ANYONE);
        owner.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                refresh();
            }
        });
        summary.addClassName("page-summary");
        summary.setId("groups-summary");
        var header = new HorizontalLayout(new H2("Failure groups"), summary, work, owner, status);
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
                .setWidth("13rem")
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
        grid.addComponentColumn(g -> new TopRunbook(runbooks, g.dlqs(), g.sampleReason(), GroupLinks.context(g)))
                .setHeader("Runbook")
                .setWidth("11rem")
                .setFlexGrow(1)
                .setKey("runbook");
        // Still arriving, or over? The group's last day in 5-minute buckets.
        grid.addComponentColumn(g -> {
                    var day = inflow.getOrDefault(g.fingerprint(), Inflow.none(Inflow.dayEndingAt(Instant.now())));
                    return InflowChart.sparkline(day.buckets(), day.from());
                })
                .setHeader("Inflow 24 h")
                .setWidth("8.5rem")
                .setFlexGrow(0)
                .setKey("inflow");
        // The group's page, where people set who works it and where it stands.
        grid.addComponentColumn(FailureGroupsView::work)
                .setHeader("Work")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setKey("work");
        grid.addColumn(g -> Formats.shortTime(g.lastSeen()))
                .setHeader("Last seen")
                .setTooltipGenerator(g -> "First seen " + Formats.shortTime(g.firstSeen()))
                .setAutoWidth(true)
                .setFlexGrow(0);
        if (authentication.hasAnyRole(Roles.OPERATOR, Roles.ADMIN)) {
            grid.addComponentColumn(group -> {
                        var replay = new Button(
                                "Replay…",
                                new Icon(VaadinIcon.PLAY),
                                click -> getUI().ifPresent(ui -> ui.navigate("replay/new", GroupLinks.replay(group))));
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
                                click -> getUI().ifPresent(ui ->
                                        ui.navigate("incidents/new", GroupLinks.incident(group, runbooks))));
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

    private static final String OPEN = "open";
    private static final String ANY = "any";
    private static final String ANYONE = "\u0000anyone";
    private static final String MINE = "\u0000mine";
    private static final List<String> WORK_FILTERS = java.util.stream.Stream.concat(
                    java.util.stream.Stream.of(OPEN, ANY),
                    java.util.Arrays.stream(GroupStatus.values()).map(GroupStatus::name))
            .toList();

    private static String workLabel(String filter) {
        return switch (filter) {
            case OPEN -> "Open (not replayed or ignored)";
            case ANY -> "Any";
            default -> GroupStatus.valueOf(filter).label();
        };
    }

    private static boolean matches(String filter, GroupStatus status) {
        return switch (filter) {
            case OPEN -> status.open();
            case ANY -> true;
            default -> status.name().equals(filter);
        };
    }

    /** Where the group stands and who owns it, linking to the group's page where both are set. */
    private static RouterLink work(FailureGroup group) {
        var link = new RouterLink(FailureGroupView.class, GroupLinks.page(group));
        link.add(new GroupStatusBadge(group.work().status()));
        if (group.work().owner() != null) {
            var who = new Span(group.work().owner());
            who.addClassName("group-owner");
            link.add(who);
        }
        link.addClassName("group-work-link");
        link.getElement().setAttribute("title", "Owner, status, ticket and notes");
        return link;
    }

    private void refresh() {
        groupWork.reopenJoined();
        inflow = parking.inflowByGroup();
        var all = parking.groups(status.getValue());
        var owners = new java.util.TreeSet<String>();
        all.forEach(g -> {
            if (g.work().owner() != null) {
                owners.add(g.work().owner());
            }
        });
        var chosen = owner.getValue();
        var choices = new java.util.ArrayList<>(List.of(ANYONE, MINE));
        choices.addAll(owners);
        owner.setItems(choices);
        owner.setValue(choices.contains(chosen) ? chosen : ANYONE);
        var wanted = owner.getValue();
        var groups = all.stream()
                .filter(g -> matches(work.getValue(), g.work().status()))
                .filter(g -> wanted.equals(ANYONE)
                        || (wanted.equals(MINE) ? user : wanted).equals(g.work().owner()))
                .toList();
        grid.setItems(groups);
        var hidden = all.size() - groups.size();
        summary.setText(String.format(
                        "%d groups · %,d messages",
                        groups.size(),
                        groups.stream().mapToLong(FailureGroup::count).sum())
                + (hidden == 0 ? "" : String.format(" · %d more not shown by the filters", hidden)));
    }
}
