package dev.dlqconsole.overview;

import dev.dlqconsole.sqs.ConnectionInventory;
import dev.dlqconsole.sqs.ConnectionSettings;
import dev.dlqconsole.sqs.DlqDiscovery;
import dev.dlqconsole.sqs.SqsGateway;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** What the Overview shows: every DLQ on every connection, with the connections that failed. */
@Service
public class OverviewService {

    private final DlqDiscovery discovery;
    private final SqsGateway sqs;

    OverviewService(DlqDiscovery discovery, SqsGateway sqs) {
        this.discovery = discovery;
        this.sqs = sqs;
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

    /** Discovers again now, rather than at the next scheduled refresh. */
    @PreAuthorize("hasRole('VIEWER')")
    public List<ConnectionInventory> refresh() {
        return sqs.connectionNames().stream().map(discovery::refresh).toList();
    }
}
