package dev.dlqconsole.incident.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.dlqconsole.audit.AuditEvent;
import dev.dlqconsole.base.ui.InflowChart;
import dev.dlqconsole.base.ui.LiveUpdates;
import dev.dlqconsole.incident.Incident;
import dev.dlqconsole.incident.IncidentService;
import dev.dlqconsole.incident.IncidentStep;
import dev.dlqconsole.parking.FailureGroupService;
import dev.dlqconsole.parking.ParkingService;
import dev.dlqconsole.parking.ui.FailureGroupView;
import dev.dlqconsole.parking.ui.GroupWorkForm;
import dev.dlqconsole.runbook.RunbookLibrary;
import dev.dlqconsole.security.Roles;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An incident mid-flight: the runbook's steps as a checklist with the current one highlighted and its
 * console actions at hand, notes, and the timeline of everything done under each step. The parts
 * report their actions here; this view alone calls the service and then shows the incident again.
 */
@Route("incidents/:incidentId([0-9]+)")
@PermitAll
public class IncidentView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final IncidentService incidents;
    private final RunbookLibrary runbooks;
    private final boolean operator;
    private final FailureGroupService groups;
    private final String user;
    private final IncidentHeader header;
    private final IncidentChecklist steps;
    private final IncidentTimeline timeline = new IncidentTimeline();
    private final InflowChart inflow = new InflowChart();
    private final ParkingService parking;
    private long incidentId;

    IncidentView(
            IncidentService incidents,
            RunbookLibrary runbooks,
            ParkingService parking,
            FailureGroupService groups,
            AuthenticationContext authentication) {
        this.groups = groups;
        this.user = authentication.getPrincipalName().orElse("");
        this.incidents = incidents;
        this.runbooks = runbooks;
        this.parking = parking;
        this.operator = authentication.hasAnyRole(Roles.OPERATOR, Roles.ADMIN);
        this.header = new IncidentHeader(
                operator,
                new IncidentHeader.Actions(this::workOn, this::stopWorking, this::exportMarkdown, this::closeIncident));
        this.steps =
                new IncidentChecklist(operator, this::completeStep, this::workOnUnlessAlready, parking::countsByDlq);
        setId("incident-view");
        addClassName("page");
        setMaxWidth("80rem");
        inflow.setId("incident-inflow");
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
        add(new RouterLink("← Incidents", IncidentsView.class), header, inflow, new H3("Checklist"), steps);
        groupWork(incidents.incident(incidentId).scopeFingerprint());
        if (operator) {
            add(new IncidentNoteForm(this::addNote));
        }
        add(new H3("Timeline"), timeline);
        refresh();
    }

    /** The incident's failure group, worked from here as from its own page (and recorded under the step). */
    private void groupWork(@Nullable String fingerprint) {
        if (fingerprint == null) {
            return;
        }
        groups.group(fingerprint).ifPresent(group -> {
            var link = new RouterLink(
                    group.template(), FailureGroupView.class, new RouteParameters("fingerprint", group.fingerprint()));
            link.setId("incident-group-link");
            add(new H3("Failure group"), link, new GroupWorkForm(groups, fingerprint, user, operator));
        });
    }

    @Override
    public String getPageTitle() {
        return "INC-" + incidentId + " · DLQ Console";
    }

    private void refresh() {
        var incident = incidents.incident(incidentId);
        var runbook = runbooks.find(incident.runbookId());
        header.show(incident, operator && incident.open() && workingOnIt());
        steps.show(incident, incidents.steps(incidentId), runbook);
        timeline.redrawNext();
        refreshTimeline();
    }

    private void refreshTimeline() {
        if (incidentId <= 0) {
            return;
        }
        var events = incidents.timeline(incidentId);
        showInflow(incidents.incident(incidentId), events);
        timeline.show(events, () -> {
            var titles = new HashMap<Integer, String>();
            incidents.steps(incidentId).forEach(s -> titles.put(s.number(), s.title()));
            return titles;
        });
    }

    /** The scope's inflow over the day, with a line where each of the incident's replay jobs started. */
    private void showInflow(Incident incident, List<AuditEvent> events) {
        var jobs = new ArrayList<InflowChart.Marker>();
        for (var event : events) {
            var started =
                    event.action().equals("replay.create") || event.action().equals("replay.force");
            var job = REPLAY_JOB.matcher(event.targets() == null ? "" : event.targets());
            if (started && job.lookingAt()) {
                jobs.add(new InflowChart.Marker(event.at(), "job " + job.group(1)));
            }
        }
        var scoped = parking.inflow(incident.scopeDlq(), incident.scopeFingerprint());
        inflow.show(
                "Parked per 5 minutes, last 24 hours · " + scope(incident),
                scoped.from(),
                List.of(new InflowChart.Series(scope(incident), scoped.buckets())),
                jobs);
    }

    private static final Pattern REPLAY_JOB = Pattern.compile("replay job (\\d+)");

    private static String scope(Incident incident) {
        if (incident.scopeDlq() == null && incident.scopeFingerprint() == null) {
            return "every DLQ (no scope)";
        }
        var parts = new ArrayList<String>();
        if (incident.scopeDlq() != null) {
            parts.add(incident.scopeDlq());
        }
        var group = incident.scopeFingerprint();
        if (group != null) {
            parts.add("failure group " + (group.length() > 8 ? group.substring(0, 8) : group));
        }
        return String.join(", ", parts);
    }

    private boolean workingOnIt() {
        return incidents.current().filter(id -> id == incidentId).isPresent();
    }

    private void workOn() {
        incidents.workOn(incidentId);
        refresh();
    }

    private void workOnUnlessAlready() {
        if (!workingOnIt()) {
            incidents.workOn(incidentId);
        }
    }

    private void stopWorking() {
        incidents.stopWorking();
        refresh();
    }

    private void completeStep(int step, IncidentStep.State state, String note) {
        incidents.completeStep(incidentId, step, state, note);
        refresh();
    }

    private void addNote(String note) {
        incidents.addNote(incidentId, note);
        refresh();
    }

    private void exportMarkdown() {
        new MarkdownExportDialog(incidentId, incidents.markdown(incidentId)).open();
    }

    private void closeIncident() {
        new CloseIncidentDialog(incidentId, summary -> {
                    incidents.close(incidentId, summary);
                    refresh();
                })
                .open();
    }
}
