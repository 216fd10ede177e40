package dev.dlqconsole.parking.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.dlqconsole.parking.MessageEdits.Check;
import dev.dlqconsole.parking.MessageEdits.Edit;
import dev.dlqconsole.parking.MessageEdits.Editor;
import dev.dlqconsole.security.SensitiveValues;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The editor of one parked message: its body as text (pretty JSON when it is JSON) and its attributes,
 * masked as the page shows them, and why. "Review changes" shows the diff against the version it was
 * opened from; only then can it be saved, and any change to the text asks for a new look. It reports
 * through its callbacks, which call the service: a refusal (not JSON, a marker out of place) is shown
 * here and nothing is saved.
 */
class EditMessageDialog extends Dialog {

    private final Editor editor;
    private final TextArea body = new TextArea("Body");
    private final TextArea attributes = new TextArea("Message attributes (JSON: name → type and value)");
    private final TextField reason = new TextField("Why you edit it");
    private final Div review = new Div();
    private final Div error = new Div();
    private final Button save = new Button("Save as version");

    EditMessageDialog(Editor editor, Function<Edit, Check> check, Consumer<Edit> onSave) {
        this.editor = editor;
        setId("edit-dialog");
        setHeaderTitle("Edit message " + editor.messageId()
                + (editor.version() == 0 ? "" : " (from version " + editor.version() + ")"));
        setWidth("min(1200px, 96vw)");
        setDraggable(true);
        setResizable(true);

        var explanation = new Paragraph("The edit becomes a new version; the message as parked is kept as it was."
                + " A replay sends the latest version, and only that one."
                + (editor.json() ? " The body was JSON, so it must stay well-formed JSON." : ""));
        explanation.addClassName("edit-explanation");
        add(explanation);
        if (editor.maskedValues() > 0) {
            var masked = new Paragraph(String.format(
                    "%d masked value%s show%s as %s. Left where %s, each keeps its stored value; type over one to"
                            + " replace it.",
                    editor.maskedValues(),
                    editor.maskedValues() == 1 ? "" : "s",
                    editor.maskedValues() == 1 ? "s" : "",
                    SensitiveValues.MARKER,
                    editor.maskedValues() == 1 ? "it is" : "they are"));
            masked.setId("edit-masked-notice");
            masked.addClassName("masking-notice");
            add(masked);
        }
        body.setId("edit-body");
        body.addClassName("edit-text");
        body.setWidthFull();
        body.setHeight("32vh");
        body.setValue(editor.body());
        attributes.setId("edit-attributes");
        attributes.addClassName("edit-text");
        attributes.setWidthFull();
        attributes.setMaxHeight("22vh");
        attributes.setValue(editor.attributes());
        reason.setId("edit-reason");
        reason.setWidthFull();
        reason.setRequired(true);
        reason.setMaxLength(1000);
        reason.setPlaceholder("e.g. the producer sent customer_id where consumers read customerId");
        error.setId("edit-error");
        error.addClassName("edit-error");
        review.setId("edit-review");
        review.setWidthFull();
        add(body, attributes, reason, error, review);

        body.addValueChangeListener(change -> changed());
        attributes.addValueChangeListener(change -> changed());
        var diff = new Button("Review changes", new Icon(VaadinIcon.EXCHANGE), click -> review(check));
        diff.setId("edit-review-changes");
        save.setId("edit-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setEnabled(false);
        save.setTooltipText("Review the changes first");
        save.addClickListener(click -> {
            if (reason.getValue().isBlank()) {
                reason.setInvalid(true);
                reason.setErrorMessage("Say why: the history and the audit trail keep it");
                return;
            }
            try {
                onSave.accept(edit());
                close();
            } catch (IllegalArgumentException | IllegalStateException e) {
                showError(e.getMessage());
            }
        });
        var cancel = new Button("Cancel", click -> close());
        cancel.setId("edit-cancel");
        getFooter().add(cancel, diff, save);
    }

    private Edit edit() {
        return new Edit(editor.version(), body.getValue(), attributes.getValue(), reason.getValue());
    }

    private void review(Function<Edit, Check> check) {
        error.removeAll();
        review.removeAll();
        try {
            var result = check.apply(edit());
            review.add(new DiffView(result.body(), "Before (version " + editor.version() + ")", "After"));
            if (!result.attributes().same()) {
                review.add(new DiffView(result.attributes(), "Attributes before", "Attributes after"));
            }
            save.setEnabled(true);
            save.setTooltipText(null);
            review.scrollIntoView();
        } catch (IllegalArgumentException | IllegalStateException e) {
            showError(e.getMessage());
        }
    }

    private void changed() {
        save.setEnabled(false);
        save.setTooltipText("Review the changes first");
        review.removeAll();
        error.removeAll();
    }

    private void showError(String message) {
        error.removeAll();
        error.add(new Paragraph(message));
        save.setEnabled(false);
        error.scrollIntoView();
    }
}
