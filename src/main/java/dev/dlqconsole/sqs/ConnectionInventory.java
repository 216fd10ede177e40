package dev.dlqconsole.sqs;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What discovery found on one connection at {@code discoveredAt}: its DLQs, or the reason it could
 * not look (an unreachable endpoint, missing permissions), in words fit for the page.
 */
public record ConnectionInventory(
        String connection,
        Instant discoveredAt,
        List<DeadLetterQueue> deadLetterQueues,
        @Nullable String error) {

    public boolean reachable() {
        return error == null;
    }
}
