package dev.dlqconsole.overview;

import dev.dlqconsole.incident.Incident;
import dev.dlqconsole.incident.IncidentService;
import dev.dlqconsole.parking.DlqInflow;
import dev.dlqconsole.parking.DlqParkingCount;
import dev.dlqconsole.parking.GroupInflow;
import dev.dlqconsole.parking.ParkResult;
import dev.dlqconsole.parking.ParkingService;
import dev.dlqconsole.replay.ReplayJob;
import dev.dlqconsole.replay.ReplayService;
import dev.dlqconsole.sqs.ConnectionInventory;
import dev.dlqconsole.sqs.ConnectionSettings;
import dev.dlqconsole.sqs.DlqDiscovery;
import dev.dlqconsole.sqs.SqsGateway;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * What the Overview shows: every DLQ on every connection, with the connections that failed, and what is
 * wrong right now: inflow, oldest waiting messages, top failure groups, open incidents, unfinished jobs.
 */
@Service
public class OverviewService {

    private final DlqDiscovery discovery;
    private final SqsGateway sqs;
    private final ParkingService parking;
    private final IncidentService incidents;
    private final ReplayService replays;

    OverviewService(
            DlqDiscovery discovery,
            SqsGateway sqs,
            ParkingService parking,
            IncidentService incidents,
            ReplayService replays) {
        this.discovery = discovery;
        this.sqs = sqs;
        this.parking = parking;
        this.incidents = incidents;
        this.replays = replays;
    }

    /** Per DLQ, keyed as {@link #key}: its inflow over the last day and its oldest waiting message. */
    @PreAuthorize("hasRole('VIEWER')")
    public Map<String, DlqInflow> inflowByDlq() {
        var inflow = new HashMap<String, DlqInflow>();
        parking.inflowByDlq().forEach(d -> inflow.put(key(d.connection(), d.dlq()), d));
        return inflow;
    }

    /** The failure groups that parked most over the last day. */
    @PreAuthorize("hasRole('VIEWER')")
    public List<GroupInflow> topGroups() {
        return parking.topGroups(TOP_GROUPS);
    }

    private static final int TOP_GROUPS = 5;

    /** The open incidents among the latest hundred, newest first. */
    @PreAuthorize("hasRole('VIEWER')")
    public List<Incident> openIncidents() {
        return incidents.recent(100).stream().filter(Incident::open).toList();
    }

    /** Replay jobs not yet finished (running or paused) among the latest hundred, newest first. */
    @PreAuthorize("hasRole('VIEWER')")
    public List<ReplayJob> unfinishedJobs() {
        return replays.recentJobs(100).stream()
                .filter(job -> !job.status().finished())
                .toList();
    }

    /** What the parking lot holds per DLQ, keyed by connection and DLQ name. */
    @PreAuthorize("hasRole('VIEWER')")
    public Map<String, DlqParkingCount> parkedCounts() {
        var counts = new HashMap<String, DlqParkingCount>();
        parking.countsByDlq().forEach(c -> counts.put(key(c.connection(), c.dlq()), c));
        return counts;
    }

    public static String key(String connection, String dlq) {
        return connection + "/" + dlq;
    }

    /** Drains the DLQ into the parking lot now. */
    @PreAuthorize("hasRole('OPERATOR')")
    public ParkResult parkNow(String connection, String dlq) {
        return parking.parkNow(connection, dlq);
    }

    @PreAuthorize("hasRole('VIEWER')")
    public List<ConnectionInventory> inventories() {
        return discovery.inventories();
    }

    /** The configured connections; admins only, since they reveal accounts and endpoints. */
    @PreAuthorize("hasRole('ADMIN')")
    public List<ConnectionSettings> connections() {
        return sqs.connectionSettings();
    }

    /**
     * Discovers again now, rather than at the next scheduled refresh, unless an instance did within the
     * discovery interval (then its inventory): it lists every queue of every connection, so it is an
     * operator's action and goes through the discovery lease like the schedule.
     */
    @PreAuthorize("hasRole('OPERATOR')")
    public List<ConnectionInventory> refresh() {
        return sqs.connectionNames().stream()
                .map(discovery::refreshOncePerInterval)
                .toList();
    }
}
