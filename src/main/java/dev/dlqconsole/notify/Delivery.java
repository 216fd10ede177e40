package dev.dlqconsole.notify;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One delivery (an event to a target) as the outbox holds it, with its event. */
public record Delivery(
        long id,
        NotificationEvent event,
        String target,
        DeliveryStatus status,
        int attempts,
        Instant nextAttemptAt,
        boolean possibleDuplicate,
        @Nullable Integer lastStatus,
        @Nullable String lastError,
        Instant createdAt,
        @Nullable Instant sentAt) {}
