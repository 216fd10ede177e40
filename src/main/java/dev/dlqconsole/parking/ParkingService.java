package dev.dlqconsole.parking;

import dev.dlqconsole.audit.AuditEntry;
import dev.dlqconsole.audit.AuditEvent;
import dev.dlqconsole.audit.AuditLog;
import dev.dlqconsole.sqs.DeadLetterQueue;
import dev.dlqconsole.sqs.DlqDiscovery;
import dev.dlqconsole.tracing.JaegerTraces;
import dev.dlqconsole.tracing.TraceLinks;
import dev.dlqconsole.tracing.TraceSummaryResult;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The parking lot as operators use it: browse, search, group, park now and discard. What it shows of
 * bodies and attributes is masked as configured; only an admin unmasks, one audited message at a time.
 */
@Service
public class ParkingService {

    private static final Logger log = LoggerFactory.getLogger(ParkingService.class);
    /** Most messages one discard may touch; larger clean-ups go by filter in several steps. */
    public static final int MAX_BATCH = 10_000;

    private final ParkingLot lot;
    private final MessageStates states;
    private final Parker parker;
    private final DlqDiscovery discovery;
    private final ParkingProperties properties;
    private final TraceLinks traceLinks;
    private final JaegerTraces jaeger;
    private final Clock clock;
    private final ShownMessages shown;
    private final MessageExports exports;
    private final ParkedCounts parkedCounts;

    private final AuditLog audit;
    private final FailureGroupWork groupWork;
    private final ParkedInflow inflow;
    private final MessageImports imports;

    ParkingService(
            ParkingLot lot,
            MessageStates states,
            Parker parker,
            DlqDiscovery discovery,
            ParkingProperties properties,
            TraceLinks traceLinks,
            JaegerTraces jaeger,
            Clock clock,
            ShownMessages shown,
            MessageExports exports,
            ParkedCounts parkedCounts,
            AuditLog audit,
            FailureGroupWork groupWork,
            ParkedInflow inflow,
            MessageImports imports) {
        this.imports = imports;
        this.parkedCounts = parkedCounts;
        this.groupWork = groupWork;
        this.inflow = inflow;
        this.shown = shown;
        this.exports = exports;
        this.audit = audit;
        this.lot = lot;
        this.states = states;
        this.parker = parker;
        this.discovery = discovery;
        this.properties = properties;
        this.traceLinks = traceLinks;
        this.jaeger = jaeger;
        this.clock = clock;
    }

    /** The link to a trace in the configured trace UI, if links are on. */
    @PreAuthorize("hasRole('VIEWER')")
    public Optional<String> traceUrl(String traceId) {
        return traceLinks.urlFor(traceId);
    }

    /** A short summary of the trace from Jaeger's query API; never throws, even when Jaeger is down. */
    @PreAuthorize("hasRole('VIEWER')")
    public TraceSummaryResult traceSummary(String traceId) {
        return jaeger.summary(traceId);
    }

    /** Newest first; pass the last id of the previous page as {@code beforeId} for the next one. */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public List<MessageRow> page(MessageFilter filter, @Nullable Long beforeId, int limit) {
        return lot.page(filter, beforeId, checkLimit(limit));
    }

    /** A page at an offset, for a grid that jumps far ahead without a keyset. */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public List<MessageRow> pageAt(MessageFilter filter, long offset, int limit) {
        return lot.pageAt(filter, offset, checkLimit(limit));
    }

    /** How many messages match, counted up to {@code cap}. */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public long count(MessageFilter filter, long cap) {
        return lot.count(filter, cap);
    }

    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public List<FailureGroup> groups(@Nullable ParkedStatus status) {
        // Masked when parked, reasons and group titles alike (docs/decisions/010).
        var work = groupWork.all();
        return lot.groups(status).stream()
                .map(g -> {
                    var w = work.get(g.fingerprint());
                    return w == null ? g : g.withWork(w);
                })
                .toList();
    }

    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public List<DlqParkingCount> countsByDlq() {
        return parkedCounts.get(lot::countsByDlq);
    }

    /** Each failure group's inflow over the last day, by fingerprint; groups with none are left out. */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public Map<String, Inflow> inflowByGroup() {
        var from = Inflow.dayEndingAt(clock.instant());
        var byGroup = new LinkedHashMap<String, Inflow>();
        inflow.buckets(from, ParkedInflow.Key::fingerprint)
                .forEach((group, buckets) -> byGroup.put(group, new Inflow(from, buckets)));
        return byGroup;
    }

