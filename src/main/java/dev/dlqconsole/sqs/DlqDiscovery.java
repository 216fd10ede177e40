package dev.dlqconsole.sqs;

import dev.dlqconsole.cluster.Leases;
import dev.dlqconsole.sqs.DeadLetterQueue.SourceQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import software.amazon.awssdk.core.exception.SdkException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds every DLQ on every connection by reading each queue's {@code RedrivePolicy}: a queue that some
 * other queue names as its {@code deadLetterTargetArn} is a DLQ. {@code ListDeadLetterSourceQueues} is
 * only a cross-check, since some SQS implementations forget policies set after creation. In a cluster
 * one instance refreshes each connection per interval and shares what it found through the database.
 */
@Service
public class DlqDiscovery {

    private static final Logger log = LoggerFactory.getLogger(DlqDiscovery.class);
    private static final JsonMapper json = JsonMapper.builder().build();

    private final SqsGateway sqs;
    private final Clock clock;
    private final Leases leases;
    private final DiscoverySnapshots snapshots;
    private final Duration interval;
    private final Map<String, ConnectionInventory> inventories = new ConcurrentHashMap<>();

    DlqDiscovery(SqsGateway sqs, Clock clock, Leases leases, DiscoverySnapshots snapshots, SqsProperties properties) {
        this.sqs = sqs;
        this.clock = clock;
        this.leases = leases;
        this.snapshots = snapshots;
        this.interval = properties.discoveryInterval();
    }

    /** The latest inventory of every connection, discovering those never looked at yet. */
    public List<ConnectionInventory> inventories() {
        return sqs.connectionNames().stream()
                .map(name -> inventories.computeIfAbsent(name, this::sharedOrDiscovered))
                .toList();
    }

    public Optional<DeadLetterQueue> find(String connection, String dlqName) {
        return inventories().stream()
                .filter(i -> i.connection().equals(connection))
                .flatMap(i -> i.deadLetterQueues().stream())
                .filter(q -> q.name().equals(dlqName))
                .findFirst();
    }

    /**
     * As {@link #find}, but a DLQ the last refresh did not see makes this connection's discovery run
     * once more before the answer is "none": someone may have created it a moment ago.
     */
    public Optional<DeadLetterQueue> findFresh(String connection, String dlqName) {
        var known = find(connection, dlqName);
        if (known.isPresent() || !sqs.connectionNames().contains(connection)) {
            return known;
        }
        return refresh(connection).deadLetterQueues().stream()
                .filter(q -> q.name().equals(dlqName))
                .findFirst();
    }

    @Scheduled(
            fixedDelayString = "${dlq-console.sqs.discovery-interval:30s}",
            initialDelayString = "${dlq-console.sqs.discovery-interval:30s}")
    public void refreshAll() {
        sqs.connectionNames().forEach(this::refreshOncePerInterval);
    }

    /**
     * Asks SQS now unless an instance (this one or another) did within the interval or is doing it now:
     * through the connection's discovery lease, as the schedule does, so however often people ask, each
     * connection is listed once per interval across the cluster. Otherwise the newest shared inventory.
     */
    public ConnectionInventory refreshOncePerInterval(String connection) {
        if (!leases.runOncePer("discovery " + connection, interval, () -> refresh(connection))) {
            // Another instance refreshed it within the interval: take what it found if newer.
            snapshots.load(connection).ifPresent(shared -> inventories.merge(connection, shared, DlqDiscovery::later));
        }
        return inventories.computeIfAbsent(connection, this::sharedOrDiscovered);
    }

    /**
     * Asks SQS now, and shares the answer with the other instances. Of two refreshes that overlap (the
     * schedule's and a user's), the one that started later wins, whichever ends last.
     */
    public ConnectionInventory refresh(String connection) {
        var inventory = discover(connection);
        inventories.merge(connection, inventory, DlqDiscovery::later);
        snapshots.save(inventory);
        return inventory;
    }

    private static ConnectionInventory later(ConnectionInventory mine, ConnectionInventory theirs) {
        return theirs.discoveredAt().isBefore(mine.discoveredAt()) ? mine : theirs;
    }

