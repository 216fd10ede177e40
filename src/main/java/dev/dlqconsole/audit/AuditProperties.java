package dev.dlqconsole.audit;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit trail's settings: how often the chain is walked, the secret that keys it (ADR 009), and
 * how failed logins are counted together.
 */
@ConfigurationProperties("dlq-console.audit")
public record AuditProperties(
        @DefaultValue("10m") Duration verifyInterval,
        @Nullable String chainSecret,
        @DefaultValue FailedLogins failedLogins) {

    /**
     * The first failed login of a (source, user) in an interval is written at once, the others of the
     * interval as one event with their count when it ends. At most {@code maxTracked} pairs are told
     * apart per interval; failures of further pairs (made-up names) are counted together.
     */
    public record FailedLogins(
            @DefaultValue("1m") Duration interval,
            @DefaultValue("1000") int maxTracked) {}
}
