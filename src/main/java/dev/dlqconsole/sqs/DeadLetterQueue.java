package dev.dlqconsole.sqs;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A queue that at least one other queue names as its dead-letter target, with the depth and
 * retention SQS reported when it was last discovered. A retention is null where the server does not
 * report one (SQS always does; some emulators do not).
 */
public record DeadLetterQueue(
        String connection,
        String name,
        String url,
        String arn,
        List<SourceQueue> sources,
        long visible,
        long inFlight,
        @Nullable Duration retention) {

    public boolean fifo() {
        return name.endsWith(".fifo");
    }

    /**
     * SQS keeps a standard message's original enqueue time when it moves it to a DLQ, so a DLQ whose
     * retention is not longer than a source's drops dead letters early.
     */
    public List<SourceQueue> sourcesOutlivingRetention() {
        if (retention == null) {
            return List.of();
        }
        return sources.stream()
                .filter(s ->
                        s.retention() != null && !retention.minus(s.retention()).isPositive())
                .toList();
    }

    /** A queue that redrives to this DLQ. */
    public record SourceQueue(
            String name,
            String url,
            String arn,
            int maxReceiveCount,
            @Nullable Duration retention) {}
}
