package dev.dlqconsole.parking.ui;

import com.vaadin.flow.component.html.Span;
import dev.dlqconsole.parking.GroupStatus;

/** Where a failure group stands, as a small coloured label. */
final class GroupStatusBadge extends Span {

    GroupStatusBadge(GroupStatus status) {
        super(status.label());
        addClassNames("status-badge", "group-status-" + status.cssName());
    }
}
