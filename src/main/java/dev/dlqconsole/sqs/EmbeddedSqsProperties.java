package dev.dlqconsole.sqs;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The SQS-protocol server (ElasticMQ) that runs inside the console on the embedded default. */
@ConfigurationProperties("dlq-console.embedded-sqs")
public record EmbeddedSqsProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("9324") int port,
        @DefaultValue("embedded") String connectionName) {}
