package dev.dlqconsole.incident.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

/**
 * A button whose action the service may refuse (a closed incident, a step already done): the refusal
 * shows as a notification with the service's own words rather than as a failed action.
 */
class ActionButton extends Button {

    ActionButton(String label, String id, ButtonVariant variant, Runnable action) {
        super(label, click -> {
            try {
                action.run();
            } catch (IllegalArgumentException | IllegalStateException e) {
                Notification.show(e.getMessage(), 6_000, Notification.Position.BOTTOM_START)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        });
        setId(id);
        addThemeVariants(variant);
    }
}
