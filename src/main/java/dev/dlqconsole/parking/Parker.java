package dev.dlqconsole.parking;

import dev.dlqconsole.cluster.Lease;
import dev.dlqconsole.cluster.Leases;
import dev.dlqconsole.sqs.DeadLetterQueue;
import dev.dlqconsole.sqs.DlqDiscovery;
import dev.dlqconsole.sqs.ReceivedMessage;
import dev.dlqconsole.sqs.SqsGateway;
import dev.dlqconsole.sqs.SqsProperties.Mode;
import dev.dlqconsole.tracing.Telemetry;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drains DLQs into the parking lot: receive ten, insert them in one transaction, and only then
 * delete them from SQS. A crash between commit and delete makes SQS deliver the messages again, and
 * the unique key turns that into a no-op. In peek mode it puts them back instead of deleting. Each
 * drain holds the DLQ's lease, so one instance of a cluster drains a DLQ at a time.
 */
@Component
class Parker {

    private static final Logger log = LoggerFactory.getLogger(Parker.class);

    private final SqsGateway sqs;
    private final DlqDiscovery discovery;
    private final MessageExtraction extraction;
    private final ParkingProperties properties;
    private final ParkingFaults faults;
    private final ParkingLot lot;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Tracer tracer;
    private final MeterRegistry meters;
    private final Leases leases;
    // Platform threads: the receivers block on SQS calls, and on a small machine they must get their
    // fair share of CPU next to everything else (virtual threads would share the few carriers).
    private final ExecutorService executor = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("parker-", 0).daemon(true).factory());
    private final Map<String, Instant> lastRun = new ConcurrentHashMap<>();
    private final Map<String, Boolean> running = new ConcurrentHashMap<>();

    Parker(
            SqsGateway sqs,
            DlqDiscovery discovery,
            MessageExtraction extraction,
            ParkingProperties properties,
            ParkingFaults faults,
            ParkingLot lot,
            TransactionTemplate transaction,
            Clock clock,
            Telemetry telemetry,
            MeterRegistry meters,
            Leases leases) {
        this.sqs = sqs;
        this.discovery = discovery;
        this.extraction = extraction;
        this.properties = properties;
        this.faults = faults;
        this.lot = lot;
        this.transaction = transaction;
        this.clock = clock;
        this.tracer = telemetry.openTelemetry().getTracer("dev.dlqconsole.parking");
        this.meters = meters;
        this.leases = leases;
    }

    /** Starts a drain of every DLQ that is due and not already being drained. */
    @Scheduled(fixedDelayString = "${dlq-console.parking.sweep-delay:500ms}")
    void sweep() {
        for (var inventory : discovery.inventories()) {
            for (var dlq : inventory.deadLetterQueues()) {
                var settings = properties.settingsFor(dlq.name());
                var key = key(dlq);
                var last = lastRun.get(key);
                if (Boolean.TRUE.equals(settings.enabled())
                        && (last == null || !clock.instant().isBefore(last.plus(settings.interval())))
                        && running.putIfAbsent(key, true) == null) {
                    executor.submit(() -> {
                        try {
                            // Another instance holding the DLQ's lease is draining it: nothing to do.
                            drainIfFree(dlq, null);
                        } catch (RuntimeException e) {
                            log.warn("Parking {} failed: {}", dlq.name(), e.toString());
                        } finally {
                            lastRun.put(key, clock.instant());
                            running.remove(key);
                        }
                    });
                }
            }
        }
    }

    /** Drains the DLQ until SQS has nothing more to give, with the DLQ's configured concurrency. */
    ParkResult drain(DeadLetterQueue dlq) {
        return drain(dlq, null);
    }

    /** As {@link #drain(DeadLetterQueue)}, but receivers stop starting new batches after {@code budget}. */
    ParkResult drain(DeadLetterQueue dlq, @Nullable Duration budget) {
        return drainIfFree(dlq, budget)
                .orElseThrow(() -> new IllegalStateException(dlq.name() + " is being parked by "
                        + leases.instanceHolding(leaseName(dlq))
                                .map(name -> "console instance " + name)
                                .orElse("another instance")
                        + " right now"));
    }

    /** Drains the DLQ unless an instance (this one or another) holds its lease. */
    Optional<ParkResult> drainIfFree(DeadLetterQueue dlq, @Nullable Duration budget) {
        var lease = leases.tryAcquire(leaseName(dlq));
        if (lease.isEmpty()) {
            return Optional.empty();
        }
        try (var held = lease.get()) {
            return Optional.of(drain(dlq, budget, held));
        }
    }

    static String leaseName(DeadLetterQueue dlq) {
        return "park " + dlq.connection() + "/" + dlq.name();
    }

    private ParkResult drain(DeadLetterQueue dlq, @Nullable Duration budget, Lease lease) {
        int receivers = Math.max(1, properties.settingsFor(dlq.name()).concurrency());
        var deadline = budget == null ? null : clock.instant().plus(budget);
        // In peek mode nothing is deleted: a drain ends when it receives only messages it has seen.
        var seen = ConcurrentHashMap.<String>newKeySet();
        var futures = new ArrayList<Future<ParkResult>>();
        for (int i = 0; i < receivers; i++) {
            futures.add(executor.submit(() -> receiveUntilEmpty(dlq, deadline, seen, lease)));
        }
        var total = ParkResult.empty(dlq.name());
        for (var future : futures) {
            try {
                total = total.plus(future.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while parking " + dlq.name(), e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        if (total.received() > 0) {
            // A trickle is routine (debug); a burst or refused deletes is worth a line in the log.
            var level = total.received() >= 100 || total.deleteFailures() > 0
                    ? org.slf4j.event.Level.INFO
                    : org.slf4j.event.Level.DEBUG;
            log.atLevel(level)
                    .log(
                            "Parked {} new of {} received from {}{}",
                            total.parked(),
                            total.received(),
                            dlq.name(),
                            total.deleteFailures() > 0
                                    ? " (" + total.deleteFailures() + " deletes left to redelivery)"
                                    : "");
        }
        return total;
    }

    private ParkResult receiveUntilEmpty(
            DeadLetterQueue dlq, @Nullable Instant deadline, Set<String> seen, Lease lease) {
        var peek = sqs.mode(dlq.connection()) == Mode.PEEK;
        var total = ParkResult.empty(dlq.name());
        int seenOnly = 0;
        while (!Thread.currentThread().isInterrupted()
                && lease.isValid()
                && (deadline == null || clock.instant().isBefore(deadline))) {
            var batch = sqs.receive(
                    dlq.connection(), dlq.url(), 10, properties.receiveWait(), properties.visibilityTimeout());
            if (batch.isEmpty()) {
                return total;
            }
            var toRelease = new ArrayList<String>();
            boolean allSeen = peek && batch.stream().allMatch(m -> seen.contains(m.messageId()));
            batch.forEach(m -> seen.add(m.messageId()));
            try {
                total = total.plus(park(dlq, batch, peek, toRelease));
            } finally {
                // Peeked messages go back at once, so other readers see them again within a batch.
                release(dlq, toRelease);
            }
            seenOnly = allSeen ? seenOnly + 1 : 0;
            if (seenOnly == 3) {
                return total;
            }
        }
        return total;
    }

    private ParkResult park(DeadLetterQueue dlq, List<ReceivedMessage> batch, boolean peek, List<String> toRelease) {
        var span = tracer.spanBuilder("park " + dlq.name())
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "aws_sqs")
                .setAttribute("messaging.destination.name", dlq.name())
                .setAttribute("messaging.batch.message_count", batch.size())
                .startSpan();
        try (var ignored = span.makeCurrent()) {
            var now = clock.instant();
            var drafts =
                    batch.stream().map(m -> extraction.extract(dlq, m, now)).toList();
            Integer inserted = transaction.execute(status -> lot.insert(drafts));
            faults.afterCommit(batch);
            // dlq_console_parked_total: new rows only, so a redelivery parked before counts once.
            meters.counter("dlq.console.parked", "connection", dlq.connection(), "dlq", dlq.name())
                    .increment(inserted == null ? 0 : inserted);
            span.setAttribute("dlq.parked", inserted == null ? 0 : inserted);
            if (peek) {
                batch.forEach(m -> toRelease.add(m.receiptHandle()));
                return new ParkResult(dlq.name(), batch.size(), inserted == null ? 0 : inserted, 0);
            }
            int failures = delete(dlq, batch);
            return new ParkResult(dlq.name(), batch.size(), inserted == null ? 0 : inserted, failures);
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.getMessage());
            span.recordException(e);
            throw e;
        } finally {
            span.end();
        }
    }

    /**
     * Deletes a committed batch. Entries SQS refuses are tried once more; what still fails becomes
     * visible again after the visibility timeout and is parked again as a no-op.
     */
    private int delete(DeadLetterQueue dlq, List<ReceivedMessage> batch) {
        var handles = new LinkedHashMap<String, String>();
        for (int i = 0; i < batch.size(); i++) {
            handles.put(
                    Integer.toString(i),
                    faults.receiptHandleToDelete(batch.get(i).receiptHandle()));
        }
        var result = sqs.deleteBatch(dlq.connection(), dlq.url(), handles);
        if (result.allSucceeded()) {
            return 0;
        }
        var retry = new LinkedHashMap<String, String>();
        result.failed().keySet().forEach(id -> retry.put(id, handles.get(id)));
        var second = sqs.deleteBatch(dlq.connection(), dlq.url(), retry);
        if (!second.allSucceeded()) {
            log.warn(
                    "SQS refused to delete {} parked messages from {} ({}); they will be redelivered and skipped",
                    second.failed().size(),
                    dlq.name(),
                    second.failed().values().iterator().next());
        }
        return second.failed().size();
    }

    private void release(DeadLetterQueue dlq, List<String> receiptHandles) {
        for (int from = 0; from < receiptHandles.size(); from += 10) {
            var chunk = new LinkedHashMap<String, String>();
            var end = Math.min(receiptHandles.size(), from + 10);
            for (int i = from; i < end; i++) {
                chunk.put(Integer.toString(i - from), receiptHandles.get(i));
            }
            try {
                sqs.release(dlq.connection(), dlq.url(), chunk);
            } catch (RuntimeException e) {
                log.warn("Could not release peeked messages of {}: {}", dlq.name(), e.toString());
            }
        }
    }

    private static String key(DeadLetterQueue dlq) {
        return dlq.connection() + "/" + dlq.name();
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
