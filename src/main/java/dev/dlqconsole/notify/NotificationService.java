package dev.dlqconsole.notify;

import dev.dlqconsole.audit.AuditEntry;
import dev.dlqconsole.audit.AuditLog;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the Notifications page reads and does: the targets (their secrets never leave this package),
 * the last deliveries and failures, how many wait; adding, removing and testing a target, retrying a
 * failed delivery. Admins only, each change audited with the target's name and host, never its URL.
 */
@Service
public class NotificationService {

    private final NotificationTargets targets;
    private final Outbox outbox;
    private final OutboxWriter writer;
    private final AuditLog audit;
    private final Clock clock;

    NotificationService(NotificationTargets targets, Outbox outbox, OutboxWriter writer, AuditLog audit, Clock clock) {
        this.targets = targets;
        this.outbox = outbox;
        this.writer = writer;
        this.audit = audit;
        this.clock = clock;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<TargetView> targets() {
        return targets.all().stream().map(TargetView::of).toList();
    }

    /** The newest deliveries (of one status, or all), at most {@code limit}. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<Delivery> deliveries(@Nullable DeliveryStatus status, int limit) {
        return outbox.recent(status, Math.clamp(limit, 1, 500));
    }

    /** Deliveries not yet sent nor failed: due, backing off, rate-limited or out. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public long waiting() {
        return outbox.waiting();
    }

    /**
     * Adds a target (its URL and key kept in the database, never shown again).
     *
     * @throws IllegalArgumentException for a target that cannot work, or a name taken
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public TargetView add(NotificationTarget target) {
        if (!targets.add(target, user(), clock.instant())) {
            throw new IllegalArgumentException("A notification target is named " + target.name() + " already");
        }
        audit.record(AuditEntry.of("notification.target.add", "notification target " + target.name(), null)
                .withDetail(target.type() + " to " + target.maskedUrl() + (target.signed() ? ", signed" : "") + "; "
                        + String.join(
                                "; ",
                                target.rules().stream()
                                        .map(NotificationRule::describe)
                                        .toList())));
        return targets().stream()
                .filter(t -> t.name().equals(target.name()))
                .findFirst()
                .orElseThrow();
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void remove(String name) {
        if (!targets.remove(name)) {
            throw new IllegalArgumentException("No target added on this page is named " + name
                    + " (those in dlq-console.notifications.targets are removed from the configuration)");
        }
        audit.record(AuditEntry.of("notification.target.remove", "notification target " + name, null));
    }

    /** Sends a test event to the target, through the outbox like any other. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void sendTest(String name) {
        var target = targets.named(name)
                .orElseThrow(() -> new IllegalArgumentException("No notification target is named " + name));
        writer.emitTo(
                new Outbox.NewEvent(
                        EventKind.TEST,
                        null,
                        null,
                        null,
                        null,
                        "Test notification from DLQ Console",
                        "Sent by " + user() + " from the Notifications page",
                        writer.link("/notifications")),
                target.name());
        audit.record(AuditEntry.of("notification.test", "notification target " + target.name(), null));
    }

    /** A failed delivery goes again (attempts counted afresh), with the same event id. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void retry(long deliveryId) {
        if (!outbox.retry(deliveryId, clock.instant())) {
            throw new IllegalArgumentException("Delivery " + deliveryId + " has not failed: nothing to retry");
        }
        audit.record(AuditEntry.of("notification.retry", "notification delivery " + deliveryId, null));
    }

    private static String user() {
        return SecurityContextHolder.getContext().getAuthentication().getName();
    }
}
