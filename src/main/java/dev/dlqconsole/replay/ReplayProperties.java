package dev.dlqconsole.replay;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Replay safety: the canary (at least {@code canaryMessages}, or {@code canaryPercent} of a job if
 * more, then a watch of {@code canaryWatch}), when a message counts as poison (replayed and back in
 * a DLQ {@code poisonAfter} times), and how many messages all jobs together may send to one queue
 * per hour. Messages with the same body and the same {@code idempotencyKeyAttribute} value are
 * duplicates: a replay sends the first and skips the rest.
 */
@ConfigurationProperties("dlq-console.replay")
public record ReplayProperties(
        @DefaultValue("10") int canaryMessages,
        @DefaultValue("1") int canaryPercent,
        @DefaultValue("60s") Duration canaryWatch,
        @DefaultValue("3") int poisonAfter,
        @DefaultValue("100000") int budgetPerHour,
        @DefaultValue("idempotency-key") String idempotencyKeyAttribute) {

    int canarySize(int total) {
        var percent = (int) Math.ceil(total * canaryPercent / 100.0);
        return Math.min(total, Math.max(canaryMessages, percent));
    }
}
