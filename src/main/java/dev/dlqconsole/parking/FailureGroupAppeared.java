package dev.dlqconsole.parking;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A message with a failure never parked before was parked: a new failure group. Published inside the
 * parker's transaction, so whatever listens (the notification outbox) commits with the message or not
 * at all. The reason is the masked one, as the console shows it.
 */
public record FailureGroupAppeared(
        String fingerprint,
        String connection,
        String dlq,
        @Nullable String reason,
        @Nullable String failureType,
        Instant parkedAt) {}
