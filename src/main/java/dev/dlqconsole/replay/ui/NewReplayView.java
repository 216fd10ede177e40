package dev.dlqconsole.replay.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.dlqconsole.audit.AuditLog;
import dev.dlqconsole.audit.IncidentRef;
import dev.dlqconsole.parking.FailureFingerprint;
import dev.dlqconsole.parking.FailureGroupService;
import dev.dlqconsole.parking.MessageFilter;
import dev.dlqconsole.parking.ui.MessageFilters;
import dev.dlqconsole.replay.ReplayPreview;
import dev.dlqconsole.replay.ReplayRequest;
import dev.dlqconsole.replay.ReplayService;
import dev.dlqconsole.runbook.Runbook;
import dev.dlqconsole.runbook.RunbookLibrary;
import dev.dlqconsole.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;

/**
 * A replay before it starts: what it would send and skip (a dry run, per target queue), then the
 * reason, target, rate and runbook step. The selection comes from the link: {@code ids=1,2,3} or the
 * Messages view's filter parameters, frozen when the job is created.
 */
@Route("replay/new")
@PageTitle("New replay · DLQ Console")
@RolesAllowed(Roles.OPERATOR)
public class NewReplayView extends VerticalLayout implements BeforeEnterObserver {

    private final ReplayService replays;
    private final AuditLog audit;
    private final boolean admin;
    private final Div preview = new Div();
    private final TextArea reason = new TextArea("Reason");
    private final TextField target = new TextField("Target queue");
    private final ComboBox<String> targetConnection = new ComboBox<>("On connection");
    private final IntegerField rate = new IntegerField("Rate limit (messages per second)");
    private final TextField step = new TextField("Runbook step (optional)");
    private final Checkbox force = new Checkbox("Force: send again messages an earlier job already replayed");
    private final Checkbox skipCanary =
            new Checkbox("Skip the canary (send everything at once instead of a few first, then watching)");
    private final Checkbox collapseByBody =
            new Checkbox("Collapse duplicates by body: send one of several messages with the same body, even without an"
                    + " idempotency key");
    private final Checkbox leaveOut = new Checkbox();
    private final RampFields ramp;
    private final StartFields startWhen = new StartFields();
    private final FailureGroupService groups;
    private final RunbookLibrary runbooks;
    private List<Long> ids = List.of();
    private @Nullable MessageFilter filter;
    /** The selection's groups whose runbook says never to replay them: found once per selection. */
    private Set<String> replayNever = Set.of();

    NewReplayView(
            ReplayService replays,
            AuditLog audit,
            FailureGroupService groups,
            RunbookLibrary runbooks,
            AuthenticationContext authentication) {
        this.replays = replays;
        this.groups = groups;
        this.runbooks = runbooks;
        this.audit = audit;
        this.admin = authentication.hasRole(Roles.ADMIN);
        this.ramp = new RampFields(replays.configuredRamp());
        setId("new-replay-view");
        addClassName("page");
        setMaxWidth("56rem");

        preview.setId("replay-preview");
        preview.addClassName("replay-preview");
        reason.setId("replay-reason");
        reason.setWidthFull();
        reason.setRequired(true);
        reason.setPlaceholder("e.g. inventory-service recovered at 14:05 (INC-4711)");
        target.setId("replay-target");
        target.setWidthFull();
        target.setPlaceholder("empty: each message goes back to its own source queue");
        target.addValueChangeListener(e -> refreshPreview());
        targetConnection.setId("replay-target-connection");
        targetConnection.setItems(replays.connectionNames());
        targetConnection.setPlaceholder("the selection's own");
        targetConnection.setClearButtonVisible(true);
        targetConnection.setTooltipText("Two accounts may both have a queue of this name: say which");
        targetConnection.addValueChangeListener(e -> refreshPreview());
        var targetRow = new HorizontalLayout(target, targetConnection);
        targetRow.setWidthFull();
        targetRow.setFlexGrow(1, target);
        rate.setId("replay-rate");
        rate.setMin(1);
        rate.setMax(ReplayRequest.MAX_RATE);
        rate.setValue(50);
        rate.setStepButtonsVisible(true);
        rate.setWidth("16rem");
        step.setId("replay-step");

        force.setId("replay-force");
        force.setVisible(admin);
        skipCanary.setId("replay-skip-canary");
        force.addValueChangeListener(e -> refreshPreview());
        collapseByBody.setId("replay-collapse-by-body");
        collapseByBody.addValueChangeListener(e -> refreshPreview());
        leaveOut.setId("replay-leave-out");
        leaveOut.setValue(true);
        leaveOut.setVisible(false);
        leaveOut.addValueChangeListener(e -> refreshPreview());

        var start = new Button("Start replay", click -> start());
        start.setId("replay-start");
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(
                new H2("New replay"),
                new Paragraph("Nothing is sent until you start. Messages already replayed, discarded or being"
                        + " replayed by another job are skipped; each message carries dlq-replay-id, so consumers"
                        + " can drop a duplicate."),
                preview,
                leaveOut,
                reason,
                targetRow,
                paceRow(),
                collapseByBody,
                force,
                skipCanary,
                ramp,
                startWhen,
                start);
    }

