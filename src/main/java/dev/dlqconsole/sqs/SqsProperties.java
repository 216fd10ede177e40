package dev.dlqconsole.sqs;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SQS connections the console watches. Each connection is one account and region (or an endpoint
 * override); credentials come from the standard AWS chain unless a static key pair is given.
 */
@ConfigurationProperties("dlq-console.sqs")
public record SqsProperties(
        @DefaultValue List<Connection> connections,
        @DefaultValue("30s") Duration discoveryInterval,
        @DefaultValue("5s") Duration callTimeout) {

    public SqsProperties {
        // A parked message and a replay target are named by (connection, queue): one name, one account.
        var names = new java.util.HashSet<String>();
        for (var connection : connections) {
            if (!names.add(connection.name())) {
                throw new IllegalArgumentException(
                        "dlq-console.sqs.connections (" + connection.name() + "): the name is used twice");
            }
        }
    }

    public record Connection(
            String name,
            @DefaultValue("us-east-1") String region,
            @Nullable URI endpoint,
            @Nullable String accessKeyId,
            @Nullable String secretAccessKey,
            @DefaultValue(".*") String include,
            @DefaultValue("") String exclude,
            @DefaultValue("PARK") Mode mode) {

        public Connection {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("every dlq-console.sqs.connections entry needs a name");
            }
        }

        @Override
        public String toString() {
            return "Connection[name=" + name + ", region=" + region + ", endpoint=" + endpoint + ", accessKeyId="
                    + accessKeyId + ", secretAccessKey=" + (secretAccessKey == null ? "null" : "***") + ", mode="
                    + mode + "]";
        }

        boolean watches(String queueName) {
            return Pattern.compile(include).matcher(queueName).matches()
                    && (exclude.isBlank()
                            || !Pattern.compile(exclude).matcher(queueName).matches());
        }
    }

    /** PARK drains a DLQ into the parking lot; PEEK only reads, for accounts where the console may not delete. */
    public enum Mode {
        PARK,
        PEEK
    }
}
