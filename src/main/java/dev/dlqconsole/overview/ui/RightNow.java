package dev.dlqconsole.overview.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import dev.dlqconsole.base.ui.InflowChart;
import dev.dlqconsole.incident.Incident;
import dev.dlqconsole.incident.ui.IncidentView;
import dev.dlqconsole.parking.DlqInflow;
import dev.dlqconsole.parking.GroupInflow;
import dev.dlqconsole.parking.Inflow;
import dev.dlqconsole.parking.ui.MessagesView;
import dev.dlqconsole.replay.ReplayJob;
import dev.dlqconsole.replay.ui.ReplayJobView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * What is wrong right now, above the DLQ grid: the day's inflow of the busiest DLQs, the failure groups
 * that parked most, the open incidents and the replay jobs still going, each a link to its page.
 */
class RightNow extends Div {

    /** The busiest DLQs get a colour each; the others are summed into one. */
    private static final int SHOWN_DLQS = 4;

    private final InflowChart chart = new InflowChart();
    private final Div groups = panel("top-groups");
    private final Div incidents = panel("open-incidents");
    private final Div jobs = panel("unfinished-jobs");

    RightNow() {
        setId("right-now");
        addClassName("right-now");
        chart.setId("overview-inflow");
        var panels = new Div(
                titled("Top failure groups · 24 h", groups),
                titled("Open incidents", incidents),
                titled("Replay jobs in progress", jobs));
        panels.addClassName("right-now-panels");
        add(chart, panels);
    }

    void show(
            Collection<DlqInflow> dlqs,
            List<GroupInflow> topGroups,
            List<Incident> open,
            List<ReplayJob> unfinished,
            Instant now) {
        chart.show("Parked per 5 minutes, last 24 hours", Inflow.dayEndingAt(now), series(dlqs, now), List.of());
        groups.removeAll();
        topGroups.forEach(g ->
                groups.add(line(groupLink(g), String.format("%,d", g.inflow().total()))));
        incidents.removeAll();
        open.stream().limit(5).forEach(i -> incidents.add(line(incidentLink(i), i.runbookTitle())));
        jobs.removeAll();
        unfinished.stream()
                .limit(5)
                .forEach(job -> jobs.add(line(
                        jobLink(job),
                        String.format("%s · %,d of %,d", job.status().label(), job.sent(), job.total()))));
        empty(groups, "Nothing parked in the last 24 hours");
        empty(incidents, "No open incident");
        empty(jobs, "No replay running or paused");
    }

    private static List<InflowChart.Series> series(Collection<DlqInflow> dlqs, Instant now) {
        var busiest = dlqs.stream()
                .filter(d -> d.inflow().total() > 0)
                .sorted(Comparator.comparingLong((DlqInflow d) -> d.inflow().total())
                        .reversed())
                .toList();
        var series = new ArrayList<InflowChart.Series>();
        var others = Inflow.none(Inflow.dayEndingAt(now));
        for (var dlq : busiest) {
            if (series.size() < SHOWN_DLQS) {
                series.add(new InflowChart.Series(dlq.dlq(), dlq.inflow().buckets()));
            } else {
                others = others.plus(dlq.inflow());
            }
        }
        if (others.total() > 0) {
            var more = busiest.size() - SHOWN_DLQS;
            series.add(new InflowChart.Series(more + (more == 1 ? " other DLQ" : " other DLQs"), others.buckets()));
        }
        return series;
    }

    private static Component groupLink(GroupInflow group) {
        var link = new RouterLink(group.template(), MessagesView.class);
        link.setQueryParameters(QueryParameters.of("group", group.fingerprint()));
        link.getElement().setAttribute("title", group.template());
        return link;
    }

    private static Component incidentLink(Incident incident) {
        return new RouterLink(
                incident.key() + " " + incident.title(),
                IncidentView.class,
                new RouteParameters("incidentId", Long.toString(incident.id())));
    }

    private static Component jobLink(ReplayJob job) {
        return new RouterLink(
                "Job " + job.id(), ReplayJobView.class, new RouteParameters("jobId", Long.toString(job.id())));
    }

    private static Div line(Component link, String figure) {
        link.addClassName("right-now-link");
        var text = new Span(figure);
        text.addClassName("right-now-figure");
        var line = new Div(link, text);
        line.addClassName("right-now-line");
        return line;
    }

    private static void empty(Div panel, String text) {
        if (panel.getComponentCount() == 0) {
            var none = new Span(text);
            none.addClassName("right-now-none");
            panel.add(none);
        }
    }

    private static Div panel(String id) {
        var panel = new Div();
        panel.setId(id);
        panel.addClassName("right-now-list");
        return panel;
    }

    private static Div titled(String title, Div list) {
        var box = new Div(new H3(title), list);
        box.addClassName("right-now-panel");
        return box;
    }
}
