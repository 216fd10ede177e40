package dev.dlqconsole.overview.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
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
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.dlqconsole.base.ui.Formats;
import dev.dlqconsole.base.ui.InflowChart;
import dev.dlqconsole.base.ui.LiveUpdates;
import dev.dlqconsole.incident.Incident;
import dev.dlqconsole.overview.OverviewService;
import dev.dlqconsole.parking.DlqInflow;
import dev.dlqconsole.parking.DlqParkingCount;
import dev.dlqconsole.parking.GroupInflow;
import dev.dlqconsole.parking.Inflow;
import dev.dlqconsole.parking.ui.MessagesView;
import dev.dlqconsole.replay.ReplayJob;
import dev.dlqconsole.security.Roles;
import dev.dlqconsole.sqs.ConnectionInventory;
import dev.dlqconsole.sqs.DeadLetterQueue;
import jakarta.annotation.security.PermitAll;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.context.SecurityContextHolder;

/** The landing page: every DLQ across connections, its depth, and what needs attention. */
@Route("")
@PageTitle("Overview · DLQ Console")
@Menu(order = 0, icon = "vaadin:dashboard", title = "Overview")
@PermitAll
public class OverviewView extends VerticalLayout {

    private final OverviewService overview;
    private final boolean operator;
    private final Grid<Row> grid = new Grid<>();
    private final Span summary = new Span();
    private final RightNow rightNow = new RightNow();
    private Map<String, DlqParkingCount> parked = Map.of();
    private Map<String, DlqInflow> inflow = Map.of();

    OverviewView(OverviewService overview, AuthenticationContext authentication) {
        this.overview = overview;
        this.operator = authentication.hasAnyRole(Roles.OPERATOR, Roles.ADMIN);
        setId("overview-view");
        setWidthFull();
        addClassName("page");

        var refresh = new Button("Refresh", new Icon(VaadinIcon.REFRESH), click -> show(load(overview.refresh())));
        refresh.setId("refresh");
        refresh.setVisible(operator); // an operator's action: it makes the console list every queue again
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        summary.setId("overview-summary");
        summary.addClassName("page-summary");
        var header = new HorizontalLayout(new H2("Dead-letter queues"), summary, refresh);
        header.setWidthFull();
        header.setAlignItems(Alignment.BASELINE);
        header.expand(summary);

        configureGrid();
        add(header, rightNow, grid);
        show(load(overview.inventories()));
        // Read outside the session's lock: at a million parked messages the counts take a while, and
        // the user's other tabs wait on that lock for every click.
        LiveUpdates.whileAttached(this, 5_000, () -> load(overview.inventories()), this::show);
    }