    private HorizontalLayout paceRow() {
        var row = new HorizontalLayout(rate, step);
        row.setWidthFull();
        row.setFlexGrow(1, step);
        return row;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var params = event.getLocation().getQueryParameters();
        var idList = params.getParameters().getOrDefault("ids", List.of());
        try {
            if (!idList.isEmpty()) {
                var parsed = new ArrayList<Long>();
                for (var part : String.join(",", idList).split(",")) {
                    if (!part.isBlank()) {
                        parsed.add(Long.parseLong(part.strip()));
                    }
                }
                ids = List.copyOf(parsed);
                filter = null;
            } else {
                ids = List.of();
                filter = MessageFilters.fromQuery(params);
            }
            // The runbook step: from the link (an incident page's step), else the step of the incident
            // the operator is working on.
            step.setValue(params.getParameters().getOrDefault("step", List.of()).stream()
                    .findFirst()
                    .orElseGet(() ->
                            audit.currentIncident().map(IncidentRef::describe).orElse("")));
        } catch (IllegalArgumentException e) {
            ids = List.of();
            filter = null;
            preview.setText("The link does not describe a selection: " + e.getMessage());
            return;
        }
        replayNever = Set.of();
        try {
            var first = replays.preview(request());
            replayNever = replayNever(first);
            leaveOut.setVisible(!replayNever.isEmpty());
            if (replayNever.isEmpty()) {
                preview.removeAll();
                show(first);
                return;
            }
        } catch (IllegalArgumentException | AccessDeniedException e) {
            leaveOut.setVisible(false);
        }
        refreshPreview();
    }

    private ReplayRequest request() {
        var request = new ReplayRequest(
                ids,
                filter,
                reason.getValue().isBlank() ? "preview" : reason.getValue(),
                target.getValue(),
                rate.getValue() == null ? 50 : rate.getValue(),
                admin && force.getValue(),
                step.getValue().isBlank() ? null : step.getValue(),
                skipCanary.getValue(),
                collapseByBody.getValue(),
                targetConnection.getValue());
        return ramp.applyTo(leaveOut.getValue() ? request.leavingOut(replayNever) : request);
    }

    /** The groups of the selection whose runbook (any that applies) says never to replay them. */
    private Set<String> replayNever(ReplayPreview p) {
        var reasons = groups.reasons(p.groups().stream()
                .limit(MAX_GROUPS_SHOWN)
                .map(ReplayPreview.GroupShare::fingerprint)
                .toList());
        var never = new java.util.HashSet<String>();
        for (var g : p.groups().stream().limit(MAX_GROUPS_SHOWN).toList()) {
            if (neverRunbook(g, reasons.get(g.fingerprint())) != null) {
                never.add(g.fingerprint());
            }
        }
        return Set.copyOf(never);
    }

    private @Nullable Runbook neverRunbook(ReplayPreview.GroupShare group, @Nullable String reason) {
        return runbooks.applicableToAny(group.dlqs(), reason).stream()
                .filter(Runbook::replayNever)
                .findFirst()
                .orElse(null);
    }

    /** Most groups the breakdown lists; the rest are summed in one line. */
    private static final int MAX_GROUPS_SHOWN = 50;

    private void refreshPreview() {
        preview.removeAll();
        try {
            show(replays.preview(request()));
        } catch (IllegalArgumentException | AccessDeniedException e) {
            preview.add(new Span(e.getMessage()));
        }
    }

