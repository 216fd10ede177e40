package dev.dlqconsole.parking.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import dev.dlqconsole.parking.MessageTrace;
import dev.dlqconsole.parking.ParkingService;
import dev.dlqconsole.tracing.TraceSummaryResult;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;

/**
 * A message's trace: its id and link, and a summary from Jaeger fetched in the background, so a slow
 * or absent Jaeger never holds up the page.
 */
class TracePanel extends Div {

    private final Div summary = new Div();

    TracePanel(MessageTrace trace, ParkingService parking) {
        setId("trace-panel");
        addClassName("trace-panel");
        if (!trace.present()) {
            add(new Span(
                    "This message carries no trace context (no traceparent, uber-trace-id, b3 or AWSTraceHeader)."));
            return;
        }
        if (!trace.readable()) {
            var unreadable = new Span("Unreadable " + trace.header() + " header: " + trace.problem());
            unreadable.setId("trace-unreadable");
            unreadable.addClassName("trace-unreadable");
            var raw = new Span(trace.rawValue());
            raw.addClassName("fact-value");
            add(unreadable, new Div(raw));
            return;
        }
        var id = new Span(trace.traceId());
        id.setId("trace-id");
        id.addClassName("fact-value");
        var source = new Span("from " + trace.header() + " (" + trace.format() + ")");
        source.addClassName("fact-label");
        var line = new Div(id, source);
        line.addClassName("trace-line");
        if (trace.url() != null) {
            var link = new Anchor(trace.url(), "Open in trace UI");
            link.setId("trace-link");
            link.setTarget(AnchorTarget.BLANK);
            link.getElement().setAttribute("rel", "noopener noreferrer");
            link.addComponentAsFirst(new Icon(VaadinIcon.EXTERNAL_LINK));
            line.add(link);
        }
        summary.setId("trace-summary");
        summary.addClassName("trace-summary");
        summary.setText("Asking Jaeger for a summary…");
        add(line, summary);
        load(trace.traceId(), parking);
    }

    private void load(String traceId, ParkingService parking) {
        var ui = UI.getCurrent();
        // A virtual thread per summary: Jaeger calls block up to their timeout, and the common pool
        // has one thread on a two-core machine.
        Thread.ofVirtual().name("trace-summary").start(new DelegatingSecurityContextRunnable(() -> {
            var result = parking.traceSummary(traceId);
            ui.access(() -> show(result));
        }));
    }

    private void show(TraceSummaryResult result) {
        summary.removeAll();
        summary.setText("");
        switch (result) {
            case TraceSummaryResult.Summary s -> {
                var headline = new Span(String.format(
                        "%d spans across %d services (%s) · %,d ms",
                        s.spanCount(),
                        s.services().size(),
                        String.join(", ", s.services()),
                        s.duration().toMillis()));
                headline.addClassName("trace-headline");
                summary.add(headline);
                if (s.errorSpans().isEmpty()) {
                    summary.add(new Div(new Span("No span in this trace recorded an error.")));
                }
                for (var span : s.errorSpans()) {
                    var error = new Div(
                            new Icon(VaadinIcon.EXCLAMATION_CIRCLE_O),
                            new Span(span.service() + " · " + span.operation()),
                            new Span(span.errorMessage() == null ? "" : span.errorMessage()));
                    error.addClassName("trace-error-span");
                    summary.add(error);
                }
            }
            case TraceSummaryResult.NotFound notFound ->
                summary.setText(
                        "Jaeger has no trace with this id: it was not sampled, has expired, or never reached Jaeger.");
            case TraceSummaryResult.Unavailable unavailable ->
                summary.setText("No summary: Jaeger could not be asked (" + unavailable.reason()
                        + "). The link may still work.");
            case TraceSummaryResult.NotConfigured notConfigured ->
                summary.setText(
                        "No inline summary: set dlq-console.tracing.jaeger-query-url to Jaeger's query service.");
        }
    }
}
