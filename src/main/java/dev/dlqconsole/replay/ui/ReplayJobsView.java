package dev.dlqconsole.replay.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.dlqconsole.base.ui.Formats;
import dev.dlqconsole.base.ui.LiveUpdates;
import dev.dlqconsole.replay.ReplayJob;
import dev.dlqconsole.replay.ReplayService;
import dev.dlqconsole.replay.ReplayStatus;
import dev.dlqconsole.security.Roles;
import jakarta.annotation.security.PermitAll;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.jspecify.annotations.Nullable;

/** Every replay job with its live progress, and pause, resume and cancel for operators. */
@Route("replays")
@PageTitle("Replay jobs · DLQ Console")
@Menu(order = 30, icon = "vaadin:play-circle-o", title = "Replay jobs")
@PermitAll
public class ReplayJobsView extends VerticalLayout {

    private final ReplayService replays;
    private final boolean operator;
    private final Grid<ReplayJob> grid = new Grid<>();
    /** Jobs waiting for a second person: each links to its page, where another operator approves it. */
    private final Div awaiting = new Div();

    private final Map<Long, ReplayJobView.RateMeter> meters = new HashMap<>();

    ReplayJobsView(ReplayService replays, AuthenticationContext authentication) {
        this.replays = replays;
        this.operator = authentication.hasAnyRole(Roles.OPERATOR, Roles.ADMIN);
        setId("replays-view");
        setSizeFull();
        addClassName("page");
        grid.setId("replays-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setSizeFull();
        grid.addComponentColumn(job -> {
                    var link = new RouterLink(
                            "Job " + job.id(),
                            ReplayJobView.class,
                            new RouteParameters("jobId", Long.toString(job.id())));
                    link.setId("job-link-" + job.id());
                    return link;
                })
                .setHeader("Job")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addComponentColumn(this::status)
                .setHeader("Status")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addComponentColumn(ReplayJobsView::progress)
                .setHeader("Progress")
                .setWidth("13rem")
                .setFlexGrow(0);
        grid.addColumn(ReplayJobsView::counts)
                .setHeader("Messages")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(job -> meters.computeIfAbsent(job.id(), id -> new ReplayJobView.RateMeter())
                        .brief(job))
                .setHeader("Rate · time left")
                // A fixed width: auto width is measured once, when a new job shows only "—".
                .setWidth("10rem")
                .setFlexGrow(0);
        grid.addColumn(job -> job.target() == null
                        ? "own source queues"
                        : job.target().queue() + " (" + job.target().connection() + ")")
                .setHeader("Target")
                .setAutoWidth(true);
        grid.addColumn(job -> job.ratePerSecond() + "/s")
                .setHeader("Rate")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(job -> job.createdBy() + ", " + Formats.shortTime(job.createdAt()))
                .setHeader("Started by")
                .setAutoWidth(true);
        grid.addColumn(ReplayJob::reason)
                .setHeader("Reason")
                .setFlexGrow(1)
                .setWidth("14rem")
                .setTooltipGenerator(ReplayJob::reason);
        if (operator) {
            // Frozen to the end: the buttons stay in view however wide the other columns get.
            grid.addColumn(actions()).setAutoWidth(true).setFlexGrow(0).setFrozenToEnd(true);
        }
        grid.setEmptyStateText("No replay has been started yet. Start one from Messages or a failure group.");
        awaiting.setId("replays-awaiting");
        awaiting.addClassName("replays-awaiting");
        awaiting.setVisible(false);
        add(new H2("Replay jobs"), awaiting, grid);
        refresh();
        LiveUpdates.whileAttached(this, 1_000, () -> replays.recentJobs(200), this::show);
    }

    static String counts(ReplayJob job) {
        return String.format(
                "%,d sent · %,d skipped · %,d failed · %,d left",
                job.sent(), job.skipped(), job.failed(), job.remaining());
    }

    /** Why a job paused, and what an operator should know about its sends. */
    static String notes(ReplayJob job) {
        var notes = new StringBuilder();
        if (job.statusDetail() != null) {
            notes.append(job.statusDetail()).append(". ");
        }
        if (job.ambiguous() > 0) {
            notes.append(job.ambiguous())
                    .append(" sent again with the same replay id after an outcome nobody knew (a restart, a takeover,"
                            + " a lost answer): they may have arrived twice. ");
        }
        if (job.attributesNotAdded() > 0) {
            notes.append(job.attributesNotAdded())
                    .append(" replay attributes did not fit the 10-attribute limit (originals kept). ");
        }
        return notes.toString().strip();
    }

    private Component status(ReplayJob job) {
        var badge = new Span(job.status().label());
        badge.addClassNames("status-badge", "replay-" + job.status().name().toLowerCase());
        var box = new Div(badge);
        var waiting = waitingFor(job);
        if (waiting != null) {
            var start = new Span(waiting);
            start.addClassName("job-start");
            start.setId("job-start-" + job.id());
            box.add(start);
        }
        var notes = notes(job);
        if (!notes.isEmpty()) {
            box.getElement().setAttribute("title", notes);
            var detail = new Span(notes);
            detail.addClassName("job-detail");
            box.add(detail);
        }
        return box;
    }

    /** "Scheduled for …" or "Waiting for host (2 of 3 OK)" while the job waits to start, else null. */
    static @Nullable String waitingFor(ReplayJob job) {
        if (job.status() != ReplayStatus.SCHEDULED && job.status() != ReplayStatus.WAITING) {
            return null;
        }
        var said = job.start().describe();
        var last = job.start().lastCheck();
        return said == null || last == null || job.status() != ReplayStatus.WAITING ? said : said + " · last: " + last;
    }

    static Component progress(ReplayJob job) {
        var done = job.sent() + job.skipped() + job.failed();
        var bar = new ProgressBar(0, Math.max(1, job.total()), done);
        bar.setWidthFull();
        var label = new Span(String.format("%,d / %,d", done, job.total()));
        label.addClassName("progress-label");
        var box = new Div(bar, label);
        box.addClassName("progress-cell");
        return box;
    }

    /**
     * Pause, resume and cancel as a template rendered in the browser. A click sends a DOM event naming
     * the job by its id (not by the grid's item key, which the refresh every second renews), so a click
     * during a refresh still lands, and the buttons are updated in place instead of replaced.
     */
    private LitRenderer<ReplayJob> actions() {
        grid.getElement()
                .addEventListener("job-action", event -> {
                    var data = event.getEventData();
                    long jobId = data.get("event.detail.job").asLong();
                    switch (data.get("event.detail.action").asString()) {
                        case "pause" -> act(jobId, replays::pause);
                        case "resume" -> act(jobId, replays::resume);
                        case "cancel" -> act(jobId, replays::cancel);
                        default -> {}
                    }
                })
                .addEventData("event.detail.job")
                .addEventData("event.detail.action");
        return LitRenderer.<ReplayJob>of("""
                        <vaadin-button id="pause-${item.id}" theme="small tertiary" ?hidden=${!item.running}
                            @click=${e => e.target.dispatchEvent(new CustomEvent('job-action',
                                {bubbles: true, composed: true, detail: {job: item.id, action: 'pause'}}))}
                            >Pause</vaadin-button>
                        <vaadin-button id="resume-${item.id}" theme="small tertiary" ?hidden=${!item.paused}
                            @click=${e => e.target.dispatchEvent(new CustomEvent('job-action',
                                {bubbles: true, composed: true, detail: {job: item.id, action: 'resume'}}))}
                            >Resume</vaadin-button>
                        <vaadin-button id="cancel-${item.id}" theme="small tertiary" ?hidden=${item.finished}
                            @click=${e => e.target.dispatchEvent(new CustomEvent('job-action',
                                {bubbles: true, composed: true, detail: {job: item.id, action: 'cancel'}}))}
                            >Cancel</vaadin-button>""")
                .withProperty("id", ReplayJob::id)
                .withProperty("running", job -> job.status() == ReplayStatus.RUNNING)
                .withProperty("paused", job -> job.status() == ReplayStatus.PAUSED)
                .withProperty("finished", job -> job.status().finished());
    }

    private void act(long jobId, LongFunction<ReplayJob> call) {
        try {
            call.apply(jobId);
        } catch (IllegalStateException e) {
            Notification.show(e.getMessage(), 5_000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
        refresh();
    }

    private void refresh() {
        show(replays.recentJobs(200));
    }

    private void show(List<ReplayJob> jobs) {
        jobs.forEach(job -> meters.computeIfAbsent(job.id(), id -> new ReplayJobView.RateMeter())
                .sample(job));
        grid.setItems(jobs);
        var waiting = jobs.stream()
                .filter(job -> job.status() == ReplayStatus.AWAITING_APPROVAL)
                .toList();
        awaiting.removeAll();
        awaiting.setVisible(operator && !waiting.isEmpty());
        if (operator && !waiting.isEmpty()) {
            awaiting.add(new Span(
                    waiting.size() == 1
                            ? "1 replay awaits a second person's approval: "
                            : waiting.size() + " replays await a second person's approval: "));
            for (var job : waiting) {
                var link = new RouterLink(
                        "job " + job.id() + " (" + job.createdBy() + ", " + String.format("%,d", job.total())
                                + " messages)",
                        ReplayJobView.class,
                        new RouteParameters("jobId", Long.toString(job.id())));
                link.addClassName("replays-awaiting-link");
                awaiting.add(link);
            }
        }
    }
}