    private void show(ReplayPreview p) {
        var headline = new Span(String.format("%,d of %,d selected messages will be sent", p.willSend(), p.selected()));
        headline.addClassName("replay-headline");
        headline.setId("replay-will-send");
        preview.add(headline);
        line("already replayed (skipped unless an admin forces it)", p.alreadyReplayed());
        line("discarded (skipped)", p.discarded());
        line("being replayed by another job (skipped)", p.inAnotherJob());
        line("with no known source queue (skipped: choose a target)", p.noTarget());
        line("duplicates of another selected message (same body and idempotency key; collapsed)", p.duplicates());
        line("poison: replayed and back in a DLQ too often (skipped unless an admin forces it)", p.poison());
        line(
                "sent before by a job cancelled with the outcome unknown: they go again under that job's replay"
                        + " ids, so consumers that drop duplicates drop them",
                p.uncertain());
        line("in failure groups whose runbook says not to replay them (left out)", p.leftOut());
        line("edited: each goes as its latest version, never the original as well", p.edited());
        if (p.approvalNeeded() != null) {
            var waits = new Span("Waits for a second person's approval: " + p.approvalNeeded());
            waits.setId("replay-approval-needed");
            waits.addClassName("replay-line");
            preview.add(new Div(waits));
        }
        p.perTarget().forEach((target, n) -> line("to " + queueOf(target) + " (" + connectionOf(target) + ")", n));
        breakdown(p);
        if (p.spansConnections()) {
            var accounts =
                    new Span("The selection comes from " + p.connections().size() + " connections ("
                            + String.join(", ", p.connections()) + "): each message goes back to its own account.");
            accounts.setId("replay-connections");
            accounts.addClassName("replay-line");
            preview.add(new Div(accounts));
        }
    }

    /** The selection by failure group: its reason, counts and runbook, marked when it must not be replayed. */
    private void breakdown(ReplayPreview p) {
        if (p.groups().isEmpty()) {
            return;
        }
        var shown = p.groups().stream().limit(MAX_GROUPS_SHOWN).toList();
        var reasons = groups.reasons(
                shown.stream().map(ReplayPreview.GroupShare::fingerprint).toList());
        var table = new Div();
        table.setId("replay-groups");
        table.addClassName("replay-groups");
        for (var header : List.of("Failure group", "Selected", "Will send", "Runbook")) {
            var cell = new Span(header);
            cell.addClassName("replay-groups-header");
            table.add(cell);
        }
        for (var g : shown) {
            var reason = reasons.get(g.fingerprint());
            var failure = new Span(FailureFingerprint.template(reason));
            failure.addClassName("replay-group-failure");
            failure.setTitle((reason == null ? "" : reason) + " · " + String.join(", ", g.dlqs()));
            var runbookCell = new Span();
            runbookCell.addClassName("replay-group-runbook");
            var never = neverRunbook(g, reason);
            if (never != null) {
                var mark = new Span("Do not replay");
                mark.addClassNames("status-badge", "replay-never");
                mark.setTitle("The runbook '" + never.title() + "' says these messages must not be replayed");
                runbookCell.add(mark, new Span(" " + never.id()));
            } else {
                runbookCell.add(new Span(runbooks.applicableToAny(g.dlqs(), reason).stream()
                        .findFirst()
                        .map(Runbook::id)
                        .orElse("none")));
            }
            var row = List.of(
                    failure,
                    new Span(String.format("%,d", g.selected())),
                    new Span(String.format("%,d", g.willSend())),
                    runbookCell);
            row.forEach(cell -> cell.addClassName("replay-groups-cell"));
            row.get(1).addClassName("number");
            row.get(2).addClassName("number");
            table.add(row.toArray(com.vaadin.flow.component.Component[]::new));
        }
        preview.add(table);
        if (p.groups().size() > shown.size()) {
            line(
                    "more messages in " + (p.groups().size() - shown.size()) + " smaller groups",
                    p.groups().stream()
                            .skip(MAX_GROUPS_SHOWN)
                            .mapToInt(ReplayPreview.GroupShare::selected)
                            .sum());
        }
        if (!replayNever.isEmpty()) {
            var n = p.groups().stream()
                    .filter(g -> replayNever.contains(g.fingerprint()))
                    .mapToInt(ReplayPreview.GroupShare::selected)
                    .sum();
            leaveOut.setLabel(String.format(
                    "Leave out the %,d message%s whose runbook says not to replay them (recommended)",
                    n, n == 1 ? "" : "s"));
        }
    }

    private static String queueOf(String target) {
        return target.substring(target.indexOf('/') + 1);
    }

    private static String connectionOf(String target) {
        return target.substring(0, target.indexOf('/'));
    }

    private void line(String what, int n) {
        if (n > 0) {
            var span = new Span(String.format("%,d %s", n, what));
            span.addClassName("replay-line");
            preview.add(new Div(span));
        }
    }

    private void start() {
        if (reason.getValue().isBlank()) {
            reason.setInvalid(true);
            reason.setErrorMessage("Say why, for the audit trail and the incident timeline");
            return;
        }
        try {
            var job = replays.create(startWhen.applyTo(request()));
            var said = job.start().describe();
            Notification.show(
                            "Replay job " + job.id() + (said == null ? " started" : " created. " + said),
                            4_000,
                            Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            getUI().ifPresent(ui ->
                    ui.navigate(ReplayJobView.class, new RouteParameters("jobId", Long.toString(job.id()))));
        } catch (IllegalArgumentException | IllegalStateException | AccessDeniedException e) {
            Notification.show(e.getMessage(), 6_000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }
}
