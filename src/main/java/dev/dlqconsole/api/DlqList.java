package dev.dlqconsole.api;

import dev.dlqconsole.overview.OverviewService;
import dev.dlqconsole.parking.DlqParkingCount;
import dev.dlqconsole.sqs.ConnectionInventory;
import dev.dlqconsole.sqs.DeadLetterQueue;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Every DLQ discovery found, with what the parking lot holds of it, and each connection's state (a
 * connection that could not be read keeps the DLQs it had, and says why).
 */
@Schema(description = "Every DLQ discovery found, and the state of each connection.")
record DlqList(List<Connection> connections, List<Dlq> dlqs) {

    record Connection(
            @Schema(description = "The configured SQS connection's name.")
            String name,

            Instant discoveredAt,
            boolean reachable,

            @Schema(description = "Why the last discovery failed, if it did.") @Nullable
            String error) {}

    record Dlq(
            String connection,
            String name,
            String url,
            String arn,
            boolean fifo,

            @Schema(description = "Messages waiting in the DLQ itself (not yet parked), at the last discovery.")
            long visible,

            long inFlight,
            @Nullable Long retentionSeconds,

            @Schema(description = "The queues that redrive to this DLQ.")
            List<Source> sources,

            @Schema(description = "Messages of this DLQ in the parking lot, waiting.")
            long parked,

            long replayed,
            long discarded) {}

    record Source(
            String name,
            String url,
            String arn,
            int maxReceiveCount,
            @Nullable Long retentionSeconds) {}

    /** {@code counts} are keyed as {@link OverviewService#key} does. */
    static DlqList of(List<ConnectionInventory> inventories, Map<String, DlqParkingCount> counts) {
        var connections = new ArrayList<Connection>();
        var dlqs = new ArrayList<Dlq>();
        for (var inventory : inventories) {
            connections.add(new Connection(
                    inventory.connection(), inventory.discoveredAt(), inventory.reachable(), inventory.error()));
            for (var dlq : inventory.deadLetterQueues()) {
                dlqs.add(dlq(dlq, counts.get(OverviewService.key(dlq.connection(), dlq.name()))));
            }
        }
        return new DlqList(connections, dlqs);
    }

    private static Dlq dlq(DeadLetterQueue dlq, @Nullable DlqParkingCount count) {
        return new Dlq(
                dlq.connection(),
                dlq.name(),
                dlq.url(),
                dlq.arn(),
                dlq.fifo(),
                dlq.visible(),
                dlq.inFlight(),
                seconds(dlq.retention()),
                dlq.sources().stream()
                        .map(s -> new Source(s.name(), s.url(), s.arn(), s.maxReceiveCount(), seconds(s.retention())))
                        .toList(),
                count == null ? 0 : count.parked(),
                count == null ? 0 : count.replayed(),
                count == null ? 0 : count.discarded());
    }

    private static @Nullable Long seconds(@Nullable Duration duration) {
        return duration == null ? null : duration.toSeconds();
    }
}
