package dev.dlqconsole.parking.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.dlqconsole.base.ui.Formats;
import dev.dlqconsole.parking.MessageDetails;
import dev.dlqconsole.parking.MessageDetails.Attribute;
import dev.dlqconsole.parking.MessageEditService;
import dev.dlqconsole.parking.MessageFilter;
import dev.dlqconsole.parking.ParkedStatus;
import dev.dlqconsole.parking.ParkedSummary;
import dev.dlqconsole.parking.ParkingService;
import dev.dlqconsole.runbook.RunbookLibrary;
import dev.dlqconsole.runbook.ui.ApplicableRunbooks;
import dev.dlqconsole.security.Roles;
import jakarta.annotation.security.PermitAll;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * One parked message: why it failed, its body as inert text (pretty JSON, a hex dump for binary),
 * its attributes and system attributes, and what happened to it. Sensitive values come masked from
 * the service; an admin can unmask the message, which the service audits.
 */
@Route("message")
@PermitAll
public class MessageView extends VerticalLayout implements HasUrlParameter<Long>, HasDynamicTitle {

    /** Bodies above this show their start first, so a 1 MiB body never freezes the browser. */
    static final int FIRST_CHARS = 64 * 1024;

    private final ParkingService parking;
    private final MessageEditService edits;
    private final RunbookLibrary runbooks;
    private final boolean operator;
    private final boolean admin;
    private String title = "Message · DLQ Console";

    MessageView(
            ParkingService parking,
            MessageEditService edits,
            RunbookLibrary runbooks,
            AuthenticationContext authentication) {
        this.parking = parking;
        this.edits = edits;
        this.runbooks = runbooks;
        this.operator = authentication.hasAnyRole(Roles.OPERATOR, Roles.ADMIN);
        this.admin = authentication.hasRole(Roles.ADMIN);
        setId("message-view");
        addClassName("page");
        setWidthFull();
    }

    @Override
    public void setParameter(BeforeEvent event, Long id) {
        removeAll();
        try {
            show(parking.details(id));
        } catch (NoSuchElementException e) {
            add(new H2("Message not found"), new Span(e.getMessage()), backLink());
        }
    }

    @Override
    public String getPageTitle() {
        return title;
    }

    private void show(MessageDetails details) {
        var message = details.message();
        title = "Message " + message.id() + " · DLQ Console";
        var heading = new H2("Message " + message.id());
        var status = new StatusBadge(message.status());
        status.setId("message-status");
        var header = new HorizontalLayout(backLink(), heading, status);
        header.setAlignItems(Alignment.CENTER);
        details.history().stream()
                .filter(entry -> entry.what().equals("Imported"))
                .findFirst()
                .ifPresent(entry -> {
                    var imported = new Span("Imported");
                    imported.setId("message-imported");
                    imported.addClassNames("status-badge", "status-imported");
                    imported.setTitle(entry.detail());
                    header.add(imported);
                });
        if (operator && message.status() != ParkedStatus.DISCARDED && message.status() != ParkedStatus.REPLAYING) {
            var replay = new Button(
                    "Replay…",
                    new Icon(VaadinIcon.PLAY),
                    click -> UI.getCurrent()
                            .navigate("replay/new", QueryParameters.of("ids", Long.toString(message.id()))));
            replay.setId("replay-message");
            replay.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
            header.add(replay);
        }
        if (message.status() == ParkedStatus.PARKED && edits.permitted()) {
            var edit = new Button("Edit…", new Icon(VaadinIcon.EDIT), click -> edit(message));
            edit.setId("edit-message");
            edit.addThemeVariants(ButtonVariant.LUMO_SMALL);
            edit.setTooltipText("Edit the body or attributes before a replay: a new version, the original stays");
            header.add(edit);
        }
        if (operator && message.status() == ParkedStatus.PARKED) {
            var discard = new Button("Discard…", new Icon(VaadinIcon.TRASH), click -> discard(message));
            discard.setId("discard-message");
            discard.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            header.add(discard);
        }
        add(header);
        var contentType = details.attributes().stream()
                .filter(a -> a.name().equalsIgnoreCase("content-type"))
                .map(Attribute::value)
                .findFirst()
                .orElse(null);
        var kind = BodyFormat.kind(details.body(), contentType);
        var binary = !details.masking().bodyMaskable() || kind == BodyFormat.Kind.BINARY;
        if (MaskingNotice.needed(details.masking(), binary)) {
            add(new MaskingNotice(details.masking(), binary, admin ? () -> toggleMasking(details) : null));
        }
        add(facts(details), failure(details), section("Trace", new TracePanel(details.trace(), parking)));
        var versions = edits.versions(message.id());
        if (!versions.versions().isEmpty()) {
            var latest = versions.versions().getLast();
            var note = new Span("Edited: a replay sends version " + latest.version() + " (see Versions below),"
                    + " never the body shown here as parked.");
            note.setId("message-edited");
            note.addClassName("masking-notice");
            add(note);
        }
        add(body(details, kind, contentType));
        add(section("Message attributes", attributes(details.attributes())));
        add(section("System attributes", systemAttributes(details.systemAttributes())));
        if (!versions.versions().isEmpty()) {
            add(section("Versions", new VersionsPanel(versions)));
        }
        add(section("History", history(details.history())));
    }

