package dev.dlqconsole.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * A button whose action fails tells the person so, with a reference to quote, instead of doing
 * nothing; the details go to the log under the same reference.
 */
@Component
class ErrorNotifications implements VaadinServiceInitListener {

    private static final Logger log = LoggerFactory.getLogger(ErrorNotifications.class);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource()
                .addSessionInitListener(init -> init.getSession().setErrorHandler(error -> {
                    var reference = UUID.randomUUID().toString().substring(0, 8);
                    var cause = error.getThrowable();
                    log.error("Action failed (reference {})", reference, cause);
                    var text = cause instanceof AccessDeniedException
                            ? "Your role does not allow this action."
                            : "That did not work (reference " + reference + "). Nothing more was changed; try again or"
                                    + " give the reference to whoever runs the console.";
                    var ui = UI.getCurrent();
                    if (ui != null) {
                        Notification.show(text, 8_000, Notification.Position.BOTTOM_START)
                                .addThemeVariants(NotificationVariant.LUMO_ERROR);
                    }
                }));
    }
}
