package dev.dlqconsole.overview;

import dev.dlqconsole.parking.DlqParkingCount;
import dev.dlqconsole.parking.ParkResult;
import dev.dlqconsole.parking.ParkingService;
import dev.dlqconsole.sqs.ConnectionInventory;
import dev.dlqconsole.sqs.ConnectionSettings;
import dev.dlqconsole.sqs.DlqDiscovery;
import dev.dlqconsole.sqs.SqsGateway;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** What the Overview shows: every DLQ on every connection, with the connections that failed. */
@Service
public class OverviewService {

    private final DlqDiscovery discovery;
    private final SqsGateway sqs;
    private final ParkingService parking;

    OverviewService(DlqDiscovery discovery, SqsGateway sqs, ParkingService parking) {
        this.discovery = discovery;
        this.sqs = sqs;
        this.parking = parking;
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
