package dev.dlqconsole.audit.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.dlqconsole.audit.AuditEvent;
import dev.dlqconsole.audit.AuditLog;
import dev.dlqconsole.audit.AuditQuery;
import dev.dlqconsole.audit.Verification;
import dev.dlqconsole.base.ui.Formats;
import dev.dlqconsole.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * The audit trail, newest first, filtered by user, action, time, incident and target (a message or
 * job id, a DLQ); admins verify the chain here.
 */
@Route("audit")
@PageTitle("Audit · DLQ Console")
@Menu(order = 50, icon = "vaadin:file-text-o", title = "Audit")
@RolesAllowed(Roles.OPERATOR)
public class AuditView extends VerticalLayout {

    private final AuditLog audit;
    private final Grid<AuditEvent> grid = new Grid<>();
    private final TextField actor = new TextField("User");
    private final ComboBox<String> action = new ComboBox<>("Action");
    private final DateTimePicker from = new DateTimePicker("From (UTC)");
    private final DateTimePicker to = new DateTimePicker("To (UTC)");
    private final IntegerField incident = new IntegerField("Incident");
    private final TextField target = new TextField("Message, job or DLQ");
    private final Span verification = new Span();

    AuditView(AuditLog audit, AuthenticationContext authentication) {
        this.audit = audit;
        setId("audit-view");
        setSizeFull();
        addClassName("page");

        var header = new HorizontalLayout(new H2("Audit trail"), verification);
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        header.expand(verification);
        verification.setId("audit-verification");
        verification.addClassName("audit-verification");
        audit.lastVerification().ifPresent(this::showVerification);
        if (authentication.hasRole(Roles.ADMIN)) {
            var verify = new Button("Verify chain", new Icon(VaadinIcon.CHECK_CIRCLE_O), click -> {
                showVerification(audit.verify());
                refresh();
            });
            verify.setId("audit-verify");
            verify.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            header.add(verify);
        }

        actor.setId("audit-actor");
        actor.setValueChangeMode(ValueChangeMode.LAZY);
        action.setId("audit-action");
        action.setItems(audit.actions());
        action.setClearButtonVisible(true);
        from.setId("audit-from");
        to.setId("audit-to");
        incident.setId("audit-incident");
        incident.setValueChangeMode(ValueChangeMode.LAZY);
        target.setId("audit-target");
        target.setValueChangeMode(ValueChangeMode.LAZY);
        actor.addValueChangeListener(e -> refresh());
        action.addValueChangeListener(e -> refresh());
        from.addValueChangeListener(e -> refresh());
        to.addValueChangeListener(e -> refresh());
        incident.addValueChangeListener(e -> refresh());
        target.addValueChangeListener(e -> refresh());
        var filters = new HorizontalLayout(actor, action, from, to, incident, target);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.addClassName("filters");
        filters.setWrap(true);

        grid.setId("audit-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.setSizeFull();
        grid.addColumn(AuditEvent::id).setHeader("#").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(e -> Formats.time(e.at()))
                .setHeader("When")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(AuditEvent::actor).setHeader("Who").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(AuditEvent::action)
                .setHeader("Action")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addComponentColumn(e -> {
                    var badge = new Span(e.outcome().name().toLowerCase());
                    badge.addClassNames(
                            "status-badge", "outcome-" + e.outcome().name().toLowerCase());
                    return badge;
                })
                .setHeader("Outcome")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(e -> e.targets() == null ? "" : e.targets())
                .setHeader("Targets")
                .setFlexGrow(2)
                .setTooltipGenerator(e -> e.targets() == null ? "" : e.targets());
        grid.addColumn(e -> e.reason() == null ? "" : e.reason())
                .setHeader("Reason")
                .setFlexGrow(2)
                .setTooltipGenerator(e -> e.reason() == null ? "" : e.reason());
        grid.addColumn(e -> e.incidentId() == null
                        ? ""
                        : "INC-" + e.incidentId() + (e.step() == null ? "" : " · step " + e.step()))
                .setHeader("Incident")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(e -> e.detail() == null ? "" : e.detail())
                .setHeader("Detail")
                .setFlexGrow(2)
                .setTooltipGenerator(e -> e.detail() == null ? "" : e.detail());
        grid.addColumn(e -> e.hash().substring(0, 12) + "…")
                .setHeader("Hash")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setTooltipGenerator(e -> "hash " + e.hash() + "\nprevious " + e.prevHash());
        grid.setEmptyStateText("No audit events match.");
        add(header, filters, grid);
        refresh();
    }

    private void refresh() {
        var query = new AuditQuery(
                actor.getValue(),
                action.getValue(),
                utc(from.getValue()),
                utc(to.getValue()),
                incident.getValue() == null ? null : incident.getValue().longValue(),
                target.getValue());
        grid.setItems(q -> audit.search(query, q.getOffset(), q.getLimit()).stream());
    }

    private void showVerification(Verification result) {
        verification.setText(result.describe() + " (" + Formats.shortTime(result.at()) + ")");
        verification.getElement().getClassList().set("audit-intact", result.intact());
        verification.getElement().getClassList().set("audit-broken", !result.intact());
    }

    private static java.time.@Nullable Instant utc(@Nullable LocalDateTime value) {
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }
}
