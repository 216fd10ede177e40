package dev.dlqconsole.replay.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.dlqconsole.base.ui.Formats;
import dev.dlqconsole.base.ui.LiveUpdates;
import dev.dlqconsole.parking.ui.MessageView;
import dev.dlqconsole.replay.LedgerEntry;
import dev.dlqconsole.replay.ReplayJob;
import dev.dlqconsole.replay.ReplayService;
import dev.dlqconsole.replay.ReplayStatus;
import dev.dlqconsole.security.Roles;
import dev.dlqconsole.tracing.TraceLinks;
import jakarta.annotation.security.PermitAll;
import java.util.NoSuchElementException;
import java.util.function.LongFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;

/**
 * One replay job: what it was asked to do and by whom, its live progress, and its ledger, one row per
 * message with its replay id, outcome and both traces.
 */
@Route("replays/:jobId([0-9]+)")
@PermitAll
public class ReplayJobView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final ReplayService replays;
    private final TraceLinks links;
    private final boolean operator;
    private final Div summary = new Div();
    private final HorizontalLayout actions = new HorizontalLayout();
    private final Grid<LedgerEntry> ledger = new Grid<>();
    private final RateMeter meter = new RateMeter();
    private final RampSteps ramp = new RampSteps();
    private long jobId;
    private @Nullable String shownActions;

    private final String user;
    private final TextField decisionReason = new TextField();

    ReplayJobView(ReplayService replays, TraceLinks links, AuthenticationContext authentication) {
        this.replays = replays;
        this.user = authentication.getPrincipalName().orElse("");
        decisionReason.setId("job-decision-reason");
        decisionReason.setPlaceholder("Why (for the requester and the audit trail)");
        decisionReason.setWidth("24rem");
        this.links = links;
        this.operator = authentication.hasAnyRole(Roles.OPERATOR, Roles.ADMIN);
        setId("replay-job-view");
        setSizeFull();
        addClassName("page");
        summary.addClassName("job-summary");
        summary.setId("job-summary");
        ledger.setId("ledger-grid");
        ledger.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        ledger.setSizeFull();
        ledger.addColumn(e -> e.seq() + 1).setHeader("#").setAutoWidth(true).setFlexGrow(0);
        ledger.addComponentColumn(
                        e -> new RouterLink("message " + e.parkedMessageId(), MessageView.class, e.parkedMessageId()))
                .setHeader("Message")
                .setAutoWidth(true)
                .setFlexGrow(0);
        ledger.addComponentColumn(ReplayJobView::status)
                .setHeader("Outcome")
                .setAutoWidth(true)
                .setFlexGrow(0);
        ledger.addColumn(e -> e.target() == null
                        ? ""
                        : e.target().queue() + " (" + e.target().connection() + ")")
                .setHeader("Target")
                .setAutoWidth(true);
        ledger.addColumn(LedgerEntry::replayId)
                .setHeader("Replay id")
                .setAutoWidth(true)
                .setFlexGrow(0);
        ledger.addComponentColumn(e -> trace(e.originalTraceId()))
                .setHeader("Original trace")
                .setAutoWidth(true)
                .setFlexGrow(0);
        ledger.addComponentColumn(e -> trace(e.replayTraceId()))
                .setHeader("Replay trace")
                .setAutoWidth(true)
                .setFlexGrow(0);
        ledger.addColumn(e -> e.detail() == null ? "" : e.detail())
                .setHeader("Detail")
                .setFlexGrow(1)
                .setTooltipGenerator(e -> e.detail() == null ? "" : e.detail());
        ledger.addColumn(e -> Formats.shortTime(e.updatedAt()))
                .setHeader("Updated")
                .setAutoWidth(true)
                .setFlexGrow(0);
        ledger.setEmptyStateText("This job has no ledger entries.");
        LiveUpdates.whileAttached(
                this,
                1_000,
                () -> jobId > 0 ? java.util.Optional.of(replays.job(jobId)) : java.util.Optional.<ReplayJob>empty(),
                loaded -> loaded.ifPresent(this::refresh));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        jobId = event.getRouteParameters().getLong("jobId").orElse(-1L);
        try {
            var job = replays.job(jobId);
            add(new RouterLink("← Replay jobs", ReplayJobsView.class), new H2("Replay job " + jobId), summary, actions);
            add(ledger);
            show(job);
            ledger.setItems(query -> replays.ledger(jobId, query.getOffset(), query.getLimit()).stream());
        } catch (NoSuchElementException e) {
            add(
                    new H2("Replay job not found"),
                    new Span(e.getMessage()),
                    new RouterLink("Replay jobs", ReplayJobsView.class));
        }
    }

    @Override
    public String getPageTitle() {
        return "Replay job " + jobId + " · DLQ Console";
    }

    private void refresh(ReplayJob job) {
        if (job.id() != jobId) {
            return; // read for the job shown before
        }
        var before = meter.done;
        show(job);
        if (meter.done != before) {
            ledger.getDataProvider().refreshAll();
        }
    }

    private void show(ReplayJob job) {
        meter.sample(job);
        summary.removeAll();
        var badge = new Span(job.status().label());
        badge.addClassNames("status-badge", "replay-" + job.status().name().toLowerCase());
        badge.setId("job-status");
        summary.add(
                fact("Status", badge),
                fact("Progress", ReplayJobsView.progress(job)),
                fact("Messages", new Span(ReplayJobsView.counts(job))),
                fact("Rate", new Span(meter.describe(job))));
        if (job.start().scheduled() || job.start().conditional()) {
            var start = new Span(start(job));
            start.setId("job-start");
            summary.add(fact("Start", start));
        }
        if (job.status() == ReplayStatus.RUNNING) {
            var instance = new Span(replays.workingOn(job.id())
                    .map(name -> "console instance " + name)
                    .orElse("waiting for a console instance to pick it up"));
            instance.setId("job-instance");
            summary.add(fact("Running on", instance));
        }
        summary.add(
                fact("Reason", new Span(job.reason())),
                fact("Started by", new Span(job.createdBy() + ", " + Formats.shortTime(job.createdAt()))),
                fact("Selection", new Span(job.selection())),
                fact(
                        "Target",
                        new Span(
                                job.target() == null
                                        ? "each message's own source queue, on its own connection"
                                        : job.target().queue() + " on connection "
                                                + job.target().connection())),
                fact("Rate limit", new Span(job.ratePerSecond() + " messages per second")),
                fact("Canary", new Span(canary(job))),
                fact("Ramp", ramp));
        ramp.show(job, replays.stepSends(job.id()));
        if (job.runbookStep() != null) {
            summary.add(fact("Runbook step", new Span(job.runbookStep())));
        }
        if (job.approvalNeeded() != null) {
            var approval = new Span(approval(job));
            approval.setId("job-approval");
            summary.add(fact("Approval", approval));
        }
        if (job.forced()) {
            summary.add(fact("Forced", new Span("yes: messages already replayed were sent again")));
        }
        var notes = ReplayJobsView.notes(job);
        if (!notes.isBlank()) {
            var detail = new Span(notes);
            detail.setId("job-notes");
            summary.add(fact("Notes", detail));
        }
        var shown = job.status() + "/" + job.failed();
        if (shown.equals(shownActions)) {
            return; // the same buttons: rebuilding them every second would swallow a click in flight
        }
        shownActions = shown;
        actions.removeAll();
        if (operator && job.status() == ReplayStatus.AWAITING_APPROVAL) {
            if (job.createdBy().equals(user)) {
                var waiting = new Span("Waiting for another operator or an admin to approve it.");
                waiting.setId("job-awaiting-other");
                actions.add(waiting);
            } else {
                actions.add(decisionReason, decision("Approve", replays::approve), decision("Reject", replays::reject));
            }
        }
        if (operator) {
            if (job.status() == ReplayStatus.RUNNING) {
                actions.add(action("Pause", replays::pause));
            }
            if (job.status() == ReplayStatus.PAUSED) {
                actions.add(action("Resume", replays::resume));
            }
            if ((job.status() == ReplayStatus.PAUSED || job.status() == ReplayStatus.COMPLETED) && job.failed() > 0) {
                actions.add(action("Retry failed", replays::retryFailed));
            }
            if (job.status() == ReplayStatus.PAUSED && replays.held(job.id()) > 0) {
                actions.add(action("Skip held", replays::skipHeld));
            }
            if (!job.status().finished()) {
                actions.add(action("Cancel", replays::cancel));
            }
        }
    }

    private static String start(ReplayJob job) {
        var start = job.start();
        var waiting = ReplayJobsView.waitingFor(job);
        if (start.scheduled()) {
            return waiting != null ? waiting : "was scheduled for " + Formats.shortTime(start.at()) + " UTC";
        }
        var rule = String.format(
                "when %s answers 2xx %d times in a row; gives up at %s UTC",
                start.healthHost(), start.healthyTimes(), Formats.shortTime(start.deadline()));
        if (waiting != null) {
            return waiting + " · starts " + rule;
        }
        if (job.status() == ReplayStatus.GAVE_UP || job.status() == ReplayStatus.CANCELLED) {
            return "was to start " + rule;
        }
        return String.format(
                "started when %s answered 2xx %d times in a row", start.healthHost(), start.healthyTimes());
    }

    private static String approval(ReplayJob job) {
        var why = "needed: " + job.approvalNeeded();
        if (job.approvedBy() == null) {
            return why + "; waiting for a second person";
        }
        var verb = job.status() == ReplayStatus.REJECTED ? "rejected by " : "approved by ";
        return verb + job.approvedBy() + ", " + Formats.shortTime(job.approvedAt()) + ": " + job.approvalReason() + " ("
                + why + ")";
    }

    /** Approve or reject, with the reason typed beside the buttons. */
    private Button decision(String label, java.util.function.BiFunction<Long, String, ReplayJob> call) {
        var button = new Button(label, click -> {
            if (decisionReason.getValue().isBlank()) {
                decisionReason.setInvalid(true);
                decisionReason.setErrorMessage("Say why, for the requester and the audit trail");
                return;
            }
            try {
                show(call.apply(jobId, decisionReason.getValue()));
            } catch (IllegalStateException | IllegalArgumentException | AccessDeniedException e) {
                Notification.show(e.getMessage(), 6_000, Notification.Position.BOTTOM_START)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        });
        button.setId("job-" + label.toLowerCase());
        button.addThemeVariants(label.equals("Reject") ? ButtonVariant.LUMO_ERROR : ButtonVariant.LUMO_SUCCESS);
        return button;
    }

    private static String canary(ReplayJob job) {
        if (job.canarySize() == 0) {
            return "skipped";
        }
        if (job.ramp().steps().size() == 1) {
            return "the whole job fits in the canary: sent at once";
        }
        if (job.ramp().steps().size() > 1) {
            return String.format(
                    "the ramp's first step; later steps pause the job when more than %d%% of theirs come back",
                    job.ramp().threshold());
        }
        if (job.canaryPassed()) {
            return "passed: " + job.canarySize() + " messages stayed out of the DLQs";
        }
        if (job.canaryUntil() != null) {
            return job.canarySize() + " messages sent; watching the DLQs until " + Formats.shortTime(job.canaryUntil());
        }
        return "first " + job.canarySize() + " messages, then a watch of the DLQs";
    }

    private static Div fact(String label, Component value) {
        var name = new Span(label);
        name.addClassName("fact-label");
        var box = new Div(name, value);
        box.addClassName("fact");
        return box;
    }

    private Button action(String label, LongFunction<ReplayJob> call) {
        var button = new Button(label, click -> {
            try {
                show(call.apply(jobId));
            } catch (IllegalStateException e) {
                Notification.show(e.getMessage(), 5_000, Notification.Position.BOTTOM_START)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        });
        button.setId("job-" + label.toLowerCase().replace(' ', '-'));
        button.addThemeVariants(label.equals("Cancel") ? ButtonVariant.LUMO_ERROR : ButtonVariant.LUMO_PRIMARY);
        return button;
    }

    private static Component status(LedgerEntry entry) {
        var badge = new Span(
                entry.ambiguous()
                        ? entry.status().label() + " · may have arrived twice"
                        : entry.status().label());
        badge.addClassNames("status-badge", "ledger-" + entry.status().name().toLowerCase());
        return badge;
    }

    private Component trace(@Nullable String traceId) {
        if (traceId == null) {
            return new Span("");
        }
        var url = links.urlFor(traceId);
        if (url.isEmpty()) {
            return new Span(traceId.substring(0, Math.min(8, traceId.length())) + "…");
        }
        var link = new Anchor(url.get(), traceId.substring(0, Math.min(8, traceId.length())) + "…");
        link.setTarget(AnchorTarget.BLANK);
        link.getElement().setAttribute("title", traceId);
        return link;
    }

    /** Messages per second between two looks at the job, smoothed, and the time left at that rate. */
    static final class RateMeter {
        private long done = -1;
        private long at;
        private double rate;

        void sample(ReplayJob job) {
            long now = System.nanoTime();
            long current = job.sent() + job.skipped() + job.failed();
            if (done >= 0 && now > at) {
                var instant = (current - done) / ((now - at) / 1e9);
                rate = rate == 0 ? instant : 0.5 * rate + 0.5 * instant;
            }
            done = current;
            at = now;
        }

        String describe(ReplayJob job) {
            return describe(
                    job,
                    Math.round(rate) == 1
                            ? "%,.0f message per second · about %s left"
                            : "%,.0f messages per second · about %s left");
        }

        /** The same, short enough for a column of the jobs list. */
        String brief(ReplayJob job) {
            return describe(job, "%,.0f/s · %s left");
        }

        private String describe(ReplayJob job, String format) {
            if (job.status().finished()) {
                return "finished";
            }
            if (job.status() != ReplayStatus.RUNNING || rate < 0.5) {
                return "—";
            }
            var seconds = (long) (job.remaining() / rate);
            return String.format(format, rate, Formats.duration(seconds));
        }
    }
}