    /** The failure groups that parked most over the last day, most first, with a reason to name each. */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public List<GroupInflow> topGroups(int limit) {
        return inflowByGroup().entrySet().stream()
                .sorted(Map.Entry.comparingByValue(
                        java.util.Comparator.comparingLong(Inflow::total).reversed()))
                .limit(Math.clamp(limit, 1, 50))
                .map(e -> new GroupInflow(
                        e.getKey(), FailureFingerprint.template(inflow.sampleReason(e.getKey())), e.getValue()))
                .toList();
    }

    /**
     * Per DLQ that holds parked messages or parked some over the last day: its inflow and when its
     * oldest waiting message was parked. Every open Overview polls it, so it is shared for a few seconds.
     */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public List<DlqInflow> inflowByDlq() {
        return parkedCounts.inflow(this::readInflowByDlq);
    }

    private List<DlqInflow> readInflowByDlq() {
        var from = Inflow.dayEndingAt(clock.instant());
        var byDlq = inflow.buckets(from, key -> List.of(key.connection(), key.dlq()));
        countsByDlq().stream()
                .filter(count -> count.parked() > 0)
                .forEach(
                        count -> byDlq.putIfAbsent(List.of(count.connection(), count.dlq()), new long[Inflow.BUCKETS]));
        return byDlq.entrySet().stream()
                .map(e -> {
                    var connection = e.getKey().get(0);
                    var dlq = e.getKey().get(1);
                    return new DlqInflow(
                            connection, dlq, new Inflow(from, e.getValue()), inflow.oldestParked(connection, dlq));
                })
                .sorted(java.util.Comparator.comparing(DlqInflow::connection).thenComparing(DlqInflow::dlq))
                .toList();
    }

    /**
     * The inflow over the last day of one DLQ (on every connection that has it), one failure group, both
     * or, with neither, of the whole parking lot: an incident's scope.
     */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public Inflow inflow(@Nullable String dlq, @Nullable String fingerprint) {
        var from = Inflow.dayEndingAt(clock.instant());
        var scoped = inflow.buckets(
                from,
                key -> (dlq == null || dlq.equals(key.dlq()))
                        && (fingerprint == null || fingerprint.equals(key.fingerprint())));
        var buckets = scoped.get(true);
        return buckets == null ? Inflow.none(from) : new Inflow(from, buckets);
    }

    /** The message with its sensitive values masked, for everyone, admins included. */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public MessageDetails details(long id) {
        return shown.details(find(id), false);
    }

