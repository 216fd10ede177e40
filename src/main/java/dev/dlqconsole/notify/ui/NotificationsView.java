package dev.dlqconsole.notify.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.dlqconsole.base.ui.Formats;
import dev.dlqconsole.notify.Delivery;
import dev.dlqconsole.notify.DeliveryStatus;
import dev.dlqconsole.notify.NotificationService;
import dev.dlqconsole.notify.TargetKind;
import dev.dlqconsole.notify.TargetView;
import dev.dlqconsole.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.util.Locale;

/**
 * Where notifications go and how their delivery goes: the targets (host only, never the URL or key),
 * their rules, what waits in the outbox, the last deliveries and the failures with their error.
 */
@Route("notifications")
@PageTitle("Notifications · DLQ Console")
@Menu(order = 85, icon = "vaadin:bell-o", title = "Notifications")
@RolesAllowed(Roles.ADMIN)
public class NotificationsView extends VerticalLayout {

    private final NotificationService notifications;
    private final Grid<TargetView> targets = new Grid<>();
    private final Grid<Delivery> deliveries = new Grid<>();
    private final Grid<Delivery> failures = new Grid<>();
    private final Span waiting = new Span();

    NotificationsView(NotificationService notifications) {
        this.notifications = notifications;
        setId("notifications-view");
        addClassName("page");
        setWidthFull();

        var add = new Button(
                "Add target…",
                click -> new TargetDialog(target -> {
                            try {
                                notifications.add(target);
                                refresh();
                                return null;
                            } catch (IllegalArgumentException e) {
                                return e.getMessage();
                            }
                        })
                        .open());
        add.setId("add-target");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var reload = new Button("Refresh", click -> refresh());
        reload.setId("notifications-refresh");
        waiting.setId("notifications-waiting");
        var header = new HorizontalLayout(new H2("Notifications"), waiting, reload, add);
        header.setAlignItems(Alignment.BASELINE);
        header.setWidthFull();
        header.expand(waiting);

        targets.setId("targets-grid");
        targets.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        targets.addColumn(TargetView::name)
                .setHeader("Target")
                .setWidth("11rem")
                .setFlexGrow(0);
        targets.addColumn(t -> t.type() == TargetKind.SLACK ? "Slack" : t.signed() ? "JSON, signed" : "JSON")
                .setHeader("Type")
                .setWidth("8rem")
                .setFlexGrow(0);
        targets.addColumn(TargetView::maskedUrl)
                .setHeader("Sends to")
                .setWidth("15rem")
                .setFlexGrow(0);
        targets.addColumn(t -> t.perMinute() + "/min")
                .setHeader("Rate")
                .setWidth("6rem")
                .setFlexGrow(0);
        targets.addComponentColumn(NotificationsView::rules).setHeader("Rules").setFlexGrow(1);
        targets.addComponentColumn(this::targetActions)
                .setHeader("")
                .setWidth("12rem")
                .setFlexGrow(0);
        targets.setAllRowsVisible(true);

        deliveries.setId("deliveries-grid");
        columns(deliveries);
        deliveries.setHeight("22rem");
        failures.setId("failures-grid");
        columns(failures);
        failures.addComponentColumn(d -> {
                    var retry = new Button("Retry", click -> {
                        notifications.retry(d.id());
                        refresh();
                    });
                    retry.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                    retry.setId("retry-" + d.id());
                    return retry;
                })
                .setAutoWidth(true)
                .setFlexGrow(0);
        failures.setAllRowsVisible(true);

        add(
                header,
                new Paragraph("Targets come from dlq-console.notifications.targets and from this page. Webhook URLs"
                        + " and keys are secrets: only their host is shown. Every event carries an event id"
                        + " (X-DLQ-Console-Event-Id) for receivers to drop a repeat."),
                targets,
                new H3("Failed deliveries"),
                failures,
                new H3("Last deliveries"),
                deliveries);
        refresh();
    }

    private void refresh() {
        targets.setItems(notifications.targets());
        deliveries.setItems(notifications.deliveries(null, 100));
        var failed = notifications.deliveries(DeliveryStatus.FAILED, 50);
        failures.setItems(failed);
        failures.setVisible(!failed.isEmpty());
        var n = notifications.waiting();
        waiting.setText(String.format(Locale.ROOT, "%,d waiting to be sent", n));
    }

    private static void columns(Grid<Delivery> grid) {
        grid.addColumn(d -> Formats.time(d.event().createdAt()))
                .setHeader("Event at")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(d -> d.event().kind().wireName())
                .setHeader("Event")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(d -> d.event().title()).setHeader("What").setFlexGrow(1);
        grid.addColumn(Delivery::target).setHeader("Target").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(d -> d.status().name().toLowerCase(Locale.ROOT)
                        + (d.possibleDuplicate() ? " (possible duplicate)" : ""))
                .setHeader("Status")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(Delivery::attempts)
                .setHeader("Attempts")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(d -> d.status() == DeliveryStatus.SENT
                        ? (d.sentAt() == null ? "" : "sent " + Formats.time(d.sentAt()))
                        : d.lastError() == null ? "" : d.lastError())
                .setHeader("Result")
                .setFlexGrow(1)
                .setTooltipGenerator(d -> d.lastError() == null ? "" : d.lastError());
        grid.setClassName("notification-deliveries");
    }

    private static Component rules(TargetView target) {
        var list = new VerticalLayout();
        list.setPadding(false);
        list.setSpacing(false);
        target.rules().forEach(rule -> list.add(new Span(rule)));
        if (target.rules().isEmpty()) {
            list.add(new Span("no rules: sends nothing"));
        }
        return list;
    }

    private Component targetActions(TargetView target) {
        var test = new Button("Send test", click -> {
            notifications.sendTest(target.name());
            Notification.show(
                            "Test sent to " + target.name() + " through the outbox",
                            3_000,
                            Notification.Position.BOTTOM_END)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            refresh();
        });
        test.setId("test-" + target.name());
        test.addThemeVariants(ButtonVariant.LUMO_SMALL);
        var actions = new HorizontalLayout(test);
        if (!target.configured()) {
            var remove = new Button("Remove", click -> {
                notifications.remove(target.name());
                refresh();
            });
            remove.setId("remove-" + target.name());
            remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            actions.add(remove);
        }
        return actions;
    }
}
