package dev.dlqconsole.parking.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.dlqconsole.base.ui.Formats;
import dev.dlqconsole.base.ui.LiveUpdates;
import dev.dlqconsole.parking.FailureFingerprint;
import dev.dlqconsole.parking.MessageEditService;
import dev.dlqconsole.parking.MessageFilter;
import dev.dlqconsole.parking.MessageRow;
import dev.dlqconsole.parking.ParkedStatus;
import dev.dlqconsole.parking.ParkingService;
import dev.dlqconsole.parking.SavedViews;
import dev.dlqconsole.security.Roles;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Every parked message across every DLQ, newest first, filtered by what the URL says, so a filtered
 * view can be pasted into an incident channel. The grid pages by keyset and never counts the table.
 */
@Route("messages")
@PageTitle("Messages · DLQ Console")
@Menu(order = 10, icon = "vaadin:envelopes-o", title = "Messages")
@PermitAll
public class MessagesView extends VerticalLayout implements BeforeEnterObserver {

    private static final long COUNT_CAP = 10_000;
    /** How long a page waits for its count before it shows "counting…" and pushes the count later. */
    private static final long COUNT_WAIT_MILLIS = 150;

    private static final java.util.concurrent.Executor COUNTERS =
            java.util.concurrent.Executors.newThreadPerTaskExecutor(
                    Thread.ofVirtual().name("messages-count-", 0).factory());
    /** Selected ids travel in the replay page's link; beyond this a filter is the better tool. */
    private static final int MAX_SELECTED_IN_LINK = 500;

    private final ParkingService parking;
    /** Counts asked for so far: only the latest one's answer is shown. */
    private int countsAsked;

    private final MessageEditService edits;
    private final Clock clock;
    private final boolean operator;
    private final Grid<MessageRow> grid = new Grid<>();
    private final ComboBox<String> connection = new ComboBox<>("Connection");
    private final ComboBox<String> dlq = new ComboBox<>("DLQ");
    private final ComboBox<String> source = new ComboBox<>("Source queue");
    private final Select<ParkedStatus> status = new Select<>();
    private final DateTimePicker from = new DateTimePicker("Parked from (UTC)");
    private final DateTimePicker to = new DateTimePicker("to (UTC)");
    private final TextField text = new TextField("Body or attribute contains");
    private final TextField trace = new TextField("Trace id");
    private final Select<String> traced = new Select<>();
    private final Span groupChip = new Span();
    private final Span count = new Span();
    private final Button discard = new Button("Discard selected…", new Icon(VaadinIcon.TRASH));
    private final Button replaySelected = new Button("Replay selected…", new Icon(VaadinIcon.PLAY));
    private final Button replayMatching = new Button("Replay all matching…", new Icon(VaadinIcon.FAST_FORWARD));
    /** Keyset cursors: the id the page starting at an offset must stay below. */
    private final Map<Integer, Long> cursors = new HashMap<>();

    private MessageFilter filter = MessageFilter.ALL;
    private boolean applyingUrl;

