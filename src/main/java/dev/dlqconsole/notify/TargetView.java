package dev.dlqconsole.notify;

import java.util.List;

/**
 * A target as the admin page shows it: never its URL's path or query, never its key.
 *
 * @param configured from {@code dlq-console.notifications.targets} (the page cannot remove it)
 */
public record TargetView(
        String name,
        TargetKind type,
        String maskedUrl,
        boolean signed,
        int perMinute,
        List<String> rules,
        boolean configured) {

    static TargetView of(NotificationTargets.Target t) {
        var target = t.target();
        return new TargetView(
                target.name(),
                target.type(),
                target.maskedUrl(),
                target.signed(),
                target.perMinute(),
                target.rules().stream().map(NotificationRule::describe).toList(),
                t.configured());
    }
}
