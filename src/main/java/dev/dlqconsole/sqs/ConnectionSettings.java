package dev.dlqconsole.sqs;

import org.jspecify.annotations.Nullable;

/** A connection's settings as an admin may see them: never its secret key. */
public record ConnectionSettings(
        String name,
        String region,
        @Nullable String endpoint,
        String credentials,
        String include,
        String exclude,
        SqsProperties.Mode mode) {}
