package dev.dlqconsole.parking.ui;

import com.vaadin.flow.component.html.Span;
import dev.dlqconsole.parking.ParkedStatus;

/** A parked message's status as a small coloured label. */
final class StatusBadge extends Span {

    StatusBadge(ParkedStatus status) {
        super(status.label());
        addClassNames("status-badge", "status-" + status.name().toLowerCase(java.util.Locale.ROOT));
    }
}
