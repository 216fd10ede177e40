package dev.dlqconsole.parking;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the parker drains DLQs: on or off, how often a DLQ is looked at, how many receivers drain
 * one DLQ at once, and per-DLQ overrides under {@code queues.<dlq-name>}. Also which message
 * attributes carry the failure reason, and how long handled messages stay before the purge.
 */
@ConfigurationProperties("dlq-console.parking")
public record ParkingProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("2s") Duration interval,
        @DefaultValue("2") int concurrency,
        @DefaultValue("30s") Duration visibilityTimeout,
        @DefaultValue("1s") Duration receiveWait,

        @DefaultValue({"error-message", "error", "exception", "x-error-message"})
        List<String> reasonAttributes,

        @DefaultValue({"error-type", "exception-type", "x-error-type"})
        List<String> typeAttributes,

        @DefaultValue("30d") Duration handledRetention,
        @DefaultValue Map<String, QueueSettings> queues) {

    QueueSettings settingsFor(String dlqName) {
        var own = queues.get(dlqName);
        return new QueueSettings(
                own == null || own.enabled() == null ? enabled : own.enabled(),
                own == null || own.interval() == null ? interval : own.interval(),
                own == null || own.concurrency() == null ? concurrency : own.concurrency());
    }

    /** One DLQ's overrides; a null field keeps the global setting. */
    public record QueueSettings(
            @Nullable Boolean enabled,
            @Nullable Duration interval,
            @Nullable Integer concurrency) {}
}