    private ConnectionInventory sharedOrDiscovered(String connection) {
        return snapshots
                .load(connection)
                .filter(shared -> shared.discoveredAt().isAfter(clock.instant().minus(interval.multipliedBy(2))))
                .orElseGet(() -> {
                    var inventory = discover(connection);
                    snapshots.save(inventory);
                    return inventory;
                });
    }

    private ConnectionInventory discover(String connection) {
        // Stamped when the listing starts: what it found is at least that fresh.
        var startedAt = clock.instant();
        try {
            return new ConnectionInventory(connection, startedAt, deadLetterQueues(connection), null);
        } catch (SdkException | IllegalArgumentException e) {
            log.warn("Discovery on connection '{}' failed: {}", connection, e.toString());
            // Keep what was known: a throttled call must not make every DLQ vanish mid-incident.
            var previous = inventories.get(connection);
            return new ConnectionInventory(
                    connection,
                    clock.instant(),
                    previous == null ? List.of() : previous.deadLetterQueues(),
                    describe(e));
        }
    }

    private List<DeadLetterQueue> deadLetterQueues(String connection) {
        var queues = sqs.listQueues(connection);
        var byArn = new LinkedHashMap<String, SqsQueue>();
        queues.forEach(q -> byArn.put(q.arn(), q));
        var sourcesByDlqArn = new LinkedHashMap<String, List<SourceQueue>>();
        for (var queue : queues) {
            var policy = redrivePolicy(queue);
            if (policy != null && byArn.containsKey(policy.targetArn())) {
                sourcesByDlqArn
                        .computeIfAbsent(policy.targetArn(), arn -> new ArrayList<>())
                        .add(new SourceQueue(
                                queue.name(), queue.url(), queue.arn(), policy.maxReceiveCount(), retention(queue)));
            }
        }
        var dlqs = new ArrayList<DeadLetterQueue>();
        sourcesByDlqArn.forEach((arn, sources) -> {
            var dlq = byArn.get(arn);
            if (sqs.watches(connection, dlq.name())) {
                crossCheck(connection, dlq, sources);
                sources.sort(Comparator.comparing(SourceQueue::name));
                dlqs.add(new DeadLetterQueue(
                        connection,
                        dlq.name(),
                        dlq.url(),
                        dlq.arn(),
                        List.copyOf(sources),
                        dlq.longAttribute("ApproximateNumberOfMessages"),
                        dlq.longAttribute("ApproximateNumberOfMessagesNotVisible"),
                        retention(dlq)));
            }
        });
        dlqs.sort(Comparator.comparing(DeadLetterQueue::name));
        return dlqs;
    }

    private void crossCheck(String connection, SqsQueue dlq, List<SourceQueue> sources) {
        try {
            var reported = sqs.deadLetterSourceQueueUrls(connection, dlq.url());
            var known = sources.stream().map(SourceQueue::url).toList();
            reported.stream()
                    .filter(url -> !known.contains(url))
                    .forEach(url -> log.info(
                            "SQS names {} as a source of {}, but its RedrivePolicy does not", url, dlq.name()));
        } catch (SdkException e) {
            log.debug("ListDeadLetterSourceQueues is not available for {}: {}", dlq.name(), e.toString());
        }
    }

    private static @Nullable RedrivePolicy redrivePolicy(SqsQueue queue) {
        var raw = queue.attributes().get("RedrivePolicy");
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            var node = json.readTree(raw);
            var target = node.path("deadLetterTargetArn").asString("");
            var maxReceiveCount = node.path("maxReceiveCount").asInt(0);
            return target.isEmpty() ? null : new RedrivePolicy(target, maxReceiveCount);
        } catch (JacksonException e) {
            log.warn("Queue {} has an unreadable RedrivePolicy: {}", queue.name(), raw);
            return null;
        }
    }

    /** Null where the server does not say (SQS always does; ElasticMQ does not). */
    private static @Nullable Duration retention(SqsQueue queue) {
        var seconds = queue.longAttribute("MessageRetentionPeriod");
        return seconds == 0 ? null : Duration.ofSeconds(seconds);
    }

    private static String describe(Exception e) {
        var message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        var firstLine = message.lines().findFirst().orElse(message);
        return firstLine.length() > 300 ? firstLine.substring(0, 300) + "…" : firstLine;
    }

    private record RedrivePolicy(String targetArn, int maxReceiveCount) {}
}
