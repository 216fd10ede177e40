package dev.dlqconsole.ops;

import dev.dlqconsole.cluster.Leases;
import dev.dlqconsole.parking.ParkedStatus;
import dev.dlqconsole.parking.ParkingCensus;
import dev.dlqconsole.sqs.DlqDiscovery;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.MultiGauge.Row;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The console's gauges: what the parking lot holds per DLQ and status, how old its oldest parked
 * message is, each DLQ's depth, and the audit chain. One GROUP BY over the parking lot every
 * {@code dlq-console.ops.metrics-refresh} feeds them, so a scrape reads memory only. Depths are what
 * discovery last read on its own schedule: the gauges never call SQS.
 */
@Component
class ConsoleGauges {

    private final ParkingCensus census;
    private final DlqDiscovery discovery;
    private final Clock clock;
    private final MultiGauge parked;
    private final MultiGauge oldestAge;
    private final MultiGauge depth;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of(), Map.of());

    ConsoleGauges(
            MeterRegistry registry,
            ParkingCensus census,
            DlqDiscovery discovery,
            Clock clock,
            ObjectProvider<AuditChainStatus> audit,
            Leases leases) {
        this.census = census;
        this.discovery = discovery;
        this.clock = clock;
        parked = MultiGauge.builder("dlq.console.parked.messages")
                .description("Messages in the parking lot by DLQ and status")
                .register(registry);
        oldestAge = MultiGauge.builder("dlq.console.oldest.parked.age")
                .baseUnit("seconds")
                .description("Age of the DLQ's oldest message still PARKED; 0 when none is")
                .register(registry);
        depth = MultiGauge.builder("dlq.console.dlq.depth")
                .description("Messages visible in the DLQ as SQS reported at the last discovery; NaN while its"
                        + " connection is unreachable")
                .register(registry);
        Gauge.builder(
                        "dlq.console.audit.chain.ok",
                        audit,
                        a -> a.getIfAvailable(() -> AuditChainStatus.UNKNOWN)
                                .verdict()
                                .gauge())
                .description("1 when the audit trail's hash chain verifies, 0 when it is broken, NaN when unknown")
                // Micrometer holds a gauge's object weakly; the provider must outlive this constructor.
                .strongReference(true)
                .register(registry);
        // The chain's head on every scrape: an anchor outside the database (ADR 009), kept by Prometheus.
        Gauge.builder(
                        "dlq.console.audit.head.event",
                        audit,
                        a -> a.getIfAvailable(() -> AuditChainStatus.UNKNOWN).headEventId())
                .description("Id of the newest event in the audit trail's chain, as its head says now")
                .strongReference(true)
                .register(registry);
        Gauge.builder("dlq.console.leases.held", leases, Leases::heldCount)
                .description("Leases this instance holds now: DLQs it is parking and replay jobs it is running")
                .register(registry);
    }

    @Scheduled(fixedDelayString = "${dlq-console.ops.metrics-refresh:10s}")
    void refresh() {
        var dlqs = new LinkedHashSet<Dlq>();
        var counts = new HashMap<Dlq, Map<ParkedStatus, Long>>();
        var oldest = new HashMap<Dlq, Instant>();
        for (var tally : census.tallies()) {
            var dlq = new Dlq(tally.connection(), tally.dlq());
            dlqs.add(dlq);
            counts.computeIfAbsent(dlq, d -> new HashMap<>()).put(tally.status(), tally.count());
            if (tally.status() == ParkedStatus.PARKED) {
                oldest.put(dlq, tally.oldest());
            }
        }
        var depths = new HashMap<Dlq, Double>();
        for (var inventory : discovery.inventories()) {
            for (var queue : inventory.deadLetterQueues()) {
                var dlq = new Dlq(queue.connection(), queue.name());
                dlqs.add(dlq);
                depths.put(dlq, inventory.reachable() ? queue.visible() : Double.NaN);
            }
        }
        snapshot = new Snapshot(counts, oldest, depths);
        register(dlqs);
    }

    /** Rows for every DLQ known to the lot or to discovery; rows of DLQs gone from both are removed. */
    private void register(LinkedHashSet<Dlq> dlqs) {
        var parkedRows = new ArrayList<Row<?>>();
        var ageRows = new ArrayList<Row<?>>();
        var depthRows = new ArrayList<Row<?>>();
        for (var dlq : dlqs) {
            for (var status : ParkedStatus.values()) {
                parkedRows.add(Row.of(dlq.tags().and("status", status.name()), this, g -> g.count(dlq, status)));
            }
            ageRows.add(Row.of(dlq.tags(), this, g -> g.oldestAgeSeconds(dlq)));
            if (snapshot.depths().containsKey(dlq)) {
                depthRows.add(Row.of(dlq.tags(), this, g -> g.snapshot.depths().getOrDefault(dlq, Double.NaN)));
            }
        }
        parked.register(parkedRows, false);
        oldestAge.register(ageRows, false);
        depth.register(depthRows, false);
    }

    private double count(Dlq dlq, ParkedStatus status) {
        return snapshot.counts().getOrDefault(dlq, Map.of()).getOrDefault(status, 0L);
    }

    /** From the refresh's oldest parked time to now, so the age keeps growing between refreshes. */
    private double oldestAgeSeconds(Dlq dlq) {
        var oldest = snapshot.oldest().get(dlq);
        if (oldest == null) {
            return 0;
        }
        return Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }

    private record Dlq(String connection, String name) {

        Tags tags() {
            return Tags.of("connection", connection, "dlq", name);
        }
    }

    private record Snapshot(
            Map<Dlq, Map<ParkedStatus, Long>> counts, Map<Dlq, Instant> oldest, Map<Dlq, Double> depths) {}
}
