package dev.dlqconsole.notify;

import dev.dlqconsole.cluster.Leases;
import dev.dlqconsole.parking.DlqInflow;
import dev.dlqconsole.parking.Inflow;
import dev.dlqconsole.parking.ParkingService;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The events no single change makes: a DLQ's inflow over a rule's threshold, its oldest waiting message
 * older than a rule's age. Checked once a {@code check-every} by one instance of the cluster; each
 * crossing is a row in {@code notification_condition}, so it is told once, and again only after it
 * cleared (the inflow fell below the threshold, the old messages were handled).
 */
@Component
class DlqConditions {

    private final ParkingService parking;
    private final OutboxWriter writer;
    private final Outbox outbox;
    private final NotificationTargets targets;
    private final NotificationProperties properties;
    private final Leases leases;
    private final TransactionTemplate transaction;
    private final Clock clock;

    DlqConditions(
            ParkingService parking,
            OutboxWriter writer,
            Outbox outbox,
            NotificationTargets targets,
            NotificationProperties properties,
            Leases leases,
            TransactionTemplate transaction,
            Clock clock) {
        this.parking = parking;
        this.writer = writer;
        this.outbox = outbox;
        this.targets = targets;
        this.properties = properties;
        this.leases = leases;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${dlq-console.notifications.check-every:1m}", initialDelay = 15_000)
    void scheduled() {
        if (properties.enabled()) {
            leases.runOncePer("notifications conditions", properties.checkEvery(), this::check);
        }
    }

    /** One look at every DLQ for every rule with a threshold or an age; returns how many crossings it told. */
    int check() {
        var dlqs = asSystem(parking::inflowByDlq);
        var now = clock.instant();
        int told = 0;
        for (var t : targets.all()) {
            var target = t.target();
            for (int r = 0; r < target.rules().size(); r++) {
                var rule = target.rules().get(r);
                for (var dlq : dlqs) {
                    if (!rule.coversDlq(dlq.dlq())) {
                        continue;
                    }
                    if (rule.events().contains(EventKind.INFLOW_THRESHOLD) && rule.inflowThreshold() != null) {
                        long parked = parkedWithin(dlq.inflow(), rule.window());
                        told += condition(
                                target,
                                r,
                                EventKind.INFLOW_THRESHOLD,
                                dlq,
                                parked >= rule.inflowThreshold(),
                                () -> String.format(
                                        Locale.ROOT,
                                        "%,d messages parked in the last %d minutes (threshold %,d)",
                                        parked,
                                        rule.window().toMinutes(),
                                        rule.inflowThreshold()));
                    }
                    if (rule.events().contains(EventKind.OLDEST_AGE) && rule.oldestAge() != null) {
                        var oldest = dlq.oldestParked();
                        var age = oldest == null ? Duration.ZERO : Duration.between(oldest, now);
                        told += condition(
                                target,
                                r,
                                EventKind.OLDEST_AGE,
                                dlq,
                                age.compareTo(rule.oldestAge()) > 0,
                                () -> "The oldest waiting message was parked " + human(age) + " ago, at " + oldest
                                        + " (age " + human(rule.oldestAge()) + ")");
                    }
                }
            }
        }
        return told;
    }

    private int condition(
            NotificationTarget target,
            int rule,
            EventKind kind,
            DlqInflow dlq,
            boolean over,
            java.util.function.Supplier<String> detail) {
        var key = String.join("|", target.name(), Integer.toString(rule), kind.name(), dlq.connection(), dlq.dlq());
        Boolean told = transaction.execute(status -> {
            if (!over) {
                outbox.clear(key);
                return false;
            }
            if (!outbox.raise(key, clock.instant())) {
                return false; // told already, not cleared since
            }
            writer.emitTo(
                    new Outbox.NewEvent(
                            kind,
                            dlq.connection(),
                            dlq.dlq(),
                            null,
                            null,
                            kind == EventKind.INFLOW_THRESHOLD
                                    ? dlq.dlq() + " is filling up"
                                    : dlq.dlq() + " has old messages waiting",
                            detail.get(),
                            writer.messagesLink(dlq.connection(), dlq.dlq())),
                    target.name());
            return true;
        });
        return Boolean.TRUE.equals(told) ? 1 : 0;
    }

    /** Parked in the buckets that end the day, as many five minutes as the window covers (at least one). */
    static long parkedWithin(Inflow inflow, Duration window) {
        int buckets = (int) Math.clamp(
                (window.toSeconds() + Inflow.BUCKET.toSeconds() - 1) / Inflow.BUCKET.toSeconds(), 1, Inflow.BUCKETS);
        var all = inflow.buckets();
        return Arrays.stream(all, all.length - buckets, all.length).sum();
    }

    private static String human(Duration d) {
        return d.toString().substring(2).toLowerCase(Locale.ROOT).replaceAll("\\.\\d+", "");
    }

    /** The parking lot's reads check the role; this background check reads as the system, a viewer. */
    private static <T> T asSystem(java.util.function.Supplier<T> read) {
        var previous = SecurityContextHolder.getContext();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "system", null, List.of(new SimpleGrantedAuthority("ROLE_VIEWER"))));
        SecurityContextHolder.setContext(context);
        try {
            return read.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
