package dev.dlqconsole.demo;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo workload, on by default on the embedded default: which connection it uses, how often the simulated producers send, how many
 * messages each tick, and which share of them the simulated consumers fail.
 */
@ConfigurationProperties("dlq-console.demo")
public record DemoProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("embedded") String connection,
        @DefaultValue("2s") Duration producerInterval,
        @DefaultValue("3") int messagesPerTick,
        @DefaultValue("0.25") double failureShare,
        @DefaultValue("1s") Duration retryDelay) {}
