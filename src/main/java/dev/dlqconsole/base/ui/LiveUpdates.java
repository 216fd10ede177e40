package dev.dlqconsole.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Refreshes a view on a fixed interval while it is on screen and pushes the change to the browser
 * (the application uses server push), and stops when the view leaves. The refresh runs as the user
 * who opened the view, so the services' role checks apply to it as to a click.
 */
public final class LiveUpdates {

    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);
    private static final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("live-updates").daemon(true).factory());

    private LiveUpdates() {}

    /**
     * Runs {@code update} in the UI's session as {@code user}: Vaadin may run it on whichever thread
     * releases the session lock next, so the user's security context goes inside the access, where the
     * services' role checks need it. Does nothing when the tab has gone away.
     */
    public static void accessAs(UI ui, SecurityContext user, Runnable update) {
        try {
            ui.access(() -> {
                var previous = SecurityContextHolder.getContext();
                SecurityContextHolder.setContext(user);
                try {
                    update.run();
                } finally {
                    SecurityContextHolder.setContext(previous);
                }
            });
        } catch (UIDetachedException e) {
            // The tab went away meanwhile; nobody is left to show the update to.
        }
    }

    /**
     * The same in two halves: {@code load} reads what the view shows, as the user and outside the
     * session's lock (every request of the user's tabs waits on that lock, so a slow read there would
     * hold up their clicks elsewhere); {@code show} puts it on screen inside the lock. A load that
     * fails is skipped until the next interval.
     */
    public static <T> void whileAttached(Component view, int intervalMillis, Supplier<T> load, Consumer<T> show) {
        var running = new ScheduledFuture<?>[1];
        view.addAttachListener(attach -> {
            var ui = attach.getUI();
            var user = SecurityContextHolder.getContext();
            // One load at a time per view: a tick while the last is still reading is skipped (slow
            // reads would otherwise pile up, and an older one could be shown after a newer).
            var busy = new java.util.concurrent.atomic.AtomicBoolean();
            running[0] = ticker.scheduleWithFixedDelay(
                    () -> {
                        if (busy.compareAndSet(false, true)) {
                            Thread.startVirtualThread(() -> {
                                try {
                                    loadAndShow(view, ui, user, load, show);
                                } finally {
                                    busy.set(false);
                                }
                            });
                        }
                    },
                    intervalMillis,
                    intervalMillis,
                    TimeUnit.MILLISECONDS);
        });
        view.addDetachListener(detach -> {
            if (running[0] != null) {
                running[0].cancel(false);
            }
        });
    }

    private static <T> void loadAndShow(
            Component view, UI ui, SecurityContext user, Supplier<T> load, Consumer<T> show) {
        if (!view.isAttached()) {
            return;
        }
        T loaded;
        SecurityContextHolder.setContext(user);
        try {
            loaded = load.get();
        } catch (RuntimeException e) {
            log.debug("A live update of {} failed: {}", view.getClass().getSimpleName(), e.toString());
            return;
        } finally {
            SecurityContextHolder.clearContext();
        }
        accessAs(ui, user, () -> {
            if (!view.isAttached()) {
                return;
            }
            try {
                show.accept(loaded);
            } catch (RuntimeException e) {
                log.debug("A live update of {} failed: {}", view.getClass().getSimpleName(), e.toString());
            }
        });
    }

    /** The same for a view that reads and shows in one go, inside the session's lock (small reads only). */
    public static void whileAttached(Component view, int intervalMillis, Runnable refresh) {
        whileAttached(view, intervalMillis, () -> Boolean.TRUE, ignored -> refresh.run());
    }
}
