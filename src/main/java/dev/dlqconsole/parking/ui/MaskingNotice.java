package dev.dlqconsole.parking.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import dev.dlqconsole.parking.MessageDetails.Masking;
import dev.dlqconsole.security.SensitiveValues;
import java.util.ArrayList;

/**
 * Says on the message page what is masked and how much, so nobody takes a masked value for the data;
 * or, after an admin's unmask, that the values are shown as they are. Its button reports back.
 */
class MaskingNotice extends Div {

    /**
     * @param binaryBody the body is shown as bytes, which cannot be masked field by field
     * @param toggle unmasks (or masks again); null when this user may not unmask
     */
    MaskingNotice(Masking masking, boolean binaryBody, @org.jspecify.annotations.Nullable Runnable toggle) {
        setId("masking-notice");
        addClassName("masking-notice");
        var values = masking.values();
        var text = new Span();
        text.setId("masking-summary");
        if (masking.unmasked()) {
            addClassName("masking-unmasked");
            add(new Icon(VaadinIcon.EYE));
            text.setText("Unmasked: " + count(values) + " shown as "
                    + (values == 1 ? "it was" : "they were") + " parked (" + where(masking)
                    + "). Your unmask is recorded in the audit trail.");
        } else if (values > 0) {
            add(new Icon(VaadinIcon.EYE_SLASH));
            text.setText(count(values) + " masked (" + where(masking) + "): shown as " + SensitiveValues.MARKER
                    + ". A replay sends the message as it was parked.");
        } else {
            add(new Icon(VaadinIcon.INFO_CIRCLE_O));
            text.setText(binaryBody ? "No sensitive attributes to mask." : "No sensitive values to mask.");
        }
        add(text);
        if (binaryBody) {
            var binary = new Span("The body is binary: it cannot be masked field by field and is shown as it is.");
            binary.setId("masking-binary");
            binary.addClassName("masking-binary");
            add(binary);
        }
        if (toggle != null && values > 0) {
            var button = masking.unmasked()
                    ? new Button("Mask again", new Icon(VaadinIcon.EYE_SLASH), click -> toggle.run())
                    : new Button("Unmask", new Icon(VaadinIcon.EYE), click -> toggle.run());
            button.setId(masking.unmasked() ? "mask-message" : "unmask-message");
            button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            if (!masking.unmasked()) {
                button.setTooltipText("Show the sensitive values of this message; recorded in the audit trail");
            }
            add(button);
        }
    }

    /** Whether there is anything worth a notice. */
    static boolean needed(Masking masking, boolean binaryBody) {
        return masking.values() > 0 || binaryBody;
    }

    private static String count(int values) {
        return values == 1 ? "1 sensitive value" : values + " sensitive values";
    }

    private static String where(Masking masking) {
        var parts = new ArrayList<String>();
        if (masking.bodyValues() > 0) {
            parts.add(masking.bodyValues() + " in the body");
        }
        if (!masking.attributes().isEmpty()) {
            parts.add((masking.attributes().size() == 1 ? "attribute " : "attributes ")
                    + String.join(", ", masking.attributes()));
        }
        return String.join(", ", parts);
    }
}
