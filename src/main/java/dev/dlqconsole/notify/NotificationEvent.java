package dev.dlqconsole.notify;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One event in the outbox. {@code eventId} is the receivers' idempotency key: every delivery of the
 * event, and every retry, carries it. Text fields hold masked values only (reasons masked at park time).
 */
public record NotificationEvent(
        long id,
        String eventId,
        EventKind kind,
        @Nullable String connection,
        @Nullable String dlq,
        @Nullable String fingerprint,
        @Nullable Long jobId,
        String title,
        @Nullable String detail,
        String link,
        Instant createdAt) {}
