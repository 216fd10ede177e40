package dev.dlqconsole.replay;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The health checks of conditional replays (docs/decisions/019): only URLs on {@code allowedHosts} (none
 * by default: conditional replays are off until hosts are named), checked every {@code interval} with
 * {@code timeout} to connect and to answer; a job without a deadline of its own gives up after {@code
 * defaultDeadline}, and none may wait longer than {@code maxWait}.
 */
@ConfigurationProperties("dlq-console.replay.health-check")
public record HealthCheckProperties(
        @DefaultValue List<String> allowedHosts,
        @DefaultValue("5s") Duration interval,
        @DefaultValue("2s") Duration timeout,
        @DefaultValue("1h") Duration defaultDeadline,
        @DefaultValue("7d") Duration maxWait) {

    public HealthCheckProperties {
        allowedHosts = allowedHosts.stream()
                .map(h -> h.strip().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty())
                .toList();
    }

    boolean allows(String host) {
        return allowedHosts.contains(host.toLowerCase(Locale.ROOT));
    }
}
