package dev.dlqconsole.incident.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.TextArea;
import java.util.function.Consumer;

/** Asks for the postmortem summary before closing; stays open if the view's close is refused. */
class CloseIncidentDialog extends Dialog {

    CloseIncidentDialog(long incidentId, Consumer<String> onClose) {
        setHeaderTitle("Close INC-" + incidentId);
        var summary = new TextArea("Summary for the postmortem");
        summary.setId("incident-summary");
        summary.setWidth("36rem");
        summary.setRequired(true);
        var confirm = new ActionButton("Close incident", "incident-close-confirm", ButtonVariant.LUMO_ERROR, () -> {
            onClose.accept(summary.getValue());
            close();
        });
        add(summary);
        getFooter().add(new Button("Cancel", click -> close()), confirm);
    }
}
