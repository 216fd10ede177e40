package dev.dlqconsole.parking.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextArea;
import java.util.function.Consumer;

/** Asks why before discarding: a discard without a reason is not allowed. */
class DiscardDialog extends Dialog {

    DiscardDialog(int count, Consumer<String> onConfirm) {
        setHeaderTitle(count == 1 ? "Discard this message?" : String.format("Discard %,d messages?", count));
        setId("discard-dialog");
        setWidth("min(520px, 95vw)");
        var explanation = new Paragraph(
                "Discarded messages are never replayed. They stay visible as discarded until the retention purge"
                        + " removes them.");
        var reason = new TextArea("Reason");
        reason.setId("discard-reason");
        reason.setWidthFull();
        reason.setRequired(true);
        reason.setMaxLength(1000);
        reason.setPlaceholder("e.g. test traffic from the load test, no customer impact");
        add(explanation, reason);

        var discard = new Button("Discard", click -> {
            if (reason.getValue().isBlank()) {
                reason.setInvalid(true);
                reason.setErrorMessage("Say why, for the audit trail");
                return;
            }
            close();
            onConfirm.accept(reason.getValue());
        });
        discard.setId("discard-confirm");
        discard.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        var cancel = new Button("Cancel", click -> close());
        getFooter().add(cancel, discard);
    }
}
