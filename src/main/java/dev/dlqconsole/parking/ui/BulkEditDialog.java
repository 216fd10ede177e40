package dev.dlqconsole.parking.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;
import dev.dlqconsole.parking.MessageEdits.BulkEdit;
import dev.dlqconsole.parking.MessageEdits.BulkOutcome;
import dev.dlqconsole.parking.MessageFilter;
import java.util.function.Function;

/**
 * Find and replace in the bodies of a selection (the Messages filter, or a failure group): a preview
 * with the counts and a diff of the first changes, then "Apply", which saves a new version of each
 * message that holds the text. Changing the text asks for a new preview. Reports through its callbacks.
 */
class BulkEditDialog extends Dialog {

    private final TextField find = new TextField("Find");
    private final TextField replace = new TextField("Replace with");
    private final TextField reason = new TextField("Why");
    private final Div preview = new Div();
    private final Button apply = new Button("Apply");

    BulkEditDialog(
            MessageFilter filter,
            String selection,
            Function<BulkEdit, BulkOutcome> previewOf,
            Function<BulkEdit, BulkOutcome> applyTo,
            Runnable onApplied) {
        setId("bulk-edit-dialog");
        setHeaderTitle("Find and replace in " + selection);
        setWidth("min(1100px, 96vw)");
        setResizable(true);
        add(new Paragraph("Each body that holds the text gets a new version; the messages as parked stay as they"
                + " were, and a replay sends the latest version. The text is found in the bodies as shown:"
                + " masked values can be neither found nor changed. Only parked messages that no replay job"
                + " is to send are edited."));
        find.setId("bulk-find");
        find.setWidthFull();
        find.setPlaceholder("\"customer_id\"");
        replace.setId("bulk-replace");
        replace.setWidthFull();
        replace.setPlaceholder("\"customerId\"");
        reason.setId("bulk-reason");
        reason.setWidthFull();
        reason.setMaxLength(1000);
        reason.setPlaceholder("e.g. orders 2.4 renamed the field; consumers read the new name");
        preview.setId("bulk-preview");
        preview.setWidthFull();
        add(find, replace, reason, preview);
        find.addValueChangeListener(change -> stale());
        replace.addValueChangeListener(change -> stale());

        var show = new Button("Preview", new Icon(VaadinIcon.EYE), click -> {
            preview.removeAll();
            try {
                show(previewOf.apply(edit(filter)));
                apply.setEnabled(true);
            } catch (IllegalArgumentException | IllegalStateException e) {
                error(e.getMessage());
            }
        });
        show.setId("bulk-preview-button");
        apply.setId("bulk-apply");
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        apply.setEnabled(false);
        apply.addClickListener(click -> {
            if (reason.getValue().isBlank()) {
                reason.setInvalid(true);
                reason.setErrorMessage("Say why: each version and the audit trail keep it");
                return;
            }
            try {
                var outcome = applyTo.apply(edit(filter));
                preview.removeAll();
                var done = new Paragraph(String.format(
                        "Saved %,d new version%s (%,d without the text, %,d refused). A replay sends them.",
                        outcome.changed(), outcome.changed() == 1 ? "" : "s", outcome.unchanged(), outcome.refused()));
                done.setId("bulk-done");
                preview.add(done);
                apply.setEnabled(false);
                onApplied.run();
            } catch (IllegalArgumentException | IllegalStateException e) {
                error(e.getMessage());
            }
        });
        var close = new Button("Close", click -> close());
        close.setId("bulk-close");
        getFooter().add(close, show, apply);
    }

    private BulkEdit edit(MessageFilter filter) {
        return new BulkEdit(filter, find.getValue(), replace.getValue(), reason.getValue());
    }

    private void show(BulkOutcome outcome) {
        var counts = new Paragraph(String.format(
                "%,d of %,d selected messages would get a new version; %,d do not hold the text; %,d refused.",
                outcome.changed(), outcome.selected(), outcome.unchanged(), outcome.refused()));
        counts.setId("bulk-counts");
        preview.add(counts);
        outcome.refusals().forEach(refusal -> preview.add(new Paragraph("Refused " + refusal)));
        if (!outcome.samples().isEmpty()) {
            preview.add(new H4(
                    outcome.samples().size() == 1
                            ? "The change"
                            : "The first " + outcome.samples().size() + " changes"));
        }
        for (var sample : outcome.samples()) {
            var diff = new DiffView(sample.diff(), "Message " + sample.messageId() + " now", "After");
            diff.addClassName("bulk-sample");
            preview.add(diff);
        }
    }

    private void stale() {
        apply.setEnabled(false);
        preview.removeAll();
    }

    private void error(String message) {
        var error = new Paragraph(message);
        error.setId("bulk-error");
        error.addClassName("edit-error");
        preview.add(error);
        apply.setEnabled(false);
    }
}
