package dev.dlqconsole.overview.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.dlqconsole.overview.OverviewService;
import dev.dlqconsole.security.Roles;
import dev.dlqconsole.sqs.ConnectionSettings;
import jakarta.annotation.security.RolesAllowed;

/** The SQS connections as configured: accounts, regions, endpoints, and whether the console may delete. */
@Route("connections")
@PageTitle("Connections · DLQ Console")
@Menu(order = 90, icon = "vaadin:connect", title = "Connections")
@RolesAllowed(Roles.ADMIN)
public class ConnectionsView extends VerticalLayout {

    ConnectionsView(OverviewService overview) {
        setId("connections-view");
        setSizeFull();
        addClassName("page");
        var grid = new Grid<ConnectionSettings>();
        grid.setId("connections-grid");
        grid.addColumn(ConnectionSettings::name).setHeader("Name").setAutoWidth(true);
        grid.addColumn(ConnectionSettings::region).setHeader("Region").setAutoWidth(true);
        grid.addColumn(c -> c.endpoint() == null ? "AWS default" : c.endpoint()).setHeader("Endpoint");
        grid.addColumn(ConnectionSettings::credentials).setHeader("Credentials");
        grid.addColumn(c -> c.mode().name().toLowerCase(java.util.Locale.ROOT))
                .setHeader("Mode")
                .setAutoWidth(true);
        grid.addColumn(c -> c.include() + (c.exclude().isBlank() ? "" : "  except " + c.exclude()))
                .setHeader("Queues watched");
        grid.setItems(overview.connections());
        add(
                new H2("Connections"),
                new Paragraph(
                        "Configured with dlq-console.sqs.connections; park mode drains DLQs, peek mode only reads."),
                grid);
    }
}
