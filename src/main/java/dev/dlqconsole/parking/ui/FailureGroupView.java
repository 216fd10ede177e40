package dev.dlqconsole.parking.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.dlqconsole.audit.AuditLog;
import dev.dlqconsole.audit.AuditQuery;
import dev.dlqconsole.base.ui.Formats;
import dev.dlqconsole.base.ui.InflowChart;
import dev.dlqconsole.parking.FailureGroup;
import dev.dlqconsole.parking.FailureGroupService;
import dev.dlqconsole.parking.Inflow;
import dev.dlqconsole.parking.MessageEditService;
import dev.dlqconsole.parking.MessageFilter;
import dev.dlqconsole.parking.ParkedStatus;
import dev.dlqconsole.parking.ParkingService;
import dev.dlqconsole.runbook.RunbookLibrary;
import dev.dlqconsole.runbook.ui.TopRunbook;
import dev.dlqconsole.security.Roles;
import jakarta.annotation.security.PermitAll;
import java.util.List;

/**
 * One failure group: what failed, where and since when, the runbook that applies, who works it and
 * where it stands, and what was done about it; its messages, an incident and a replay one click away.
 */
@Route("groups/:fingerprint([0-9a-zA-Z_-]{1,64})")
@PermitAll
public class FailureGroupView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final FailureGroupService groups;
    private final ParkingService parking;
    private final MessageEditService edits;
    private final RunbookLibrary runbooks;
    private final AuditLog audit;
    private final AuthenticationContext authentication;
    private final boolean operator;
    private String title = "Failure group";

    FailureGroupView(
            FailureGroupService groups,
            ParkingService parking,
            MessageEditService edits,
            RunbookLibrary runbooks,
            AuditLog audit,
            AuthenticationContext authentication) {
        this.edits = edits;
        this.groups = groups;
        this.parking = parking;
        this.runbooks = runbooks;
        this.audit = audit;
        this.authentication = authentication;
        this.operator = authentication.hasAnyRole(Roles.OPERATOR, Roles.ADMIN);
        setId("group-view");
        addClassName("page");
        setMaxWidth("80rem");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        var fingerprint = event.getRouteParameters().get("fingerprint").orElse("");
        groups.reopenJoined();
        var found = groups.group(fingerprint);
        var back = new RouterLink("← Failure groups", FailureGroupsView.class);
        if (found.isEmpty()) {
            add(
                    back,
                    new H2("No such failure group"),
                    new Span("No parked message has the failure group " + fingerprint
                            + ": it may have been purged, or its reasons masked again under a new id."));
            return;
        }
        var group = found.get();
        title = group.template();
        var heading = new H2(group.template());
        heading.addClassName("group-title");
        var sample = new Pre(group.sampleReason());
        sample.addClassName("group-sample");
        add(back, heading);
        if (!group.sampleReason().equals(group.template())) {
            add(sample);
        }
        add(facts(group), actions(group), chart(group));
        var user = authentication.getPrincipalName().orElse("");
        var form = new GroupWorkForm(groups, group.fingerprint(), user, operator);
        add(new H3("Work on it"), form);
        if (operator) {
            var history = new Div();
            history.setWidthFull();
            history.add(history(group));
            form.onSaved(() -> {
                history.removeAll();
                history.add(history(group));
            });
            add(new H3("History"), history);
        }
    }

    @Override
    public String getPageTitle() {
        return title + " · DLQ Console";
    }

    private Div facts(FailureGroup group) {
        var facts = new Div();
        facts.addClassName("facts");
        fact(facts, "Messages", new Span(String.format("%,d", group.count())));
        fact(facts, "DLQs", new Span(String.join(", ", group.dlqs())));
        fact(facts, "First seen", new Span(Formats.shortTime(group.firstSeen())));
        fact(facts, "Last seen", new Span(Formats.shortTime(group.lastSeen())));
        fact(facts, "Runbook", new TopRunbook(runbooks, group.dlqs(), group.sampleReason(), GroupLinks.context(group)));
        fact(facts, "Id", new Span(group.fingerprint()));
        return facts;
    }

    private static void fact(Div facts, String label, com.vaadin.flow.component.Component value) {
        var name = new Span(label);
        name.addClassName("fact-label");
        facts.add(name, value);
    }

    /** The group's last day: still arriving, or over? One series per DLQ it reaches. */
    private InflowChart chart(FailureGroup group) {
        var chart = new InflowChart();
        chart.setId("group-inflow");
        var from = Inflow.dayEndingAt(java.time.Instant.now());
        var series = new java.util.ArrayList<InflowChart.Series>();
        for (var dlq : group.dlqs()) {
            series.add(new InflowChart.Series(
                    dlq, parking.inflow(dlq, group.fingerprint()).buckets()));
        }
        chart.show("Parked per 5 minutes, last 24 hours", from, series, List.of());
        return chart;
    }

    private HorizontalLayout actions(FailureGroup group) {
        var messages = new Button(
                "Messages",
                new Icon(VaadinIcon.LIST),
                click -> getUI().ifPresent(ui ->
                        ui.navigate(MessagesView.class, GroupLinks.messages(group, ParkedStatus.PARKED))));
        messages.setId("group-messages");
        var actions = new HorizontalLayout(messages);
        if (operator) {
            var incident = new Button(
                    "Start incident…",
                    new Icon(VaadinIcon.FLAG_O),
                    click -> getUI().ifPresent(
                                    ui -> ui.navigate("incidents/new", GroupLinks.incident(group, runbooks))));
            incident.setId("group-incident");
            var replay = new Button(
                    "Replay…",
                    new Icon(VaadinIcon.PLAY),
                    click -> getUI().ifPresent(ui -> ui.navigate("replay/new", GroupLinks.replay(group))));
            replay.setId("group-replay");
            replay.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            actions.add(incident, replay);
        }
        if (parking.exportAllowed()) {
            var ofGroup = MessageFilter.ALL.withFingerprint(group.fingerprint());
            actions.add(new ExportMenu(parking, () -> ofGroup, "group-export"));
        }
        if (edits.permitted()) {
            var ofGroup = MessageFilter.ALL.withFingerprint(group.fingerprint());
            var bulk = new Button(
                    "Find and replace…",
                    new Icon(VaadinIcon.EDIT),
                    click -> new BulkEditDialog(
                                    ofGroup, "this group's messages", edits::previewBulk, edits::applyBulk, () -> {})
                            .open());
            bulk.setId("group-bulk-edit");
            bulk.setTooltipText("Edit the bodies of this group's messages before a replay");
            actions.add(bulk);
        }
        return actions;
    }

    private Div history(FailureGroup group) {
        var history = new Div();
        history.addClassName("group-history");
        history.setId("group-history");
        var events = audit.search(
                new AuditQuery(null, null, null, null, null, "failure group " + group.fingerprint()), 0, 20);
        if (events.isEmpty()) {
            history.add(new Span("Nothing recorded about this group yet."));
        }
        for (var e : events) {
            var line = new Div(
                    new Span(Formats.shortTime(e.at())),
                    new Span(e.actor()),
                    new Span(e.action()),
                    new Span(e.detail() != null ? e.detail() : e.reason() == null ? "" : e.reason()));
            line.addClassName("group-history-entry");
            history.add(line);
        }
        return history;
    }
}
