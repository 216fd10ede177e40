package dev.dlqconsole.overview.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import dev.dlqconsole.overview.OverviewService;
import dev.dlqconsole.sqs.ConnectionInventory;
import dev.dlqconsole.sqs.DeadLetterQueue;
import jakarta.annotation.security.PermitAll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The landing page: every DLQ across connections, its depth, and what needs attention. */
@Route("")
@PageTitle("Overview · DLQ Console")
@Menu(order = 0, icon = "vaadin:dashboard", title = "Overview")
@PermitAll
public class OverviewView extends VerticalLayout {

    private final OverviewService overview;
    private final Grid<Row> grid = new Grid<>();
    private final Span summary = new Span();
    private @Nullable Registration polling;

    OverviewView(OverviewService overview) {
        this.overview = overview;
        setId("overview-view");
        setSizeFull();
        addClassName("page");

        var refresh = new Button("Refresh", new Icon(VaadinIcon.REFRESH), click -> show(overview.refresh()));
        refresh.setId("refresh");
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        summary.setId("overview-summary");
        summary.addClassName("page-summary");
        var header = new HorizontalLayout(new H2("Dead-letter queues"), summary, refresh);
        header.setWidthFull();
        header.setAlignItems(Alignment.BASELINE);
        header.expand(summary);

        configureGrid();
        add(header, grid);
        show(overview.inventories());
    }

    private void configureGrid() {
        grid.setId("dlq-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setSizeFull();
        grid.addColumn(Row::connection)
                .setHeader("Connection")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addComponentColumn(OverviewView::nameCell).setHeader("DLQ").setFlexGrow(2);
        grid.addColumn(row -> row.dlq() == null
                        ? ""
                        : row.dlq().sources().stream()
                                .map(DeadLetterQueue.SourceQueue::name)
                                .collect(Collectors.joining(", ")))
                .setHeader("Source queues")
                .setFlexGrow(2);
        grid.addColumn(row -> row.dlq() == null ? "" : row.dlq().fifo() ? "FIFO" : "Standard")
                .setHeader("Type")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(row ->
                        row.dlq() == null ? "" : String.format("%,d", row.dlq().visible()))
                .setHeader("Visible")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setKey("visible");
        grid.addColumn(row ->
                        row.dlq() == null ? "" : String.format("%,d", row.dlq().inFlight()))
                .setHeader("In flight")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addComponentColumn(OverviewView::retentionCell)
                .setHeader("Retention")
                .setAutoWidth(true)
                .setFlexGrow(0);
    }

    private void show(List<ConnectionInventory> inventories) {
        var rows = new ArrayList<Row>();
        long dlqs = 0;
        long visible = 0;
        for (var inventory : inventories) {
            if (!inventory.reachable()) {
                rows.add(new Row(inventory.connection(), null, inventory.error()));
            }
            for (var dlq : inventory.deadLetterQueues()) {
                rows.add(new Row(inventory.connection(), dlq, null));
                dlqs++;
                visible += dlq.visible();
            }
        }
        grid.setItems(rows);
        var failing = inventories.stream().filter(i -> !i.reachable()).count();
        summary.setText(String.format(
                "%d DLQs on %d connection%s · %,d messages waiting%s",
                dlqs,
                inventories.size(),
                inventories.size() == 1 ? "" : "s",
                visible,
                failing == 0 ? "" : " · " + failing + " connection" + (failing == 1 ? "" : "s") + " unreachable"));
    }

    private static Component nameCell(Row row) {
        if (row.dlq() == null) {
            var error =
                    new Span(new Icon(VaadinIcon.WARNING), new Span("Cannot reach this connection: " + row.error()));
            error.addClassName("connection-error");
            return error;
        }
        var name = new Span(row.dlq().name());
        name.addClassName("queue-name");
        return name;
    }

    private static Component retentionCell(Row row) {
        if (row.dlq() == null) {
            return new Span();
        }
        var text = new Span(days(row.dlq().retention()));
        var outliving = row.dlq().sourcesOutlivingRetention();
        if (outliving.isEmpty()) {
            return text;
        }
        var warning = new Icon(VaadinIcon.WARNING);
        warning.addClassName("retention-warning");
        var cell = new Div(text, warning);
        cell.addClassName("retention-cell");
        cell.getElement()
                .setAttribute(
                        "title",
                        "Not longer than the retention of "
                                + outliving.stream()
                                        .map(s -> s.name() + " (" + days(s.retention()) + ")")
                                        .collect(Collectors.joining(", "))
                                + ": SQS keeps a message's original enqueue time, so dead letters can expire early.");
        return cell;
    }

    private static String days(@Nullable Duration duration) {
        if (duration == null) {
            return "not reported";
        }
        var hours = duration.toHours();
        return hours % 24 == 0 ? hours / 24 + " d" : hours + " h";
    }

    @Override
    protected void onAttach(AttachEvent event) {
        event.getUI().setPollInterval(5_000);
        polling = event.getUI().addPollListener(poll -> show(overview.inventories()));
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (polling != null) {
            polling.remove();
        }
        event.getUI().setPollInterval(-1);
    }

    /** A DLQ, or a connection that could not be read (then {@code dlq} is null and {@code error} says why). */
    record Row(
            String connection,
            @Nullable DeadLetterQueue dlq,
            @Nullable String error) {}
}
