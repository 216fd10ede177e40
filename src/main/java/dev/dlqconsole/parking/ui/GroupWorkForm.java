package dev.dlqconsole.parking.ui;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.dlqconsole.base.ui.Formats;
import dev.dlqconsole.parking.FailureGroupService;
import dev.dlqconsole.parking.GroupStatus;
import dev.dlqconsole.parking.GroupWork;
import org.jspecify.annotations.Nullable;

/**
 * Who works a failure group and where it stands, set where people are: on the group's page and on an
 * incident about it. A viewer reads the same fields; the ticket is a link that opens in a new tab.
 */
public class GroupWorkForm extends Composite<Div> {

    private final FailureGroupService groups;
    private final String user;
    private final boolean operator;
    private final Select<GroupStatus> status = new Select<>();
    private final TextField owner = new TextField("Owner");
    private final TextField ticket = new TextField("Ticket");
    private final TextArea notes = new TextArea("Notes");
    private final Span changed = new Span();
    private final Div readOnly = new Div();
    private GroupWork seen;
    private Runnable onSaved = () -> {};

    public GroupWorkForm(FailureGroupService groups, String fingerprint, String user, boolean operator) {
        this.groups = groups;
        this.user = user;
        this.operator = operator;
        this.seen = groups.work(fingerprint);
        var root = getContent();
        root.addClassName("group-work");
        root.setId("group-work");
        changed.addClassName("group-work-changed");
        if (!operator) {
            readOnly.addClassName("facts");
            root.add(readOnly, changed);
            show(seen);
            return;
        }
        status.setLabel("Status");
        status.setId("group-status");
        status.setItems(GroupStatus.values());
        status.setItemLabelGenerator(GroupStatus::label);
        owner.setId("group-owner");
        owner.setMaxLength(100);
        owner.setPlaceholder("nobody yet");
        ticket.setId("group-ticket");
        ticket.setMaxLength(500);
        ticket.setPlaceholder("https://tracker.example.com/browse/OPS-123");
        ticket.setWidth("24rem");
        notes.setId("group-notes");
        notes.setMaxLength(4_000);
        notes.setWidthFull();
        notes.setMinHeight("5rem");
        var take = new Button("Take it", click -> {
            owner.setValue(user);
            if (status.getValue() == GroupStatus.NEW) {
                status.setValue(GroupStatus.INVESTIGATING);
            }
            save();
        });
        take.setId("group-take");
        take.setTooltipText("You own it, investigating");
        take.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        var save = new Button("Save", click -> save());
        save.setId("group-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var fields = new HorizontalLayout(status, owner, take, ticket);
        fields.setAlignItems(FlexComponent.Alignment.BASELINE);
        fields.setWrap(true);
        var actions = new HorizontalLayout(save, changed);
        actions.setAlignItems(FlexComponent.Alignment.BASELINE);
        root.add(fields, notes, actions);
        show(seen);
    }

    private void save() {
        try {
            seen = groups.update(
                    seen,
                    new GroupWork.Change(status.getValue(), owner.getValue(), ticket.getValue(), notes.getValue()));
            show(seen);
            onSaved.run();
            Notification.show(
                            "Saved: " + seen.status().label()
                                    + (seen.owner() == null ? "" : ", owned by " + seen.owner()),
                            3_000,
                            Notification.Position.BOTTOM_END)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (IllegalArgumentException | IllegalStateException e) {
            Notification.show(e.getMessage(), 8_000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    /** Called after each save, for the page around the form to show what changed. */
    public GroupWorkForm onSaved(Runnable listener) {
        this.onSaved = listener;
        return this;
    }

    private void show(GroupWork work) {
        changed.setText(
                work.changedAt() == null
                        ? "Nobody has worked this group yet."
                        : "Last set by " + work.changedBy() + ", " + Formats.shortTime(work.changedAt())
                                + (work.reopenedAt() == null
                                        ? ""
                                        : " · reopened by new messages " + Formats.shortTime(work.reopenedAt())));
        if (!operator) {
            readOnly.removeAll();
            fact("Status", new GroupStatusBadge(work.status()));
            fact("Owner", new Span(work.owner() == null ? "nobody yet" : work.owner()));
            fact("Ticket", ticketLink(work.ticketUrl()));
            fact("Notes", new Span(work.notes() == null ? "none" : work.notes()));
            return;
        }
        status.setValue(work.status());
        owner.setValue(valueOf(work.owner()));
        ticket.setValue(valueOf(work.ticketUrl()));
        notes.setValue(valueOf(work.notes()));
    }

    private void fact(String label, com.vaadin.flow.component.Component value) {
        var name = new Span(label);
        name.addClassName("fact-label");
        readOnly.add(name, value);
    }

    /** The ticket as a link (only http and https links are ever saved), or "none". */
    static com.vaadin.flow.component.Component ticketLink(@Nullable String url) {
        if (url == null) {
            return new Span("none");
        }
        var link = new Anchor(url, url, AnchorTarget.BLANK);
        link.getElement().setAttribute("rel", "noopener noreferrer");
        link.addClassName("group-ticket-link");
        return link;
    }

    private static String valueOf(@Nullable String text) {
        return text == null ? "" : text;
    }
}
