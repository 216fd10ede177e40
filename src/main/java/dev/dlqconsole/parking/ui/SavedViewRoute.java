package dev.dlqconsole.parking.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import dev.dlqconsole.parking.SavedViews;
import jakarta.annotation.security.PermitAll;

/**
 * A saved view's stable address, {@code views/{id}}: it opens the Messages view with the view's filter,
 * so the link can go into a runbook or a channel and keep working however the filter is written.
 */
@Route("views/:viewId([0-9]+)")
@PermitAll
public class SavedViewRoute extends Div implements BeforeEnterObserver {

    private final SavedViews views;

    SavedViewRoute(SavedViews views) {
        this.views = views;
        addClassName("page");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var id = event.getRouteParameters().getLong("viewId").orElse(-1L);
        var view = views.find(id);
        if (view.isEmpty()) {
            add(
                    new H2("No such saved view"),
                    new Span("View " + id + " does not exist, or it is someone else's and not shared."),
                    new RouterLink("Messages", MessagesView.class));
            return;
        }
        event.forwardTo("messages", QueryParameters.fromString(view.get().query()));
    }
}
