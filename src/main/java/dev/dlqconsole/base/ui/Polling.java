package dev.dlqconsole.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.shared.Registration;

/** Refreshes a view on a fixed interval while it is on screen, and stops when it is not. */
public final class Polling {

    private Polling() {}

    public static void whileAttached(Component view, int intervalMillis, Runnable refresh) {
        var polling = new Registration[1];
        view.addAttachListener(attach -> {
            attach.getUI().setPollInterval(intervalMillis);
            polling[0] = attach.getUI().addPollListener(poll -> refresh.run());
        });
        view.addDetachListener(detach -> {
            if (polling[0] != null) {
                polling[0].remove();
            }
            detach.getUI().setPollInterval(-1);
        });
    }
}
