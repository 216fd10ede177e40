package dev.dlqconsole.notify;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code dlq-console.notifications.*}: where the console's links point, how deliveries are retried
 * and how often the DLQ conditions are checked, and the targets configured (more can be added on the
 * Notifications page).
 */
@ConfigurationProperties("dlq-console.notifications")
public record NotificationProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("http://localhost:8080") String publicBaseUrl,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("10s") Duration firstBackoff,
        @DefaultValue("15m") Duration maxBackoff,
        @DefaultValue("1s") Duration poll,
        @DefaultValue("1m") Duration checkEvery,
        @DefaultValue("10s") Duration requestTimeout,
        @Nullable List<NotificationTarget> targets) {

    public NotificationProperties {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("dlq-console.notifications.max-attempts must be at least 1");
        }
        var base = URI.create(publicBaseUrl);
        if (base.getHost() == null) {
            throw new IllegalArgumentException(
                    "dlq-console.notifications.public-base-url must be an absolute URL, was " + publicBaseUrl);
        }
        publicBaseUrl =
                publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        targets = targets == null ? List.of() : List.copyOf(targets);
        if (targets.stream().map(NotificationTarget::name).distinct().count() != targets.size()) {
            throw new IllegalArgumentException("dlq-console.notifications.targets: two targets have one name");
        }
    }

    /** The wait before attempt {@code attempt + 1}: doubling from first-backoff up to max-backoff. */
    Duration backoff(int attempt) {
        var wait = firstBackoff.multipliedBy(1L << Math.min(20, Math.max(0, attempt - 1)));
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
