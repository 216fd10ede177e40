package dev.dlqconsole.incident;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An incident worked through a runbook, optionally scoped to a DLQ or a failure group. */
public record Incident(
        long id,
        String title,
        String runbookId,
        String runbookTitle,
        @Nullable String scopeDlq,
        @Nullable String scopeFingerprint,
        boolean open,
        String openedBy,
        Instant openedAt,
        @Nullable String closedBy,
        @Nullable Instant closedAt,
        @Nullable String summary) {

    public String key() {
        return "INC-" + id;
    }
}