    /** The message as it was parked, sensitive values and all: for admins, and recorded in the audit trail. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public MessageDetails unmasked(long id) {
        var details = shown.details(find(id), true);
        var masking = details.masking();
        audit.record(AuditEntry.of("message.unmask", "message " + id, null)
                .withDetail(masking.values() + " sensitive values shown"
                        + (masking.attributes().isEmpty()
                                ? ""
                                : " (attributes " + String.join(", ", masking.attributes()) + ")")));
        log.info(
                "{} unmasked parked message {}",
                SecurityContextHolder.getContext().getAuthentication().getName(),
                id);
        return details;
    }

    private StoredMessage find(long id) {
        return lot.stored(id).orElseThrow(() -> new NoSuchElementException("No parked message has id " + id));
    }

    /** Whether the current user may export messages: the configured role, and nobody when exports are off. */
    public boolean exportAllowed() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && exports.permits(authentication);
    }

    /**
     * An export of the messages the filter selects (a failure group is its {@code fingerprint}), masked as
     * their pages show them; writing it streams them and records the export in the audit trail.
     */
    @PreAuthorize("@messageExports.permits(authentication)")
    public MessageExport export(MessageFilter filter, ExportFormat format) {
        return exports.open(
                filter,
                format,
                SecurityContextHolder.getContext().getAuthentication().getName());
    }

    /**
     * Imports a JSON Lines export (see {@link MessageImports}) into {@code dlqName} on {@code connection},
     * or, when they are null, into the DLQ each line names. Admins only; audited as one
     * {@code message.import}.
     */
    @PreAuthorize("hasRole('ADMIN')")
    public MessageImportResult importMessages(
            java.io.Reader lines, @Nullable String connection, @Nullable String dlqName, String fileName) {
        DeadLetterQueue target = null;
        if (connection != null || dlqName != null) {
            if (connection == null || dlqName == null) {
                throw new IllegalArgumentException("Name both the connection and the DLQ to import into, or neither");
            }
            target = discovery
                    .find(connection, dlqName)
                    .orElseThrow(() -> new IllegalArgumentException("No DLQ named " + dlqName + " on " + connection));
        }
        return imports.importLines(
                lines,
                target,
                fileName == null || fileName.isBlank() ? "upload" : fileName.strip(),
                SecurityContextHolder.getContext().getAuthentication().getName());
    }

    /** The DLQs an import can go into, as connection and name, in the order discovery lists them. */
    @PreAuthorize("hasRole('ADMIN')")
    public List<List<String>> importTargets() {
        return discovery.inventories().stream()
                .flatMap(inventory -> inventory.deadLetterQueues().stream())
                .map(dlq -> List.of(dlq.connection(), dlq.name()))
                .toList();
    }

    /** The DLQ and source queue names an operator can filter by. */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public FilterOptions filterOptions() {
        var dlqs = new java.util.TreeSet<String>();
        var sources = new java.util.TreeSet<String>();
        for (var inventory : discovery.inventories()) {
            for (var dlq : inventory.deadLetterQueues()) {
                dlqs.add(dlq.name());
                dlq.sources().forEach(source -> sources.add(source.name()));
            }
        }
        countsByDlq().forEach(count -> dlqs.add(count.dlq()));
        var connections = new java.util.TreeSet<String>();
        discovery.inventories().forEach(i -> connections.add(i.connection()));
        countsByDlq().forEach(count -> connections.add(count.connection()));
        return new FilterOptions(List.copyOf(dlqs), List.copyOf(sources), List.copyOf(connections));
    }

    /** Choices for the Messages view's filters. */
    public record FilterOptions(List<String> dlqs, List<String> sources, List<String> connections) {}

    /** Drains one DLQ now instead of at its next scheduled run. */
    @PreAuthorize("hasRole('OPERATOR')")
    public ParkResult parkNow(String connection, String dlqName) {
        var dlq = discovery
                .findFresh(connection, dlqName)
                .orElseThrow(() -> new IllegalArgumentException("No DLQ named " + dlqName + " on " + connection));
        var event = AuditEntry.of("dlq.park-now", connection + "/" + dlqName, null);
        try {
            var result = parker.drain(dlq, MANUAL_DRAIN);
            audit.recordAlone(event.withDetail(result.toString()));
            return result;
        } catch (RuntimeException e) {
            audit.recordAlone(event.withOutcome(AuditEvent.Outcome.FAILED, e.getMessage()));
            throw new IllegalStateException("Parking " + dlqName + " failed: " + e.getMessage(), e);
        }
    }

    /** A manual "Park now" gives up after this long, so a DLQ that keeps filling never holds a page. */
    private static final java.time.Duration MANUAL_DRAIN = java.time.Duration.ofSeconds(20);

    /** Discards parked messages: they stay visible as discarded until the retention purge. */
    @PreAuthorize("hasRole('OPERATOR')")
    @Transactional
    public int discard(Collection<Long> ids, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("A discard needs a reason");
        }
        if (ids.isEmpty() || ids.size() > MAX_BATCH) {
            throw new IllegalArgumentException("Discard between 1 and " + MAX_BATCH + " messages at once");
        }
        if (reason.strip().length() > 1000) {
            throw new IllegalArgumentException("Keep the reason under 1,000 characters");
        }
        var name = SecurityContextHolder.getContext().getAuthentication().getName();
        var operator = name.length() > 100 ? name.substring(0, 100) : name;
        int discarded = states.discard(ids, operator, reason.strip(), clock.instant());
        audit.record(AuditEntry.of("message.discard", messages(ids), reason.strip())
                .withDetail(discarded + " of " + ids.size() + " discarded (the others were no longer parked)"));
        log.info("{} discarded {} parked messages: {}", operator, discarded, reason.strip());
        return discarded;
    }

    /** Ids of messages that match, newest first, up to {@code limit}: a selection frozen now. */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public List<Long> matchingIds(MessageFilter filter, int limit) {
        return lot.ids(filter, checkLimit(limit));
    }

    /**
     * Handled messages (replayed or discarded) leave after the retention; parked ones never do. Run by
     * {@link RetentionPurge} on one instance of the cluster.
     */
    @Transactional
    public void purgeHandled() {
        var purged = lot.purgeHandledBefore(clock.instant().minus(properties.handledRetention()));
        // The inflow charts show a day; their buckets go after a week, whatever the messages' fate.
        inflow.purgeBefore(clock.instant().minus(ParkedInflow.KEPT));
        if (purged > 0) {
            audit.record(AuditEntry.of("retention.purge", purged + " handled messages", null)
                    .by(AuditLog.SYSTEM)
                    .withDetail("older than " + properties.handledRetention()));
            log.info("Purged {} handled messages older than {}", purged, properties.handledRetention());
        }
    }

    /** "messages 12, 13, 14" (the first hundred, then how many more), for the audit trail. */
    private static String messages(Collection<Long> ids) {
        var shown = ids.stream().limit(100).map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
        return "messages " + shown + (ids.size() > 100 ? " and " + (ids.size() - 100) + " more" : "");
    }

    private static int checkLimit(int limit) {
        if (limit < 1 || limit > MAX_BATCH) {
            throw new IllegalArgumentException("A page holds between 1 and " + MAX_BATCH + " rows");
        }
        return limit;
    }
}
