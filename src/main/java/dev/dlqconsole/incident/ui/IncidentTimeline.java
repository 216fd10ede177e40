package dev.dlqconsole.incident.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import dev.dlqconsole.audit.AuditEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Everything done for the incident, grouped under the step it served, in the order it happened. */
class IncidentTimeline extends Div {

    private int shownEvents = -1;

    IncidentTimeline() {
        setId("incident-timeline");
        addClassName("incident-timeline");
    }

    /**
     * Shows the events unless as many are shown already: the live update calls this every few seconds,
     * and redrawing an unchanged timeline would only cost the step titles' query and the push.
     */
    void show(List<AuditEvent> events, Supplier<Map<Integer, String>> stepTitles) {
        if (events.size() == shownEvents) {
            return;
        }
        shownEvents = events.size();
        var titles = stepTitles.get();
        var byStep = new LinkedHashMap<@Nullable Integer, Div>();
        removeAll();
        for (var event : events) {
            var group = byStep.computeIfAbsent(event.step(), step -> {
                var box = new Div();
                box.addClassName("timeline-group");
                box.setId("timeline-step-" + (step == null ? "none" : step));
                var heading = new Span(
                        step == null
                                ? "Outside the runbook's steps"
                                : "Step " + step + ". " + titles.getOrDefault(step, ""));
                heading.addClassName("timeline-heading");
                box.add(heading);
                add(box);
                return box;
            });
            group.add(new TimelineEntry(event));
        }
        if (events.isEmpty()) {
            add(new Span("Nothing recorded yet."));
        }
    }

    /** Makes the next {@link #show} redraw whatever the count, as part of the view's full refresh. */
    void redrawNext() {
        shownEvents = -1;
    }
}