    private void configureGrid() {
        grid.setId("dlq-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setWidthFull();
        // A row per DLQ, a few dozen at most: the page scrolls, not a grid squeezed under the charts.
        grid.setAllRowsVisible(true);
        grid.addColumn(Row::connection)
                .setHeader("Connection")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addComponentColumn(OverviewView::nameCell)
                .setHeader("DLQ")
                .setWidth("9rem")
                .setFlexGrow(2)
                .setKey("name");
        grid.addColumn(OverviewView::sources)
                .setTooltipGenerator(OverviewView::sources)
                .setHeader("Source queues")
                .setWidth("6rem")
                .setFlexGrow(1);
        // No type column: a FIFO queue's name ends in .fifo (SQS insists), and the inflow needs the room.
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
        grid.addColumn(row -> row.dlq() == null ? "" : String.format("%,d", parkedCount(row.dlq())))
                .setHeader("Parked")
                .setTooltipGenerator(row -> "Messages the console holds for this DLQ, waiting for an operator")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setKey("parked");
        grid.addColumn(row -> row.dlq() == null ? "" : oldestParked(row.dlq()))
                .setHeader("Oldest")
                .setTooltipGenerator(row -> row.dlq() == null ? "" : oldestParkedAt(row.dlq()))
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setKey("oldest");
        grid.addComponentColumn(row -> row.dlq() == null ? new Span() : inflowCell(dlqInflow(row.dlq())))
                .setHeader("Last hour · 24 h")
                .setTooltipGenerator(row -> "Messages parked from this DLQ in the last hour, and over the day")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setKey("inflow");
        grid.addComponentColumn(OverviewView::retentionCell)
                .setHeader("Retention")
                .setAutoWidth(true)
                .setFlexGrow(0);
        if (operator) {
            grid.addColumn(parkNowButton()).setAutoWidth(true).setFlexGrow(0);
        }
    }

    /** The last hour's count beside the day's sparkline. */
    private static Component inflowCell(Inflow inflow) {
        var count = new Span(String.format("%,d", inflow.lastHour()));
        count.addClassName("inflow-count");
        var cell = new Div(count, InflowChart.sparkline(inflow.buckets(), inflow.from()));
        cell.addClassName("inflow-cell");
        return cell;
    }

    private Inflow dlqInflow(DeadLetterQueue dlq) {
        var shown = inflow.get(OverviewService.key(dlq.connection(), dlq.name()));
        return shown == null ? Inflow.none(Inflow.dayEndingAt(Instant.now())) : shown.inflow();
    }

    private String oldestParked(DeadLetterQueue dlq) {
        var shown = inflow.get(OverviewService.key(dlq.connection(), dlq.name()));
        return shown == null || shown.oldestParked() == null ? "" : Formats.ago(shown.oldestParked(), Instant.now());
    }

    private String oldestParkedAt(DeadLetterQueue dlq) {
        var shown = inflow.get(OverviewService.key(dlq.connection(), dlq.name()));
        return shown == null || shown.oldestParked() == null
                ? "Nothing waiting in the parking lot"
                : "The oldest message still waiting in the parking lot came at " + Formats.time(shown.oldestParked());
    }

    private long parkedCount(DeadLetterQueue dlq) {
        var count = parked.get(OverviewService.key(dlq.connection(), dlq.name()));
        return count == null ? 0 : count.parked();
    }

    /**
     * "Park now" rendered in the browser; its click names the DLQ in a DOM event, so the refresh every
     * five seconds (which replaces the grid's items) cannot drop a click in flight.
     */
    private LitRenderer<Row> parkNowButton() {
        grid.getElement()
                .addEventListener(
                        "park-now",
                        event -> parkNow(
                                event.getEventData()
                                        .get("event.detail.connection")
                                        .asString(),
                                event.getEventData().get("event.detail.dlq").asString()))
                .addEventData("event.detail.connection")
                .addEventData("event.detail.dlq");
        return LitRenderer.<Row>of("""
                        <vaadin-button id="park-now-${item.buttonId}" theme="small tertiary" ?hidden=${!item.dlq}
                            title="Drain ${item.dlq} into the parking lot now"
                            @click=${e => e.target.dispatchEvent(new CustomEvent('park-now', {bubbles: true,
                                composed: true, detail: {connection: item.connection, dlq: item.dlq}}))}>
                            <vaadin-icon icon="vaadin:download-alt" slot="prefix"></vaadin-icon>Park now
                        </vaadin-button>""")
                .withProperty("connection", Row::connection)
                .withProperty("dlq", row -> row.dlq() == null ? "" : row.dlq().name())
                .withProperty(
                        "buttonId",
                        // Connection and DLQ: two accounts may each have an orders-dlq.
                        row -> row.dlq() == null
                                ? ""
                                : (row.connection() + "-" + row.dlq().name()).replaceAll("[^A-Za-z0-9_-]", "-"));
    }

    /**
     * Drains the DLQ off the UI thread (a DLQ that keeps filling takes up to the drain's 20 s budget),
     * so the page stays usable; the result arrives by server push.
     */
    private void parkNow(String connection, String dlq) {
        var ui = UI.getCurrent();
        var user = SecurityContextHolder.getContext();
        Notification.show("Parking " + dlq + "…", 3_000, Notification.Position.BOTTOM_START);
        Thread.ofVirtual().name("park-now").start(() -> {
            String message;
            NotificationVariant variant;
            SecurityContextHolder.setContext(user);
            try {
                var result = overview.parkNow(connection, dlq);
                message = result.received() == 0
                        ? dlq + " is empty: nothing to park"
                        : String.format("Parked %,d messages from %s", result.parked(), dlq);
                variant = NotificationVariant.LUMO_SUCCESS;
            } catch (RuntimeException e) {
                message = e.getMessage();
                variant = NotificationVariant.LUMO_ERROR;
            } finally {
                SecurityContextHolder.clearContext();
            }
            var text = message;
            var theme = variant;
            SecurityContextHolder.setContext(user);
            Snapshot now = null;
            try {
                now = load(overview.inventories());
            } catch (RuntimeException e) {
                // The page refreshes itself later; the answer to the click is shown now.
            } finally {
                SecurityContextHolder.clearContext();
            }
            var shown = now;
            LiveUpdates.accessAs(ui, user, () -> {
                Notification.show(text, 6_000, Notification.Position.BOTTOM_START)
                        .addThemeVariants(theme);
                if (shown != null) {
                    show(shown);
                }
            });
        });
    }

    /** What the page shows, read from the services (no component is touched: it runs outside the UI's lock). */
    private record Snapshot(
            List<ConnectionInventory> inventories,
            Map<String, DlqParkingCount> parked,
            Map<String, DlqInflow> inflow,
            List<GroupInflow> topGroups,
            List<Incident> openIncidents,
            List<ReplayJob> unfinishedJobs) {}

    private Snapshot load(List<ConnectionInventory> inventories) {
        return new Snapshot(
                inventories,
                overview.parkedCounts(),
                overview.inflowByDlq(),
                overview.topGroups(),
                overview.openIncidents(),
                overview.unfinishedJobs());
    }

    private void show(Snapshot snapshot) {
        var inventories = snapshot.inventories();
        parked = snapshot.parked();
        inflow = snapshot.inflow();
        rightNow.show(
                inflow.values(),
                snapshot.topGroups(),
                snapshot.openIncidents(),
                snapshot.unfinishedJobs(),
                Instant.now());
        var rows = new ArrayList<Row>();
        long dlqs = 0;
        long visible = 0;
        long parkedTotal =
                parked.values().stream().mapToLong(DlqParkingCount::parked).sum();
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
                "%d DLQs on %d connection%s · %,d waiting in SQS · %,d parked%s",
                dlqs,
                inventories.size(),
                inventories.size() == 1 ? "" : "s",
                visible,
                parkedTotal,
                failing == 0 ? "" : " · " + failing + " connection" + (failing == 1 ? "" : "s") + " unreachable"));
    }

    private static String sources(Row row) {
        return row.dlq() == null
                ? ""
                : row.dlq().sources().stream()
                        .map(DeadLetterQueue.SourceQueue::name)
                        .collect(Collectors.joining(", "));
    }

    private static Component nameCell(Row row) {
        if (row.dlq() == null) {
            var error =
                    new Span(new Icon(VaadinIcon.WARNING), new Span("Cannot reach this connection: " + row.error()));
            error.addClassName("connection-error");
            return error;
        }
        var name = new RouterLink(row.dlq().name(), MessagesView.class);
        name.setQueryParameters(QueryParameters.of("dlq", row.dlq().name()));
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

    /** A DLQ, or a connection that could not be read (then {@code dlq} is null and {@code error} says why). */
    record Row(
            String connection,
            @Nullable DeadLetterQueue dlq,
            @Nullable String error) {}
}