    /** Opens the editor; the service checks the role, the state and the edit itself. */
    private void edit(ParkedSummary message) {
        var editor = edits.editor(message.id());
        if (editor.refusal() != null) {
            Notification.show(
                            "This message cannot be edited now: " + editor.refusal(),
                            6_000,
                            Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_WARNING);
            return;
        }
        new EditMessageDialog(editor, edit -> edits.check(message.id(), edit), edit -> {
                    var version = edits.save(message.id(), edit);
                    UI.getCurrent().navigate(MessageView.class, message.id());
                    Notification.show(
                                    "Saved as version " + version.version() + ": a replay sends it",
                                    4_000,
                                    Notification.Position.BOTTOM_START)
                            .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                })
                .open();
    }

    private Component facts(MessageDetails details) {
        var m = details.message();
        var facts = new Div();
        facts.addClassName("facts");
        fact(facts, "DLQ", m.dlqName() + " (" + m.connectionName() + ")");
        fact(facts, "Source queue", m.sourceQueue() == null ? "unknown: the DLQ has several sources" : m.sourceQueue());
        fact(facts, "SQS message id", m.sqsMessageId());
        fact(facts, "Sent", Formats.time(m.sentAt()));
        fact(facts, "Parked", Formats.time(m.parkedAt()));
        fact(facts, "Receives before parking", Integer.toString(m.receiveCount()));
        fact(
                facts,
                "Body",
                Formats.bytes(m.bodySize()) + " · SHA-256 "
                        + (details.bodySha256() == null
                                ? "hidden while values are masked"
                                : details.bodySha256().substring(0, 16) + "…"));
        if (m.groupId() != null) {
            fact(facts, "FIFO group", m.groupId());
            fact(facts, "Deduplication id", m.deduplicationId() == null ? "" : m.deduplicationId());
            fact(facts, "Sequence number", m.sequenceNumber() == null ? "" : m.sequenceNumber());
        }
        return facts;
    }

    private Component failure(MessageDetails details) {
        var m = details.message();
        var reason = new Pre(
                details.failureReason() == null
                        ? "No failure reason was recorded: the consumer set none of the configured reason attributes."
                        : details.failureReason());
        reason.setId("failure-reason");
        reason.addClassNames("failure-reason", details.failureReason() == null ? "no-reason" : "has-reason");
        var group = new RouterLink("All messages of this failure group", MessagesView.class);
        group.setQueryParameters(MessageFilters.toQuery(MessageFilter.ALL.withFingerprint(m.fingerprint())));
        var template = new Span(details.failureReason() == null ? "" : "Grouped as: " + details.failureTemplate());
        template.addClassName("failure-template");
        var applicable = new ApplicableRunbooks(runbooks, m.dlqName(), details.failureReason());
        applicable.setId("message-runbooks");
        return section("Failure", new Div(reason, template), group, applicable);
    }

    /** Unmasks (the service checks the role and audits it) or shows the masked message again. */
    private void toggleMasking(MessageDetails shown) {
        var id = shown.message().id();
        var next = shown.masking().unmasked() ? parking.details(id) : parking.unmasked(id);
        removeAll();
        show(next);
    }

    private Component body(MessageDetails details, BodyFormat.Kind kind, @Nullable String contentType) {
        var text = new String(details.body(), StandardCharsets.UTF_8);
        var tabs = new TabSheet();
        tabs.setId("body-tabs");
        tabs.setWidthFull();
        switch (kind) {
            case JSON -> {
                tabs.add("JSON", bodyPre(BodyFormat.pretty(text), "body-json"));
                tabs.add("Raw", bodyPre(text, "body-raw"));
            }
            case BINARY -> {
                var decoded = BodyFormat.decodedBinary(text, contentType);
                tabs.add(
                        "Hex (decoded " + Formats.bytes(decoded.length) + ")",
                        bodyPre(BodyFormat.hexDump(decoded, 4096), "body-hex"));
                tabs.add("Base64", bodyPre(text, "body-raw"));
            }
            case WHITESPACE ->
                tabs.add(
                        "Whitespace only (" + text.length() + " characters)",
                        bodyPre(BodyFormat.visibleWhitespace(text), "body-raw"));
            case EMPTY -> tabs.add("Empty body", bodyPre("", "body-raw"));
            case TEXT -> tabs.add("Text", bodyPre(text, "body-raw"));
        }
        var masked = !details.masking().unmasked() && details.masking().bodyValues() > 0;
        var copy = new Button(
                masked ? "Copy body (masked)" : "Copy body",
                new Icon(VaadinIcon.COPY_O),
                click -> copy(text, masked ? "Body copied, sensitive values masked" : "Body copied"));
        copy.setId("copy-body");
        copy.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        return section("Body", tabs, copy);
    }

