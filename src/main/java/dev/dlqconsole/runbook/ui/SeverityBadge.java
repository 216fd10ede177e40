package dev.dlqconsole.runbook.ui;

import com.vaadin.flow.component.html.Span;
import dev.dlqconsole.runbook.Severity;

/** A runbook's severity as a small coloured label, sev1 the strongest colour. */
final class SeverityBadge extends Span {

    SeverityBadge(Severity severity) {
        super(severity.label());
        addClassNames("status-badge", "severity-" + severity.label());
        setTitle("Severity " + severity.label() + " (sev1 is the worst, sev4 the mildest)");
    }
}