    MessagesView(
            ParkingService parking,
            MessageEditService edits,
            SavedViews views,
            Clock clock,
            AuthenticationContext authentication) {
        this.parking = parking;
        this.edits = edits;
        this.clock = clock;
        this.operator = authentication.hasAnyRole(Roles.OPERATOR, Roles.ADMIN);
        setId("messages-view");
        setSizeFull();
        addClassName("page");

        count.setId("message-count");
        count.addClassName("page-summary");
        var header = new HorizontalLayout(new H2("Parked messages"), count);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        header.setWidthFull();
        header.expand(count);
        var user = authentication.getPrincipalName().orElse("");
        var saveView = new Button(
                "Save view…", new Icon(VaadinIcon.BOOKMARK_O), click -> new SaveViewDialog(views, filter, user).open());
        saveView.setId("save-view");
        saveView.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        saveView.setTooltipText("Keep this filter in the menu, for you or the team");
        header.add(saveView);
        if (operator) {
            replaySelected.setId("replay-selected");
            replaySelected.setEnabled(false);
            replaySelected.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            replaySelected.addClickListener(click -> {
                var selected = grid.getSelectedItems();
                if (selected.size() > MAX_SELECTED_IN_LINK) {
                    Notification.show(
                                    "Select at most " + MAX_SELECTED_IN_LINK
                                            + " messages, or use \"Replay all matching\" with a filter",
                                    6_000,
                                    Notification.Position.BOTTOM_START)
                            .addThemeVariants(NotificationVariant.LUMO_WARNING);
                    return;
                }
                replay(QueryParameters.of(
                        "ids",
                        String.join(
                                ",",
                                selected.stream()
                                        .map(row -> Long.toString(row.id()))
                                        .toList())));
            });
            replayMatching.setId("replay-matching");
            replayMatching.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            replayMatching.addClickListener(click -> replay(MessageFilters.toQuery(filter)));
            header.add(replayMatching, replaySelected);
            discard.setId("discard-selected");
            discard.setEnabled(false);
            discard.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            discard.addClickListener(click -> confirmDiscard());
            header.add(discard);
        }
        var admin = authentication.hasRole(Roles.ADMIN);
        if (parking.exportAllowed() || admin) {
            header.add(new ExportMenu(
                    parking,
                    () -> filter,
                    "export-messages",
                    admin ? () -> new ImportDialog(parking, this::refresh).open() : null));
        }
        if (edits.permitted()) {
            var bulk = new Button(
                    "Find and replace…",
                    new Icon(VaadinIcon.EDIT),
                    click -> new BulkEditDialog(
                                    filter, "the matching messages", edits::previewBulk, edits::applyBulk, () -> {})
                            .open());
            bulk.setId("bulk-edit");
            bulk.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            bulk.setTooltipText("Edit the bodies of the matching messages before a replay");
            header.add(bulk);
        }

        add(header, filters(), groupChip, grid);
        configureGrid();
    }

    private Component filters() {
        var options = parking.filterOptions();
        connection.setId("filter-connection");
        connection.setItems(options.connections());
        connection.setClearButtonVisible(true);
        connection.setPlaceholder("any");
        // Only worth a field when there is a choice; a link naming one still applies.
        connection.setVisible(options.connections().size() > 1);
        dlq.setId("filter-dlq");
        dlq.setItems(options.dlqs());
        dlq.setClearButtonVisible(true);
        source.setId("filter-source");
        source.setItems(options.sources());
        source.setClearButtonVisible(true);
        status.setId("filter-status");
        status.setLabel("Status");
        status.setItems(ParkedStatus.values());
        status.setItemLabelGenerator(s -> s == null ? "Any" : s.label());
        status.setEmptySelectionAllowed(true);
        status.setEmptySelectionCaption("Any");
        from.setId("filter-from");
        to.setId("filter-to");
        text.setId("filter-text");
        text.setPrefixComponent(new Icon(VaadinIcon.SEARCH));
        text.setClearButtonVisible(true);
        text.setValueChangeMode(ValueChangeMode.LAZY);
        text.setMaxLength(200);
        trace.setId("filter-trace");
        trace.setClearButtonVisible(true);
        trace.setValueChangeMode(ValueChangeMode.LAZY);
        trace.setPlaceholder("32 hex, traceparent or X-Ray id");

        traced.setId("filter-traced");
        traced.setLabel("Trace");
        traced.setItems("Any", "With trace", "Without trace");
        traced.setValue("Any");
        traced.addValueChangeListener(e -> filtersChanged());
        connection.addValueChangeListener(e -> filtersChanged());
        dlq.addValueChangeListener(e -> filtersChanged());
        source.addValueChangeListener(e -> filtersChanged());
        text.addValueChangeListener(e -> filtersChanged());
        trace.addValueChangeListener(e -> filtersChanged());
        status.addValueChangeListener(e -> filtersChanged());
        from.addValueChangeListener(e -> filtersChanged());
        to.addValueChangeListener(e -> filtersChanged());

        var bar = new Div(connection, dlq, source, status, text, trace, traced, from, to);
        bar.addClassName("filter-bar");
        groupChip.addClassName("group-chip");
        groupChip.setVisible(false);
        return bar;
    }

