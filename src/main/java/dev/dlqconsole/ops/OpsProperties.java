package dev.dlqconsole.ops;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often the gauges re-read the parking lot, and how long the health check waits for each SQS
 * connection.
 */
@ConfigurationProperties("dlq-console.ops")
public record OpsProperties(
        @DefaultValue("10s") Duration metricsRefresh,
        @DefaultValue("2s") Duration sqsHealthTimeout) {}