    /** A body as a text node; long ones show their start and load the rest on request. */
    private Component bodyPre(String text, String id) {
        var pre = new Pre();
        pre.setId(id);
        pre.addClassName("body-text");
        if (text.length() <= FIRST_CHARS) {
            pre.setText(text);
            return pre;
        }
        pre.setText(text.substring(0, FIRST_CHARS));
        var more = new Button(
                String.format("Show all %,d characters", text.length()), new Icon(VaadinIcon.ANGLE_DOUBLE_DOWN));
        more.setId(id + "-more");
        more.addThemeVariants(ButtonVariant.LUMO_SMALL);
        var box = new Div(pre, more);
        more.addClickListener(click -> {
            pre.setText(text);
            more.setVisible(false);
        });
        return box;
    }

    private Component attributes(List<Attribute> attributes) {
        var grid = new Grid<Attribute>();
        grid.setId("attributes-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(true);
        grid.addColumn(Attribute::name).setHeader("Name").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(Attribute::dataType).setHeader("Type").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(a -> a.binary() == null
                        ? a.value()
                        : Formats.bytes(a.binary().length) + " · base64 "
                                + Base64.getEncoder().encodeToString(a.binary()))
                .setHeader("Value")
                .setTooltipGenerator(a -> a.masked()
                        ? "Masked: a sensitive attribute, or sensitive values in it"
                        : a.binary() == null ? a.value() : "Binary value, shown as base64")
                .setFlexGrow(1);
        grid.setPartNameGenerator(a -> a.masked() ? "masked" : null);
        grid.addComponentColumn(a -> {
                    if (a.masked()) {
                        var lock = new Icon(VaadinIcon.EYE_SLASH);
                        lock.addClassName("masked-icon");
                        lock.setTooltipText("Masked: a sensitive attribute, or sensitive values in it");
                        return lock;
                    }
                    var value =
                            a.binary() == null ? a.value() : Base64.getEncoder().encodeToString(a.binary());
                    var copy = new Button(new Icon(VaadinIcon.COPY_O), click -> copy(value, a.name() + " copied"));
                    copy.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
                    copy.setAriaLabel("Copy " + a.name());
                    return copy;
                })
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.setItems(attributes);
        grid.setEmptyStateText("This message has no message attributes.");
        return grid;
    }

    private Component systemAttributes(Map<String, String> system) {
        var grid = new Grid<Map.Entry<String, String>>();
        grid.setId("system-attributes-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(true);
        grid.addColumn(Map.Entry::getKey).setHeader("Name").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(Map.Entry::getValue).setHeader("Value").setFlexGrow(1);
        grid.setItems(List.copyOf(system.entrySet()));
        return grid;
    }

    private Component history(List<MessageDetails.HistoryEntry> history) {
        var list = new Div();
        list.setId("message-history");
        list.addClassName("history");
        for (var entry : history) {
            var line = new Div(
                    new Span(Formats.time(entry.at())),
                    new Span(entry.what()),
                    new Span(entry.who() == null ? "" : "by " + entry.who()),
                    new Span(entry.detail() == null ? "" : entry.detail()));
            line.addClassName("history-entry");
            if (entry.link() != null) {
                var trace = new com.vaadin.flow.component.html.Anchor(entry.link(), "replay trace");
                trace.setTarget(com.vaadin.flow.component.html.AnchorTarget.BLANK);
                trace.getElement().setAttribute("rel", "noopener noreferrer");
                line.add(trace);
            }
            list.add(line);
        }
        return list;
    }

    private void discard(ParkedSummary message) {
        new DiscardDialog(1, reason -> {
                    try {
                        parking.discard(List.of(message.id()), reason);
                        UI.getCurrent().navigate(MessageView.class, message.id());
                        Notification.show("Message discarded", 4_000, Notification.Position.BOTTOM_START)
                                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                    } catch (IllegalArgumentException e) {
                        Notification.show(e.getMessage(), 6_000, Notification.Position.BOTTOM_START)
                                .addThemeVariants(NotificationVariant.LUMO_ERROR);
                    }
                })
                .open();
    }

    private static void copy(String text, String confirmation) {
        UI.getCurrent().getPage().executeJs("return navigator.clipboard.writeText($0)", text);
        Notification.show(confirmation, 2_000, Notification.Position.BOTTOM_START);
    }

    private static void fact(Div facts, String label, String value) {
        var l = new Span(label);
        l.addClassName("fact-label");
        var v = new Span(value);
        v.addClassName("fact-value");
        facts.add(l, v);
    }

    private static Component section(String title, Component... content) {
        var section = new Div(new H3(title));
        section.addClassName("section");
        section.add(content);
        section.setWidthFull();
        return section;
    }

    private static RouterLink backLink() {
        var back = new RouterLink("", MessagesView.class);
        back.add(new Icon(VaadinIcon.ARROW_LEFT));
        back.getElement().setAttribute("aria-label", "Back to messages");
        back.setQueryParameters(QueryParameters.empty());
        return back;
    }
}