    private void configureGrid() {
        grid.setId("messages-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.setSizeFull();
        grid.setSelectionMode(operator ? Grid.SelectionMode.MULTI : Grid.SelectionMode.NONE);
        grid.addColumn(row -> Formats.shortTime(row.parkedAt()))
                .setHeader("Parked")
                .setTooltipGenerator(
                        row -> Formats.time(row.parkedAt()) + " · " + Formats.ago(row.parkedAt(), clock.instant()))
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(MessageRow::dlq).setHeader("DLQ").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(row -> row.source() == null ? "unknown" : row.source())
                .setHeader("Source")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(row -> row.failureReason() == null ? "—" : row.failureReason())
                .setHeader("Failure reason")
                .setTooltipGenerator(row -> row.failureReason() == null ? "" : row.failureReason())
                .setFlexGrow(3)
                .setKey("reason");
        grid.addColumn(MessageRow::receiveCount)
                .setHeader("Receives")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addComponentColumn(this::traceCell)
                .setHeader("Trace")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addComponentColumn(row -> new StatusBadge(row.status()))
                .setHeader("Status")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(MessageRow::bodyPreview)
                .setHeader("Body")
                .setTooltipGenerator(MessageRow::bodyPreview)
                .setFlexGrow(3)
                .setKey("body");
        grid.addItemClickListener(click -> getUI().ifPresent(
                        ui -> ui.navigate(MessageView.class, click.getItem().id())));
        if (operator) {
            grid.addSelectionListener(selection ->
                    discard.setEnabled(!selection.getAllSelectedItems().isEmpty()));
        }
        grid.setItems(query -> fetch(query.getOffset(), query.getLimit()).stream());
        grid.setEmptyStateText("No parked message matches these filters.");
    }

    private Component traceCell(MessageRow row) {
        if (row.traceId() == null) {
            return new Span();
        }
        var icon = new Icon(VaadinIcon.CONNECT_O);
        icon.addClassName("trace-icon");
        var url = parking.traceUrl(row.traceId());
        if (url.isEmpty()) {
            icon.setTooltipText("Trace " + row.traceId());
            return icon;
        }
        var link = new Anchor(url.get(), icon);
        link.setTarget(AnchorTarget.BLANK);
        link.getElement().setAttribute("rel", "noopener noreferrer");
        link.getElement().setAttribute("title", "Open trace " + row.traceId());
        link.addClassName("trace-link");
        return link;
    }

    private List<MessageRow> fetch(int offset, int limit) {
        var cursor = offset == 0 ? null : cursors.get(offset);
        var rows = offset == 0 || cursor != null
                ? parking.page(filter, cursor, limit)
                : parking.pageAt(filter, offset, limit);
        if (!rows.isEmpty()) {
            cursors.put(offset + rows.size(), rows.getLast().id());
        }
        return rows;
    }

    private void filtersChanged() {
        if (applyingUrl) {
            return;
        }
        try {
            var next = new MessageFilter(
                    dlq.getValue(),
                    source.getValue(),
                    status.getValue(),
                    filter.fingerprint(),
                    from.getValue() == null ? null : from.getValue().toInstant(java.time.ZoneOffset.UTC),
                    to.getValue() == null ? null : to.getValue().toInstant(java.time.ZoneOffset.UTC),
                    text.getValue(),
                    MessageFilters.normaliseTraceId(trace.getValue()),
                    switch (traced.getValue()) {
                        case "With trace" -> Boolean.TRUE;
                        case "Without trace" -> Boolean.FALSE;
                        default -> null;
                    },
                    connection.getValue());
            getUI().ifPresent(ui -> ui.navigate(MessagesView.class, MessageFilters.toQuery(next)));
        } catch (IllegalArgumentException e) {
            Notification.show(e.getMessage(), 5_000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        try {
            filter = MessageFilters.fromQuery(event.getLocation().getQueryParameters());
        } catch (IllegalArgumentException e) {
            filter = MessageFilter.ALL;
            Notification.show(
                            "Ignored a bad filter in the link: " + e.getMessage(),
                            6_000,
                            Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_WARNING);
        }
        applyingUrl = true;
        try {
            connection.setValue(filter.connection());
            dlq.setValue(filter.dlq());
            source.setValue(filter.source());
            status.setValue(filter.status());
            from.setValue(
                    filter.from() == null
                            ? null
                            : java.time.LocalDateTime.ofInstant(filter.from(), java.time.ZoneOffset.UTC));
            to.setValue(
                    filter.to() == null
                            ? null
                            : java.time.LocalDateTime.ofInstant(filter.to(), java.time.ZoneOffset.UTC));
            text.setValue(filter.text() == null ? "" : filter.text());
            trace.setValue(filter.traceId() == null ? "" : filter.traceId());
            traced.setValue(filter.hasTrace() == null ? "Any" : filter.hasTrace() ? "With trace" : "Without trace");
        } finally {
            applyingUrl = false;
        }
        showGroupChip();
        refresh();
    }

    private void showGroupChip() {
        groupChip.removeAll();
        groupChip.setVisible(filter.fingerprint() != null);
        if (filter.fingerprint() == null) {
            return;
        }
        var sample = parking.page(filter, null, 1);
        var title = sample.isEmpty()
                ? filter.fingerprint()
                : FailureFingerprint.template(sample.getFirst().failureReason());
        var clear = new Button(
                new Icon(VaadinIcon.CLOSE_SMALL),
                click -> getUI().ifPresent(ui ->
                        ui.navigate(MessagesView.class, MessageFilters.toQuery(filter.withFingerprint(null)))));
        clear.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        clear.setAriaLabel("Clear the failure group filter");
        groupChip.add(new Span("Failure group: "), new Span(title), clear);
        groupChip.setId("group-chip");
    }

    private void refresh() {
        cursors.clear();
        if (operator) {
            grid.deselectAll();
        }
        grid.getDataProvider().refreshAll();
        showCount();
    }

    /**
     * The capped count, read beside the grid's first page: shown with the page when it comes within a
     * moment, else "counting…" until it does (a common value over a million messages, or H2 at that
     * size, takes longer than the page). A count that a later one overtook is dropped.
     */
    private void showCount() {
        var counted = filter;
        var generation = ++countsAsked;
        var ui = UI.getCurrent();
        var user = SecurityContextHolder.getContext();
        var reading = CompletableFuture.supplyAsync(
                () -> {
                    SecurityContextHolder.setContext(user);
                    try {
                        return parking.count(counted, COUNT_CAP);
                    } finally {
                        SecurityContextHolder.clearContext();
                    }
                },
                COUNTERS);
        try {
            count.setText(countText(reading.get(COUNT_WAIT_MILLIS, TimeUnit.MILLISECONDS)));
            return;
        } catch (TimeoutException e) {
            count.setText("counting…");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        reading.whenComplete((n, failure) -> LiveUpdates.accessAs(ui, user, () -> {
            if (generation == countsAsked) {
                count.setText(failure == null ? countText(n) : "count not available");
            }
        }));
    }

    private static String countText(long n) {
        return n >= COUNT_CAP
                ? String.format("more than %,d messages", COUNT_CAP)
                : String.format(n == 1 ? "%,d message" : "%,d messages", n);
    }

    /** The replay page lives in the replay feature; it is reached by its route, with the selection. */
    private void replay(QueryParameters selection) {
        getUI().ifPresent(ui -> ui.navigate("replay/new", selection));
    }

    private void confirmDiscard() {
        var ids = grid.getSelectedItems().stream().map(MessageRow::id).toList();
        new DiscardDialog(ids.size(), reason -> {
                    try {
                        var discarded = parking.discard(ids, reason);
                        Notification.show(
                                        String.format("Discarded %,d messages", discarded),
                                        4_000,
                                        Notification.Position.BOTTOM_START)
                                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                        refresh();
                    } catch (IllegalArgumentException e) {
                        Notification.show(e.getMessage(), 6_000, Notification.Position.BOTTOM_START)
                                .addThemeVariants(NotificationVariant.LUMO_ERROR);
                    }
                })
                .open();
    }
}
